"""A kind "formations" for the tests: the agenda's information sessions, with their own search section, navigation
entry, desk line and sections of her parcours and of the booklet (over an existing model, so that the test app needs
no migration)."""

from agenda.enums import EventKind
from agenda.models import Event
from guichet.kinds import ContentKind, DeskLine, KindSection, Section, Suggestion

QUERY = f"type={EventKind.INFORMATION.value}"


def published():
    return Event.objects.published().filter(kind=EventKind.INFORMATION)


def to_publish() -> dict:
    return {"count": Event.objects.filter(kind=EventKind.INFORMATION).exclude(pk__in=published()).count()}


def sessions_section(*_args) -> KindSection:
    """Her parcours and the booklet: a section neither page lays out itself (a test kind: every published session)."""
    return KindSection(
        "formations",
        "Formations",
        [
            Suggestion(entry=event, why="Une séance d'information ouverte à toutes.", url=event.get_absolute_url())
            for event in published()[:3]
        ],
    )


KINDS = [
    ContentKind(
        key="formations",
        label="Formations",
        listing="agenda:listing",
        listing_query=QUERY,
        model=Event,
        position=65,
        public=published,
        section=Section("Formations", "agenda:listing", query=QUERY),
        search=lambda now: published().only("pk", "slug", "summary", "is_demo", "title"),
        search_order="title",
        card_theme=lambda event: event.kind_choice.theme_slug,
        desk=(DeskLine("formations", to_publish, "kinds_app/desk.html"),),
        parcours=lambda answers, departement, limits, now: sessions_section(),
        booklet=lambda departement, limits, now: sessions_section(),
    )
]
