"""The editorial base every public content model inherits: owner, status, freshness, history, permissions."""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from guichet.enums import EditorialStatus, ProposalState

# What an operator may do: move her own entries between these two statuses, nothing else.
OPERATOR_STATUSES = {EditorialStatus.DRAFT, EditorialStatus.REVIEW}
# Submitting or publishing validates the whole entry; drafts may be incomplete.
VALIDATED_STATUSES = {EditorialStatus.REVIEW, EditorialStatus.PUBLISHED}
# Never part of a proposed change: who owns the entry, where it stands in the workflow, and bookkeeping.
PROTECTED_FIELDS = {"id", "owner", "status", "created_at", "updated_at", "reviewed_at", "search_text"}


def _request_user():
    """The person behind the current request (django-simple-history's middleware keeps the request), or None for a
    management command."""
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def review_cutoff(now=None):
    now = now or timezone.now()
    return now - timedelta(days=settings.GUICHET_REVIEW_AFTER_DAYS)


class EditorialQuerySet(models.QuerySet):
    def published(self):
        """Visible on the public site: published, never drafts, entries under review or archived ones."""
        return self.filter(status=EditorialStatus.PUBLISHED)

    def needs_review(self, now=None):
        """Not verified by a human for six months (GUICHET_REVIEW_AFTER_DAYS), or never; archives excluded."""
        return self.exclude(status=EditorialStatus.ARCHIVED).filter(
            Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=review_cutoff(now))
        )

    def editable_by(self, user):
        """What this person may see and edit in the back office: all for the coordinator, her
        organisations' entries for an operator, nothing for anyone else."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator:
            return self
        if user.is_operator:
            return self.filter(owner__members=user)
        return self.none()

    def visible_to(self, user):
        """Published entries, plus a preview of unpublished ones for those who may edit them."""
        if user.is_authenticated and (user.is_coordinator or user.is_operator):
            return self.filter(Q(status=EditorialStatus.PUBLISHED) | Q(pk__in=self.editable_by(user)))
        return self.published()


class EditorialModel(models.Model):
    owner = models.ForeignKey(
        "guichet.Organisation",
        verbose_name="organisation propriétaire",
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_entries",
    )
    status = models.CharField(
        "statut",
        max_length=12,
        choices=EditorialStatus.choices,
        default=EditorialStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)
    reviewed_at = models.DateTimeField(
        "vérifiée le",
        null=True,
        blank=True,
        help_text="Dernière fois qu'une personne de l'équipe a confirmé l'entrée contre sa source.",
    )
    source_url = models.URLField("source", max_length=500, blank=True)
    source_date = models.DateField(
        "source datée du",
        null=True,
        blank=True,
        help_text="La date de la page source elle-même. Ce n'est pas une vérification : « vérifié le » ne se remplit "
        "que quand une personne confirme l'entrée.",
    )
    # Every saved version, with who saved it (django-simple-history): the coordinator's desk diffs against the last
    # published one.
    history = HistoricalRecords(inherit=True)

    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.check_operator_save()
        super().save(*args, **kwargs)

    def check_operator_save(self) -> None:
        """The rule below every path (admin form, inline, action, import, history revert): during an operator's
        request, a published entry changes only through an approved proposed change (guichet.proposals), an entry
        is published only by the coordinator, and its owner never changes. Management commands have no request."""
        user = _request_user()
        if user is None or user.is_coordinator or self._state.adding or self.pk is None:
            return
        from guichet import proposals

        if proposals.applying(self):
            return
        live = type(self).objects.filter(pk=self.pk).values("status", "owner_id").first()
        if live is None:
            return
        if live["owner_id"] != self.owner_id:
            raise PermissionDenied("Seule l'animatrice change l'organisation propriétaire d'une fiche.")
        if EditorialStatus.PUBLISHED in (live["status"], self.status):
            raise PermissionDenied(
                "Une fiche publiée ne change qu'après relecture : proposez la modification, l'animatrice la publie."
            )

    @property
    def is_published(self) -> bool:
        return self.status == EditorialStatus.PUBLISHED

    @property
    def is_outdated(self) -> bool:
        """Verified by the team, but not for six months and the grace period: the public page warns "information
        ancienne". An entry nobody has verified yet is not "ancienne": its page says "pas encore vérifiée par
        l'équipe" (and the back office still counts it "à actualiser", see is_stale)."""
        if self.reviewed_at is None:
            return False
        days = settings.GUICHET_REVIEW_AFTER_DAYS + settings.GUICHET_OUTDATED_GRACE_DAYS
        return self.reviewed_at < timezone.now() - timedelta(days=days)

    @property
    def is_stale(self) -> bool:
        """Never verified by the team, or not for six months: flagged "à actualiser" in the back office."""
        return self.reviewed_at is None or self.reviewed_at < review_cutoff()

    # Permissions: one rule, asked by the admin and the views alike.

    def can_edit(self, user) -> bool:
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_coordinator:
            return True
        return user.is_operator and self.owner.members.filter(pk=user.pk).exists()

    def allowed_statuses(self, user) -> set[str]:
        """The statuses this person may move the entry to from its current one."""
        if not self.can_edit(user):
            return set()
        if user.is_coordinator:
            targets = set(EditorialStatus.values)
        elif self.status in OPERATOR_STATUSES:
            targets = set(OPERATOR_STATUSES)
        else:
            targets = set()
        targets.discard(self.status)
        return targets

    # Named transitions: each saves through save() and leaves a history row.

    def change_status(self, to: str, *, by, note: str = "") -> None:
        if to not in self.allowed_statuses(by):
            raise PermissionDenied(
                f"Vous ne pouvez pas passer cette fiche de « {self.get_status_display()} » "
                f"à « {EditorialStatus(to).label} »."
            )
        if to in VALIDATED_STATUSES:
            self.full_clean()
        previous = self.status
        self.status = to
        if to == EditorialStatus.PUBLISHED:
            # Publishing is a human verification.
            self.reviewed_at = timezone.now()
        with transaction.atomic():
            first_publication = to == EditorialStatus.PUBLISHED and not self.was_ever_published()
            self.save()
            StatusChange.record(self, by=by, from_status=previous, to_status=to, note=note)
            if to == EditorialStatus.REVIEW:
                from guichet import review

                review.notify_submitted(self, by=by)
            if first_publication:
                from guichet import services

                services.notify_first_publication(self, by=by)

    def was_ever_published(self) -> bool:
        """Published at some point before now (a status record, or a saved version, e.g. from loaded content)."""
        if self.pk is None:
            return False
        content_type = ContentType.objects.get_for_model(self)
        records = StatusChange.objects.filter(content_type=content_type, object_id=self.pk)
        return (
            records.filter(to_status=EditorialStatus.PUBLISHED).exists()
            or self.history.filter(status=EditorialStatus.PUBLISHED).exists()
        )

    def submit_for_review(self, *, by, note: str = "") -> None:
        self.change_status(EditorialStatus.REVIEW, by=by, note=note)

    def back_to_draft(self, *, by, note: str = "") -> None:
        self.change_status(EditorialStatus.DRAFT, by=by, note=note)

    def publish(self, *, by, note: str = "") -> None:
        self.change_status(EditorialStatus.PUBLISHED, by=by, note=note)

    def archive(self, *, by, note: str = "") -> None:
        self.change_status(EditorialStatus.ARCHIVED, by=by, note=note)

    def confirm_up_to_date(self, *, by) -> None:
        """She looked at the entry and it is still right: stamp the verification date."""
        if not self.can_edit(by):
            raise PermissionDenied("Vous ne pouvez pas confirmer cette fiche.")
        from guichet import proposals

        # Only the date: edits the form made to this instance in memory (a proposed change) stay proposed.
        fresh = type(self).objects.get(pk=self.pk)
        self.reviewed_at = fresh.reviewed_at = timezone.now()
        with transaction.atomic(), proposals.allowed(fresh):
            fresh.save()
            StatusChange.record(
                self,
                by=by,
                from_status=self.status,
                to_status=self.status,
                note="Informations confirmées à jour.",
            )


class StatusChange(models.Model):
    """One row per status transition or verification of any editorial entry: who, from, to, when."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    from_status = models.CharField("de", max_length=12, choices=EditorialStatus.choices)
    to_status = models.CharField("vers", max_length=12, choices=EditorialStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.CharField("note", max_length=500, blank=True)
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "changements de statut"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @classmethod
    def record(cls, entry, *, by, from_status, to_status, note=""):
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(entry),
            object_id=entry.pk,
            from_status=from_status,
            to_status=to_status,
            by=by if by and by.is_authenticated else None,
            note=note,
        )


class ProposedChangeQuerySet(models.QuerySet):
    def open(self):
        """Not yet applied: waiting for the coordinator, or sent back to the operator with a comment."""
        return self.filter(state__in=[ProposalState.PENDING, ProposalState.SENT_BACK])

    def pending(self):
        """Waiting for the coordinator's review."""
        return self.filter(state=ProposalState.PENDING)

    def for_entry(self, entry):
        """The proposed changes of one entry."""
        return self.filter(content_type=ContentType.objects.get_for_model(entry), object_id=entry.pk)


class ProposedChange(models.Model):
    """An operator's edit of a published entry, kept aside while the published version stays online: the new
    values of its fields (`values`, JSON, only those that differ), its many-to-many choices (`m2m`, primary keys)
    and its inline rows (`inlines`: per relation, rows updated, added and deleted). At most one open per entry;
    the rules are in guichet.proposals."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    state = models.CharField(
        "état", max_length=12, choices=ProposalState.choices, default=ProposalState.PENDING, db_index=True
    )
    values = models.JSONField("champs modifiés", default=dict, blank=True, encoder=DjangoJSONEncoder)
    m2m = models.JSONField("choix modifiés", default=dict, blank=True, encoder=DjangoJSONEncoder)
    inlines = models.JSONField("lignes modifiées", default=dict, blank=True, encoder=DjangoJSONEncoder)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="proposée par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField("commentaire de l'animatrice", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="relue par", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField("relue le", null=True, blank=True)
    created_at = models.DateTimeField("proposée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ProposedChangeQuerySet.as_manager()

    class Meta:
        verbose_name = "modification proposée"
        verbose_name_plural = "modifications proposées"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=[ProposalState.PENDING, ProposalState.SENT_BACK]),
                name="one_open_proposal_per_entry",
            )
        ]

    def __str__(self):
        return f"{self.get_state_display()} — {self.entry}"

    @property
    def is_empty(self) -> bool:
        return not (self.values or self.m2m or self.inlines)

    @property
    def is_pending(self) -> bool:
        """Waiting for the coordinator's decision."""
        return self.state == ProposalState.PENDING

    @property
    def is_sent_back(self) -> bool:
        """Sent back to its author with a comment."""
        return self.state == ProposalState.SENT_BACK


def editorial_models() -> list:
    """Every model of the site with an owner, a status and a review date."""
    return [model for model in apps.get_models() if issubclass(model, EditorialModel)]
