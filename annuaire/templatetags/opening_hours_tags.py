from django import template

from annuaire.opening_hours import WeeklyHours

register = template.Library()


@register.filter
def hours_in_french(expression: str) -> list[str]:
    """The usual hours in French, a sentence per line, days grouped; empty when the editor cannot read them (the
    page then shows only this week's hours, which are right for any value)."""
    hours = WeeklyHours.from_osm(expression)
    return hours.in_french() if hours else []
