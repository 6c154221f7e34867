"""Calendar files (RFC 5545) written with the `icalendar` library.

Each occurrence is its own VEVENT (a recurring permanence gives one per date up to the horizon): calendar
applications then show moved and cancelled dates exactly, without depending on their support of RRULE exceptions.
UIDs are stable: the event's UUID, and for a series the day the rule gave (moving a date, or new hours for the
series, keep each date's UID). DTSTAMP and
LAST-MODIFIED are when the event or the date last changed, so an unchanged agenda gives an identical file (and ETag).
"""

from datetime import UTC, timedelta
from hashlib import sha256

import icalendar
from django.utils import timezone
from django.utils.http import quote_etag

PRODID = "-//Guichet unique//Agenda//FR"
TIME_ZONE = "Europe/Paris"


def uid(occurrence) -> str:
    event = occurrence.event
    if not event.repeat:
        return f"{event.uid}@guichet-unique"
    return f"{event.uid}-{timezone.localdate(occurrence.original_start):%Y%m%d}@guichet-unique"


def _description(occurrence, url: str) -> str:
    event = occurrence.event
    lines = [event.summary, ""]
    if occurrence.is_cancelled:
        lines.insert(0, "ANNULÉ.")
    if occurrence.note:
        lines.append(occurrence.note)
    if event.organiser_label:
        lines.append(f"Organisé par : {event.organiser_label}")
    if event.is_online:
        lines.append(f"En ligne : {event.online_url or 'lien communiqué à l’inscription'}")
    lines.append(
        f"{event.get_registration_display()}{' — ' + event.registration_phone if event.registration_phone else ''}"
    )
    if event.registration_url:
        lines.append(f"S'inscrire : {event.registration_url}")
    lines.append("Gratuit" if event.is_free else f"Payant{' — ' + event.price_note if event.price_note else ''}")
    lines.append(f"Toutes les informations : {url}")
    return "\n".join(lines).strip()


def vevent(occurrence, *, base_url: str) -> icalendar.Event:
    event = occurrence.event
    url = f"{base_url}{event.get_absolute_url()}"
    changed = max(event.updated_at, occurrence.updated_at).astimezone(UTC)
    item = icalendar.Event()
    item.add("uid", uid(occurrence))
    item.add("dtstamp", changed)
    item.add("last-modified", changed)
    item.add("dtstart", timezone.localtime(occurrence.starts_at))
    item.add("dtend", timezone.localtime(occurrence.ends_at))
    item.add("summary", event.title)
    item.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    location = event.full_address if event.is_on_site else ""
    if event.is_online:
        location = f"{location} — et en ligne" if location else "En ligne"
    if location:
        item.add("location", location)
    item.add("description", _description(occurrence, url))
    item.add("url", url)
    item.add("categories", [event.kind_choice.short_label])
    item.add("transp", "OPAQUE")
    return item


def calendar(occurrences, *, name: str, base_url: str, feed: bool) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIME_ZONE)
    if feed:
        # How often a subscribed application should look again.
        cal.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT12H")
    for occurrence in occurrences:
        cal.add_component(vevent(occurrence, base_url=base_url))
    cal.add_missing_timezones()
    return cal.to_ical()


def etag(body: bytes) -> str:
    return quote_etag(sha256(body).hexdigest()[:32])
