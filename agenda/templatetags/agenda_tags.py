from django import template
from django.utils import timezone
from django.utils.formats import date_format

from agenda.models import Occurrence

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


@register.inclusion_tag("agenda/includes/organiser_events.html")
def organiser_events(structure, limit: int = 5):
    """The next dates of the published events a directory entry organises (on its directory page)."""
    occurrences = (
        Occurrence.objects.public()
        .not_cancelled()
        .upcoming()
        .filter(event__organiser=structure)
        .select_related("event", "event__departement")[:limit]
    )
    return {"occurrences": occurrences, "structure": structure}
