"""Dates and hours the French way, for every app's templates and e-mails: `{{ when|day }}` ("mardi 3 mars"),
`{{ when|hour }}` ("14 h 30"), `{{ date|day_heading }}` ("Demain, mardi 3 mars")."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def hour(value) -> str:
    """French clock time: "14 h", "9 h 30"."""
    local = timezone.localtime(value)
    return f"{local.hour} h" if local.minute == 0 else f"{local.hour} h {local.minute:02d}"


@register.filter
def day(value, with_year: bool = False) -> str:
    """A date the French way: "mardi 3 mars", "dimanche 1er juin"; the year when it is not this year."""
    if hasattr(value, "hour"):
        value = timezone.localdate(value)
    number = "1er" if value.day == 1 else str(value.day)
    text = f"{date_format(value, 'l')} {number} {date_format(value, 'F')}"
    if with_year or value.year != timezone.localdate().year:
        text += f" {value.year}"
    return text


@register.filter
def day_heading(value) -> str:
    today = timezone.localdate()
    text = day(value)
    if value == today:
        return f"Aujourd'hui, {text}"
    if (value - today).days == 1:
        return f"Demain, {text}"
    return text[:1].upper() + text[1:]
