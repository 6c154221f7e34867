"""Keeping content current: who has entries to refresh, and the reminders (one e-mail per operator, a summary for the
coordinator; at most one of each per day, so cron may run twice a day)."""

from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from courriel import mail
from guichet.enums import Role
from guichet.models import ReminderSent, User
from guichet.models.editorial import editorial_models
from guichet.shortcuts import admin_url


def stale_entries(queryset_filter=None) -> list:
    """Entries never verified by the team, or not for six months (archives excluded), every model, with their owner."""
    entries = []
    for model in editorial_models():
        queryset = model.objects.needs_review().select_related("owner")
        if queryset_filter is not None:
            queryset = queryset.filter(**queryset_filter)
        entries.extend(queryset)
    return sorted(entries, key=lambda e: (e.owner.name, e.reviewed_at is not None, e.reviewed_at or 0, str(e)))


def _send_once(kind: str, recipient: str, day, send) -> bool:
    """Send and record in one transaction: already sent today, nothing happens; the sending fails, nothing is
    recorded (the next run tries again)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, recipient=recipient, day=day)
            send()
        return True
    except IntegrityError:
        return False


def send_reminders(*, now=None) -> dict:
    now = now or timezone.now()
    today = timezone.localdate(now)
    by_owner = defaultdict(list)
    for entry in stale_entries():
        by_owner[entry.owner_id].append(entry)
    sent = {"operators": 0, "coordinator": 0}
    operators = User.objects.filter(role=Role.OPERATOR, is_active=True).prefetch_related("organisations")
    for operator in operators:
        entries = [e for org in operator.organisations.all() for e in by_owner.get(org.pk, [])]
        if not entries:
            continue

        def send(operator=operator, entries=entries):
            mail.send(
                "backoffice/freshness_operator",
                to=operator.email,
                context={"user": operator, "entries": [(e, admin_url(e)) for e in entries]},
            )

        sent["operators"] += _send_once("freshness", operator.email, today, send)
    if by_owner:
        organisations = sorted(
            ((entries[0].owner, len(entries)) for entries in by_owner.values()), key=lambda pair: pair[0].name
        )
        context = {"organisations": organisations, "total": sum(n for _, n in organisations), "operators": sent}

        def summary():
            mail.send("backoffice/freshness_coordinator", to=settings.GUICHET_COORDINATOR_EMAIL, context=context)

        sent["coordinator"] = int(_send_once("freshness-summary", settings.GUICHET_COORDINATOR_EMAIL, today, summary))
    return sent
