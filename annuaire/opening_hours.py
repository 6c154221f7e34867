"""Opening hours in the OpenStreetMap `opening_hours` syntax (the one data·inclusion uses), read with the
opening-hours-py library: validation, a week written in plain French, and "ouvert maintenant"."""

import datetime

import opening_hours
from django.core.exceptions import ValidationError
from django.utils import timezone

DAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]


def parse(expression: str):
    try:
        return opening_hours.OpeningHours(expression)
    except Exception:
        return None


def validate_opening_hours(expression: str) -> None:
    if expression and parse(expression) is None:
        raise ValidationError(
            "Ces horaires ne sont pas au format OpenStreetMap. Exemple : « Mo-Fr 09:00-12:00,14:00-17:00; Sa "
            "09:00-12:00 » (Mo, Tu, We, Th, Fr, Sa, Su pour les jours)."
        )


def _local_naive(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def _time(moment: datetime.datetime) -> str:
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def week(expression: str, *, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Each day of the current week with its hours in French: [("Lundi", "9 h – 12 h, 14 h – 17 h"), …]."""
    parsed = parse(expression)
    if parsed is None:
        return []
    today = _local_naive(now or timezone.now()).date()
    monday = datetime.datetime.combine(today - datetime.timedelta(days=today.weekday()), datetime.time())
    days: list[list[str]] = [[] for _ in DAYS]
    for start, end, state, _comment in parsed.intervals(monday, monday + datetime.timedelta(days=7)):
        if state != opening_hours.State.OPEN:
            continue
        # An interval may run past midnight: it is listed on the day it starts.
        end_label = "minuit" if end.time() == datetime.time() and end.date() > start.date() else _time(end)
        days[start.weekday()].append(f"{_time(start)} – {end_label}")
    return [(DAYS[index], ", ".join(slots) if slots else "fermé") for index, slots in enumerate(days)]


def is_open(expression: str, *, now: datetime.datetime | None = None) -> bool | None:
    """True or False when the hours say so; None when they are unknown or unreadable."""
    parsed = parse(expression)
    if parsed is None:
        return None
    moment = _local_naive(now or timezone.now())
    if parsed.is_unknown(moment):
        return None
    return parsed.is_open(moment)
