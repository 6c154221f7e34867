"""Calendar files (RFC 5545) written with the `icalendar` library, for every app that has dates to give away: the
agenda's events, the sessions of a peer group.

Times are written in Europe/Paris with its VTIMEZONE; DTSTAMP and LAST-MODIFIED are when the entry last changed, so
that an unchanged calendar gives identical bytes (and the same ETag).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from hashlib import sha256

import icalendar
from django.utils import timezone
from django.utils.http import quote_etag

PRODID = "-//Guichet unique//Agenda//FR"
TIME_ZONE = "Europe/Paris"


@dataclass(frozen=True)
class Entry:
    uid: str
    start: datetime
    end: datetime
    summary: str
    changed: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    categories: list[str] = field(default_factory=list)


def vevent(entry: Entry) -> icalendar.Event:
    changed = entry.changed.astimezone(UTC)
    item = icalendar.Event()
    item.add("uid", entry.uid)
    item.add("dtstamp", changed)
    item.add("last-modified", changed)
    item.add("dtstart", timezone.localtime(entry.start))
    item.add("dtend", timezone.localtime(entry.end))
    item.add("summary", entry.summary)
    item.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    if entry.location:
        item.add("location", entry.location)
    if entry.description:
        item.add("description", entry.description)
    if entry.url:
        item.add("url", entry.url)
    if entry.categories:
        item.add("categories", entry.categories)
    item.add("transp", "OPAQUE")
    return item


def calendar(entries, *, name: str, feed: bool = False) -> bytes:
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
    for entry in entries:
        cal.add_component(vevent(entry))
    cal.add_missing_timezones()
    return cal.to_ical()


def etag(body: bytes) -> str:
    return quote_etag(sha256(body).hexdigest()[:32])
