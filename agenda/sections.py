"""The agenda's section of an organiser's page (guichet.organiser_sections): the next dates of the events it
organises."""

from django.template.loader import render_to_string

from agenda.models import Occurrence

LIMIT = 5


def organiser_events(structure) -> str:
    occurrences = list(
        Occurrence.objects.public()
        .not_cancelled()
        .upcoming()
        .filter(event__organiser=structure)
        .select_related("event", "event__departement")[:LIMIT]
    )
    if not occurrences:
        return ""
    return render_to_string("agenda/includes/organiser_events.html", {"occurrences": occurrences})
