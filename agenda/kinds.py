"""The agenda as a kind of content (guichet.kinds): upcoming events, under "Agenda"."""

from django.db.models import Exists, Min, OuterRef, Subquery

from agenda.models import Event, Occurrence
from agenda.parcours import events_booklet, events_section
from guichet.kinds import ContentKind, Follow, Section

TARGETING = ("q", "theme", "phase", "departement")


def _upcoming_dates(now):
    return Occurrence.objects.filter(ends_at__gt=now, is_cancelled=False)


def _searched(now):
    """Events with a date to come: Exists to choose (no sort per event), the next date read for the five shown only."""
    upcoming = _upcoming_dates(now).filter(event=OuterRef("pk"))
    next_start = upcoming.order_by("starts_at").values("starts_at")[:1]
    return (
        Event.objects.published()
        .filter(Exists(upcoming))
        .annotate(next_start=Subquery(next_start))
        .only("pk", "slug", "summary", "is_demo", "title", "kind", "mode", "city")
    )


def _first_end(now):
    """When an event found stops being upcoming without anybody changing anything: the first end of a date."""
    return _upcoming_dates(now).order_by().values(first=Min("ends_at"))


def _new_events(ids, data):
    from agenda.filters import UpcomingFilterSet

    occurrences = Occurrence.objects.public().not_cancelled().upcoming().filter(event__in=ids).select_related("event")
    filterset = UpcomingFilterSet(data, queryset=occurrences)
    if not filterset.is_valid():
        return []
    events = {}
    for occurrence in filterset.qs[:200]:
        events.setdefault(occurrence.event_id, occurrence.event)
    return [(event.title, event.get_absolute_url()) for event in list(events.values())[:20]]


KINDS = [
    ContentKind(
        key="evenements",
        label="Événements à venir",
        listing="agenda:listing",
        model=Event,
        position=60,
        public=Event.objects.published,
        section=Section("Agenda", "agenda:listing"),
        search=_searched,
        search_order="title",
        search_until=_first_end,
        card_theme=lambda event: event.kind_choice.theme_slug,
        card_template="agenda/includes/search_card.html",
        parcours=events_section,
        booklet=events_booklet,
        follow=Follow(
            key="agenda",
            what="les nouveaux événements",
            name="Agenda",
            when="un nouvel événement qui correspond à votre recherche est publié",
            filters=(*TARGETING, "type", "format"),
            line="Nouvel événement qui correspond à votre recherche.",
            read=_new_events,
            watched={
                "starts_at": "La date ou l'heure de début a changé.",
                "ends_at": "La date ou l'heure de fin a changé.",
                "repeat_until": "La date de fin de la série a changé.",
                "registration": "Les modalités d'inscription ont changé.",
            },
        ),
    ),
]
