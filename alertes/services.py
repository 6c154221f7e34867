"""Business actions of alerts: plain functions, keyword-only, inside a transaction.

Every e-mail goes through the outgoing queue (settings.EMAIL_BACKEND, django-mailer), written in the same transaction
as the change it tells of; every one carries her unsubscribe link and the RFC 8058 headers, and a subject with no
health word.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.db.models import Min
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from alertes import changes
from alertes.enums import AlertKind
from alertes.listings import listing_of
from alertes.models import Alert, followable
from courriel import mail
from guichet import ratelimit

CONFIRM = "alertes.confirm"
# A confirmation link works for a month: the renewal asked at 11 months must still work at 12.
CONFIRM_MAX_AGE = 31 * 24 * 3600


class InvalidLink(Exception):
    """The link was altered, has expired, or names an alert that no longer exists."""


def site_url() -> str:
    return settings.GUICHET_SITE_URL.rstrip("/")


def recent_alerts_from(fingerprint: str) -> int:
    return ratelimit.recent("alerts", fingerprint)


# Links.


def _bound(alert: Alert) -> str:
    return salted_hmac(CONFIRM, alert.secret).hexdigest()[:16]


def confirm_link(alert: Alert) -> str:
    token = signing.dumps({"a": alert.pk, "s": _bound(alert)}, salt=CONFIRM, compress=True)
    return f"{site_url()}{reverse('alertes:confirm', kwargs={'token': token})}"


def read_confirm_token(token: str) -> Alert:
    try:
        data = signing.loads(token, salt=CONFIRM, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        raise InvalidLink from None
    alert = Alert.objects.filter(pk=data.get("a")).first()
    if alert is None or data.get("s") != _bound(alert):
        raise InvalidLink
    return alert


def unsubscribe_link(alert: Alert) -> str:
    return f"{site_url()}{reverse('alertes:unsubscribe', kwargs={'token': alert.unsubscribe_token})}"


def _send(alert: Alert, name: str, *, context: dict) -> None:
    """One message to her, into the outgoing queue, with the one-click unsubscribe headers (RFC 8058)."""
    link = unsubscribe_link(alert)
    mail.send(
        f"alertes/{name}",
        to=alert.email,
        context={**context, "alert": alert, "unsubscribe_link": link, "site_url": site_url()},
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


# Asking, confirming, leaving.


@transaction.atomic
def follow_entry(*, entry, email: str, rhythm: str, fingerprint: str) -> Alert:
    """She asks to be told of changes to `entry`: an unconfirmed alert and the confirmation e-mail; nothing else is
    sent before she confirms. Asking again for the same entry reuses the alert (and sends the link again while it is
    unconfirmed)."""
    content_type = ContentType.objects.get_for_model(entry)
    alert = (
        Alert.objects.filter(email__iexact=email, kind=AlertKind.ENTRY, content_type=content_type, object_id=entry.pk)
        .order_by("pk")
        .first()
    )
    ratelimit.count("alerts", fingerprint)
    if alert is None:
        alert = Alert.objects.create(
            email=email, kind=AlertKind.ENTRY, content_type=content_type, object_id=entry.pk, rhythm=rhythm
        )
    elif alert.is_confirmed:
        return alert
    else:
        alert.rhythm = rhythm
        alert.save()
    _send(
        alert,
        "confirm",
        context={"what": f"les changements de « {entry} »", "link": confirm_link(alert)},
    )
    return alert


@transaction.atomic
def follow_search(*, filters: dict, email: str, rhythm: str, fingerprint: str, health_consent: bool) -> Alert:
    """She asks to be told of new entries of a listing (alertes.listings: aids unless `liste` says otherwise)
    matching her filters. Her phase is kept only with her consent."""
    filters = {key: value for key, value in filters.items() if value not in ("", None, [])}
    if "phase" in filters and not health_consent:
        filters.pop("phase")
    ratelimit.count("alerts", fingerprint)
    alert = Alert.objects.create(
        email=email,
        kind=AlertKind.SEARCH,
        filters=filters,
        rhythm=rhythm,
        health_consent_at=timezone.now() if "phase" in filters else None,
    )
    _send(
        alert,
        "confirm",
        context={
            "what": f"{listing_of(filters).what} qui correspondent à votre recherche",
            "link": confirm_link(alert),
        },
    )
    return alert


@transaction.atomic
def confirm(alert: Alert, *, now=None) -> None:
    """The link in the e-mail was followed and the button pressed: the alert starts (or is renewed for 12 months)."""
    now = now or timezone.now()
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.confirmed_at is None:
        alert.confirmed_at = now
        alert.last_digest_at = now
        if alert.kind == AlertKind.ENTRY and alert.content_type.model == "peergroup":
            group = alert.entry
            alert.places_left = group.places_left_now() if group is not None else None
    alert.last_confirmed_at = now
    alert.renewal_requested_at = None
    alert.save()


@transaction.atomic
def delete(alert: Alert) -> None:
    """Unsubscribe: the alert goes, with the filters (and her phase) it held."""
    Alert.objects.filter(pk=alert.pk).delete()


# The scheduled command.


def _items_for(alert: Alert, *, since, until, edited=None) -> tuple[list[changes.Item], dict]:
    """What to tell her, and the fields of the alert to save with the digest. `edited`: the (content type id, id)
    of every followable entry with a saved version since the oldest digest of this run (`_edited_since`); an aid or
    an event not in it has nothing to tell, without reading it (a group's places change without a version)."""
    if alert.kind == AlertKind.SEARCH:
        return changes.new_entries(alert, since=since, until=until), {}
    if (
        edited is not None
        and alert.content_type.model != "peergroup"
        and (alert.content_type_id, alert.object_id) not in edited
    ):
        return [], {}
    entry = alert.entry
    if entry is None:
        return [], {}
    lines = changes.entry_changes(entry, since=since, until=until)
    updates = {}
    if alert.content_type.model == "peergroup":
        freed, left = changes.places_freed(alert, entry)
        lines += freed
        updates["places_left"] = left
    if not lines:
        return [], updates
    return [changes.Item(title=str(entry), path=entry.get_absolute_url(), lines=lines)], updates


def _edited_since(since, until) -> set[tuple[int, int]]:
    """(content type id, id) of the followable entries with a version saved in (since, until]: one query each."""
    edited = set()
    for label in followable():
        model = apps.get_model(label)
        content_type = ContentType.objects.get_for_model(model)
        ids = model.history.filter(history_date__gt=since, history_date__lte=until).values_list("id", flat=True)
        edited.update((content_type.pk, pk) for pk in ids.distinct())
    return edited


def send_digest(alert: Alert, *, now, edited=None) -> bool:
    """At most one message for this alert and this run. The alert is claimed by moving its `last_digest_at` from
    the value this run read: a second run that read the same value claims nothing, and sends nothing."""
    since = alert.last_digest_at or alert.confirmed_at
    items, updates = _items_for(alert, since=since, until=now, edited=edited)
    with transaction.atomic():
        claimed = Alert.objects.filter(pk=alert.pk, last_digest_at=alert.last_digest_at).update(
            last_digest_at=now, **updates
        )
        if not claimed or not items:
            return False
        _send(alert, "digest", context={"items": items})
    return True


def ask_renewal(alert: Alert, *, now) -> None:
    with transaction.atomic():
        if not Alert.objects.filter(pk=alert.pk, renewal_requested_at__isnull=True).update(renewal_requested_at=now):
            return
        _send(
            alert,
            "renewal",
            context={"link": confirm_link(alert), "deleted_on": alert.last_confirmed_at + timedelta(days=365)},
        )


def run(*, now=None) -> dict:
    """One pass of `send_alerts`: clean up, ask for renewals, send digests. Returns counts."""
    now = now or timezone.now()
    deleted_unconfirmed = Alert.objects.unconfirmed_since(now).delete()[0]
    deleted_expired = Alert.objects.expired(now).delete()[0]
    renewals = 0
    for alert in Alert.objects.due_for_renewal(now).iterator():
        ask_renewal(alert, now=now)
        renewals += 1
    sent = 0
    due = Alert.objects.due_for_digest(now)
    oldest = due.aggregate(oldest=Min(Coalesce("last_digest_at", "confirmed_at")))["oldest"]
    edited = _edited_since(oldest, now) if oldest else set()
    for alert in due.select_related("content_type").order_by("pk").iterator():
        sent += send_digest(alert, now=now, edited=edited)
    return {
        "deleted_unconfirmed": deleted_unconfirmed,
        "deleted_expired": deleted_expired,
        "renewals": renewals,
        "sent": sent,
    }
