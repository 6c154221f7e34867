"""Recurring permanences: one RFC 5545 rule per event, expanded with python-dateutil's `rrule`.

Rules run on local wall-clock time (Europe/Paris) and each occurrence is made aware afterwards, so a permanence "tous
les premiers mardis, 14 h – 17 h" stays at 14 h – 17 h on both sides of a daylight-saving change.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil import rrule
from django.utils import timezone
from django.utils.formats import date_format

from agenda.enums import Repeat

ORDINALS = {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", -1: "dernier"}
ORDINALS_PLURAL = {1: "premiers", 2: "deuxièmes", 3: "troisièmes", 4: "quatrièmes", -1: "derniers"}


@dataclass(frozen=True)
class Slot:
    """One occurrence as the rule gives it; the day of `original_start` names it for ever (its calendar UID)."""

    original_start: datetime
    starts_at: datetime
    ends_at: datetime


def week_position(day: date) -> int:
    """Which of the month's same weekdays this is: 1 to 4, or -1 for the fifth (the month's last)."""
    position = (day.day - 1) // 7 + 1
    return -1 if position == 5 else position


def rule(repeat: str, *, start: datetime, interval: int = 1, until: date | None = None):
    """The dateutil rule for an event starting at `start` (naive, local time), or None for a one-off event."""
    if not repeat:
        return None
    until_local = datetime.combine(until, time.max) if until else None
    common = {"dtstart": start, "interval": max(1, interval), "until": until_local}
    if repeat == Repeat.WEEKLY:
        return rrule.rrule(rrule.WEEKLY, **common)
    if repeat == Repeat.MONTHLY_WEEKDAY:
        weekday = rrule.weekdays[start.weekday()](week_position(start.date()))
        return rrule.rrule(rrule.MONTHLY, byweekday=weekday, **common)
    if repeat == Repeat.MONTHLY_DATE:
        # A 31st skips the months without one rather than moving (RFC 5545 behaviour).
        return rrule.rrule(rrule.MONTHLY, bymonthday=start.day, **common)
    raise ValueError(f"Unknown repetition: {repeat!r}")


def expand(
    *, starts_at: datetime, ends_at: datetime, repeat: str, interval: int = 1, until: date | None, horizon: datetime
) -> list[Slot]:
    """Every occurrence from the first one up to `horizon` (aware datetimes), in local wall-clock time."""
    zone = timezone.get_default_timezone()
    local_start = timezone.localtime(starts_at, zone).replace(tzinfo=None)
    local_end = timezone.localtime(ends_at, zone).replace(tzinfo=None)
    duration = local_end - local_start
    recurrence = rule(repeat, start=local_start, interval=interval, until=until)
    if recurrence is None:
        return [Slot(starts_at, starts_at, ends_at)]
    # At least the first date, even beyond the horizon: a series announced early is not shown as over.
    limit = max(timezone.localtime(horizon, zone).replace(tzinfo=None), local_start)
    slots = []
    for local in recurrence.between(local_start, limit, inc=True):
        start = timezone.make_aware(local, zone)
        slots.append(Slot(start, start, timezone.make_aware(local + duration, zone)))
    return slots


def describe(repeat: str, *, start: datetime, interval: int = 1, until: date | None = None) -> str:
    """The rule in plain French: "tous les premiers mardis du mois", "toutes les deux semaines, le jeudi"."""
    if not repeat:
        return ""
    local = timezone.localtime(start)
    weekday = date_format(local, "l")
    if repeat == Repeat.WEEKLY:
        text = f"chaque {weekday}" if interval == 1 else f"toutes les {interval} semaines, le {weekday}"
    elif repeat == Repeat.MONTHLY_WEEKDAY:
        position = week_position(local.date())
        text = f"tous les {ORDINALS_PLURAL[position]} {weekday}s du mois"
        if interval > 1:
            text = f"le {ORDINALS[position]} {weekday} du mois, tous les {interval} mois"
    else:
        text = (
            f"le {local.day} de chaque mois" if interval == 1 else f"le {local.day} du mois, tous les {interval} mois"
        )
    if until:
        text += f", jusqu'au {date_format(until, 'j F Y')}"
    return text


def horizon(now: datetime | None = None, *, days: int) -> datetime:
    return (now or timezone.now()) + timedelta(days=days)
