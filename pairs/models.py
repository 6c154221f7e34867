"""Peer groups, their sessions and the sign-ups to them.

Joining a group of women facing breast cancer reveals a health condition: every sign-up is health data (RGPD art.
9). Sign-ups are taken without an account, with explicit consent, and anonymised a set time after the group's last
session (`anonymise_group_registrations`). Places are counted in the database under a row lock on the group
(pairs/services.py), so the capacity is never exceeded.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from guichet.models import EditorialModel, ForAudience, Organised, Placed, SluggedModel, five_digit_postal_code
from guichet.search import SearchableModel
from guichet.services import anonymise_admin_log
from guichet.targeting import ForAudienceQuerySet
from pairs.enums import ACTIVE_STATUSES, GroupFormat, RegistrationStatus

DEFAULT_CHARTER = "\n".join(
    [
        "Ce qui se dit dans le groupe reste dans le groupe : on ne répète rien, à personne, sans l'accord de celle "
        "qui l'a dit.",
        "On s'écoute sans juger, avec bienveillance ; chacune parle à son rythme, et peut aussi ne rien dire.",
        "On partage son expérience, pas des conseils médicaux : pour les traitements, on s'adresse à son équipe "
        "soignante.",
        "On respecte les horaires et on prévient l'animatrice en cas d'absence.",
    ]
)


class PeerGroupQuerySet(ForAudienceQuerySet):
    def for_departement(self, code: str):
        """Groups meeting in this département, and every group held by video."""
        return self.filter(Q(format=GroupFormat.VIDEO) | Q(departement__code=code))

    def not_over(self, now=None):
        """Groups whose last session has not ended yet."""
        now = now or timezone.now()
        return self.filter(Exists(GroupSession.objects.filter(group=OuterRef("pk"), ends_at__gt=now)))

    def with_places(self, now=None):
        """Annotate `places_taken` (confirmed, and offered for 48 hours) and `places_left`, one subquery each."""
        taken = (
            Registration.objects.filter(group=OuterRef("pk"))
            .holding_place(now)
            .order_by()
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(places_taken=Coalesce(Subquery(taken), 0)).annotate(
            places_left=F("capacity") - F("places_taken")
        )

    def for_list(self, now=None):
        return (
            self.published()
            .not_over(now)
            .with_places(now)
            .annotate(
                first_session=Subquery(
                    GroupSession.objects.filter(group=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
                ),
                session_count=Subquery(
                    GroupSession.objects.filter(group=OuterRef("pk"))
                    .order_by()
                    .values("group")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
            )
            .select_related("departement")
            .prefetch_related("themes")
            .order_by("first_session", "pk")
        )


class PeerGroup(Organised, Placed, ForAudience, SluggedModel, SearchableModel, EditorialModel):
    """Who organises it, where it meets and for whom: guichet.models.gatherings, shared with the events."""

    place_words = "où le groupe se réunit"

    name = models.CharField("nom", max_length=200)
    summary = models.CharField("en bref", max_length=300, help_text="Une phrase : pour qui, pour quoi.")
    description = models.TextField(
        "présentation", blank=True, help_text="Texte simple ; une ligne vide sépare deux paragraphes."
    )
    format = models.CharField("format", max_length=10, choices=GroupFormat.choices, default=GroupFormat.ON_SITE)
    access_details = models.TextField(
        "informations pour les inscrites",
        blank=True,
        help_text="Lien de visio, code d'accès, étage… Envoyé seulement aux inscrites confirmées, jamais publié.",
    )
    capacity = models.PositiveSmallIntegerField("nombre de places", default=10)
    facilitator_name = models.CharField(
        "animatrice", max_length=120, help_text="Son nom ou son prénom, comme elle souhaite apparaître."
    )
    facilitator_role = models.CharField(
        "rôle de l'animatrice", max_length=200, blank=True, help_text="Par exemple : psychologue, paire-aidante."
    )
    charter = models.TextField("charte du groupe", default=DEFAULT_CHARTER, help_text="Une règle par ligne.")
    is_open = models.BooleanField(
        "inscriptions ouvertes",
        default=True,
        help_text="Décochez pour fermer les inscriptions (le groupe reste affiché).",
    )
    is_demo = models.BooleanField("démonstration", default=False, help_text="Groupe fictif de démonstration.")

    objects = PeerGroupQuerySet.as_manager()

    class Meta:
        verbose_name = "groupe de pairs"
        verbose_name_plural = "groupes de pairs"
        ordering = ["name"]
        default_related_name = "peer_groups"  # structure.peer_groups (the organiser, guichet.models.Organised)
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=100), name="peer_group_capacity_range"
            ),
            five_digit_postal_code("peer_group_postal_code_five_digits"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pairs:detail", kwargs={"slug": self.slug})

    def search_document(self) -> str:
        return " ".join([self.name, self.summary, self.description, self.city, self.facilitator_role])

    def clean(self):
        errors = self.place_errors() | self.organiser_errors()
        if errors:
            raise ValidationError(errors)

    # Words and facts for the pages.

    @property
    def is_video(self) -> bool:
        return self.format == GroupFormat.VIDEO

    @property
    def is_on_site(self) -> bool:
        return self.format == GroupFormat.ON_SITE

    @property
    def charter_rules(self) -> list[str]:
        return [line.strip() for line in self.charter.splitlines() if line.strip()]

    def places_left_now(self) -> int:
        return self.capacity - self.registrations.holding_place().count()

    def last_session_end(self):
        return self.sessions.order_by("-ends_at").values_list("ends_at", flat=True).first()

    def accepts_signups(self, now=None) -> bool:
        """Open, published, and its last session has not started."""
        now = now or timezone.now()
        last_start = self.sessions.order_by("-starts_at").values_list("starts_at", flat=True).first()
        return self.is_open and self.is_published and last_start is not None and last_start > now


class GroupSession(models.Model):
    # Shown with its group, and the groups a parcours suggests are chosen by their sessions: a change clears cached
    # pages and each process's copy of them (guichet.sharedcache).
    public_content = True

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")

    class Meta:
        verbose_name = "séance"
        verbose_name_plural = "séances"
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "starts_at"], name="group_session_unique_start"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="group_session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.group} — {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "La fin doit venir après le début."})


class RegistrationQuerySet(models.QuerySet):
    def unconfirmed(self):
        """Signed up from the form, her address not confirmed yet: no place is taken (issue 17)."""
        return self.filter(status=RegistrationStatus.PENDING, hold_expires_at__isnull=True)

    def holding_place(self, now=None):
        """Confirmed, or offered a place (from the waiting list, or by the coordinator) within the 48-hour hold. A
        sign-up whose address is not confirmed holds nothing: its `hold_expires_at` is empty."""
        now = now or timezone.now()
        return self.filter(
            Q(status=RegistrationStatus.CONFIRMED) | Q(status=RegistrationStatus.PENDING, hold_expires_at__gt=now)
        )

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def with_waiting_position(self):
        """Annotate `waiting_before`: how many wait before her in her group (one subquery, not a query per row)."""
        earlier = (
            Registration.objects.filter(group=OuterRef("group"), status=RegistrationStatus.WAITING)
            .filter(
                Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
                | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(waiting_before=Coalesce(Subquery(earlier), 0))

    def waiting_list(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("waitlisted_at", "pk")

    def visible_to(self, user):
        """Sign-ups are seen by the coordinator, and by operators for their organisations' groups only."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator:
            return self
        if user.is_operator:
            return self.filter(group__owner__members=user)
        return self.none()

    def to_anonymise(self, now=None):
        """Sign-ups of groups whose last session ended more than GUICHET_GROUP_RETENTION_DAYS ago."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.GUICHET_GROUP_RETENTION_DAYS)
        recent = GroupSession.objects.filter(group=OuterRef("group"), ends_at__gt=cutoff)
        return self.filter(anonymised_at__isnull=True).exclude(Exists(recent))


class Registration(models.Model):
    group = models.ForeignKey(PeerGroup, verbose_name="groupe", on_delete=models.CASCADE, related_name="registrations")
    first_name = models.CharField("prénom ou pseudonyme", max_length=60, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    expectations = models.TextField("ce qu'elle attend du groupe", blank=True)
    status = models.CharField("statut", max_length=16, choices=RegistrationStatus.choices, db_index=True)
    created_at = models.DateTimeField("inscrite le", auto_now_add=True)
    hold_expires_at = models.DateTimeField("place gardée jusqu'au", null=True, blank=True)
    waitlisted_at = models.DateTimeField("sur la liste d'attente depuis", null=True, blank=True)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    consented_at = models.DateTimeField("accord donné le", null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ajoutée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)
    # A keyed hash of the address the form came from, while her e-mail is not confirmed (limits pending sign-ups
    # per address); emptied at confirmation or expiry.
    fingerprint = models.CharField(max_length=32, blank=True, editable=False, db_index=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="registration_one_current_per_email",
            ),
        ]
        indexes = [models.Index(fields=["group", "status"], name="registration_group_status")]

    def __str__(self):
        return self.first_name or f"Inscription n° {self.pk} (anonymisée)"

    @property
    def awaits_confirmation(self) -> bool:
        return self.status == RegistrationStatus.PENDING

    @property
    def waiting_position(self) -> int | None:
        if self.status != RegistrationStatus.WAITING:
            return None
        if hasattr(self, "waiting_before"):
            return self.waiting_before + 1
        before = Registration.objects.filter(group_id=self.group_id, status=RegistrationStatus.WAITING).filter(
            Q(waitlisted_at__lt=self.waitlisted_at) | Q(waitlisted_at=self.waitlisted_at, pk__lt=self.pk)
        )
        return before.count() + 1

    def anonymise(self, now=None) -> None:
        """Keep what the counts need (group, status, dates); forget who she is and what she wrote."""
        self.first_name = self.email = self.phone = self.expectations = self.fingerprint = ""
        self.anonymised_at = now or timezone.now()
        self.save(update_fields=["first_name", "email", "phone", "expectations", "fingerprint", "anonymised_at"])
        anonymise_admin_log(Registration, [self.pk], label=str(self))
        self.reminders.all().delete()


class SessionReminder(models.Model):
    """One reminder sent for one session to one participant: never twice."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reminders")
    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rappel envoyé"
        verbose_name_plural = "rappels envoyés"
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="session_reminder_once"),
        ]

    def __str__(self):
        return f"Rappel du {timezone.localtime(self.sent_at):%d/%m/%Y %H:%M}"
