"""An alert: someone asked, without an account, to be told by e-mail what is new or changed.

Two kinds (enums.AlertKind): changes to one followed entry (an aid, an event, a peer group: a generic reference),
or new entries matching a stored filter set (her profile or a search). The filters may hold her phase, which is health
data: stored only with her explicit consent (`health_consent_at`), and deleted with the alert — at unsubscribe, or
after 12 months without a renewed confirmation (alertes.services.expire).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from alertes.enums import AlertKind, Rhythm
from guichet import kinds


def followable() -> list[str]:
    """What a visitor may follow: the models of the kinds of content that say so (guichet.kinds: `follow`), whose
    public detail pages have a "Me prévenir" block."""
    labels = [kind.model._meta.label_lower for kind in kinds.registered() if kind.follow is not None]
    return list(dict.fromkeys(labels))


def new_secret() -> str:
    return secrets.token_urlsafe(24)


class AlertQuerySet(models.QuerySet):
    def confirmed(self):
        """She clicked the link in the confirmation e-mail: the only alerts that receive anything."""
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_since(self, now=None):
        """Never confirmed, GUICHET_ALERT_UNCONFIRMED_DAYS after they were asked for: deleted."""
        now = now or timezone.now()
        return self.filter(
            confirmed_at__isnull=True, created_at__lt=now - timedelta(days=settings.GUICHET_ALERT_UNCONFIRMED_DAYS)
        )

    def due_for_renewal(self, now=None):
        """Confirmed about 11 months ago and not asked again yet."""
        now = now or timezone.now()
        return self.confirmed().filter(
            last_confirmed_at__lt=now - timedelta(days=settings.GUICHET_ALERT_RENEWAL_DAYS),
            renewal_requested_at__isnull=True,
        )

    def expired(self, now=None):
        """No confirmation for 12 months: deleted with what they hold."""
        now = now or timezone.now()
        return self.confirmed().filter(last_confirmed_at__lt=now - timedelta(days=settings.GUICHET_ALERT_EXPIRY_DAYS))

    def due_for_digest(self, now=None):
        """Confirmed alerts whose rhythm allows a message now: at every run, or once a week."""
        now = now or timezone.now()
        return self.confirmed().filter(Q(rhythm=Rhythm.AS_IT_HAPPENS) | Q(last_digest_at__lte=now - timedelta(days=7)))

    def for_email(self, email: str):
        """Her alerts, for the account page (a verified address only: the caller checks)."""
        return self.filter(email__iexact=email)


class Alert(models.Model):
    email = models.EmailField("adresse e-mail")
    kind = models.CharField("ce qu'elle suit", max_length=10, choices=AlertKind.choices)
    rhythm = models.CharField("rythme", max_length=10, choices=Rhythm.choices, default=Rhythm.AS_IT_HAPPENS)
    # AlertKind.ENTRY: the followed entry.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    entry = GenericForeignKey("content_type", "object_id")
    # AlertKind.SEARCH: the listing's filters (e.g. {"phase": "traitement", "departement": "13"}). Health data when
    # it holds her phase: only with `health_consent_at`, deleted with the alert.
    filters = models.JSONField("filtres", default=dict, blank=True)
    health_consent_at = models.DateTimeField("consentement (données de santé) le", null=True, blank=True)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    confirmed_at = models.DateTimeField("confirmée le", null=True, blank=True)
    last_confirmed_at = models.DateTimeField("dernière confirmation le", null=True, blank=True)
    renewal_requested_at = models.DateTimeField("renouvellement demandé le", null=True, blank=True)
    # What the next digest tells: changes after this moment (set at confirmation, then at each digest).
    last_digest_at = models.DateTimeField("dernier envoi le", null=True, blank=True)
    # A followed peer group: its free places at the last digest (a place freed = 0 then, more now).
    places_left = models.IntegerField("places libres au dernier envoi", null=True, blank=True)
    # In the unsubscribe link, compared in constant time; never shown in the admin.
    secret = models.CharField(max_length=64, default=new_secret, editable=False)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte"
        verbose_name_plural = "alertes"
        indexes = [models.Index(fields=["content_type", "object_id"], name="alert_followed_entry")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=AlertKind.SEARCH) | Q(content_type__isnull=False, object_id__isnull=False),
                name="alert_entry_has_its_reference",
            ),
            models.CheckConstraint(
                condition=~Q(filters__has_key="phase") | Q(health_consent_at__isnull=False),
                name="alert_phase_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(last_confirmed_at__isnull=False),
                name="alert_confirmed_has_last_confirmation",
            ),
        ]

    def __str__(self):
        return f"Alerte n° {self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_search(self) -> bool:
        return self.kind == AlertKind.SEARCH

    @property
    def search_what(self) -> str:
        """What a search alert follows, in words: "les nouvelles aides", "les nouveaux événements"…"""
        from alertes.listings import listing_of

        return listing_of(self.filters).what

    @property
    def unsubscribe_token(self) -> str:
        return f"{self.pk}-{self.secret}"

    @classmethod
    def from_unsubscribe_token(cls, token: str):
        """The alert this token names, or None (the secret compared in constant time)."""
        pk, _, secret = (token or "").partition("-")
        if not pk.isdigit() or not secret:
            return None
        alert = cls.objects.filter(pk=int(pk)).first()
        if alert is None or not constant_time_compare(alert.secret, secret):
            return None
        return alert
