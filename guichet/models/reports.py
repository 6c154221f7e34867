"""Reports of wrong or outdated information, sent from any public detail page."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


def client_fingerprint(ip_address: str) -> str:
    """A keyed hash of the visitor's address (an IPv6 address's /64), only to limit rates; never stored as such."""
    from guichet.ratelimit import address_key

    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address_key(ip_address).encode(), hashlib.sha256).hexdigest()[:32]


class ErrorReportQuerySet(models.QuerySet):
    def pending(self):
        """Reports the coordinator has not handled yet."""
        return self.filter(handled_at__isnull=True)

    def recent_from(self, fingerprint: str, *, within=timedelta(hours=1)):
        """Reports sent from the same address within the last hour (rate limit)."""
        return self.filter(fingerprint=fingerprint, created_at__gte=timezone.now() - within)

    def expired(self, now=None):
        """Handled reports past their retention period (GUICHET_REPORT_RETENTION_DAYS), and reports never handled
        past a longer one (GUICHET_REPORT_UNHANDLED_RETENTION_DAYS): none is kept for ever."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.GUICHET_REPORT_RETENTION_DAYS)
        unhandled_cutoff = now - timedelta(days=settings.GUICHET_REPORT_UNHANDLED_RETENTION_DAYS)
        return self.filter(Q(handled_at__lt=cutoff) | Q(handled_at__isnull=True, created_at__lt=unhandled_cutoff))


class ErrorReport(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entry = GenericForeignKey("content_type", "object_id")
    entry_title = models.CharField("fiche concernée", max_length=300)
    entry_url = models.CharField("adresse de la fiche", max_length=500)
    message = models.TextField("message")
    email = models.EmailField("e-mail pour la réponse", blank=True)
    fingerprint = models.CharField(max_length=32, editable=False, db_index=True)
    created_at = models.DateTimeField("reçu le", auto_now_add=True)
    handled_at = models.DateTimeField("traité le", null=True, blank=True)
    handling_note = models.TextField("note de traitement", blank=True)

    objects = ErrorReportQuerySet.as_manager()

    class Meta:
        verbose_name = "signalement d'erreur"
        verbose_name_plural = "signalements d'erreur"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"Signalement sur « {self.entry_title} »"

    @property
    def is_handled(self) -> bool:
        return self.handled_at is not None
