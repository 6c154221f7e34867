"""The listings one may follow for new entries ("Me prévenir" under a listing, or from her parcours): for each, the
filters an alert may keep, the filter set and queryset of the listing itself (so that a digest finds exactly what the
listing would show), and the words that name it. An alert says which one in its filters (`liste`, aids by default)."""

from dataclasses import dataclass

LISTING_KEY = "liste"


@dataclass(frozen=True)
class Listing:
    key: str
    model_label: str  # what "new" is counted on: the entry first published (an event, not its dates)
    what: str  # "les nouvelles aides"
    name: str  # the listing's own name, "Aides et dispositifs"
    when: str  # "une nouvelle aide qui correspond à votre recherche est publiée"
    path: str
    filters: tuple[str, ...]
    line: str  # said of each new entry in a digest

    def new_entries(self, published_ids, filters: dict) -> list:
        """The entries among `published_ids` (first published in the digest's window) that the listing, with these
        filters, would show: [(title, path)]."""
        data = {name: value for name, value in filters.items() if name in self.filters}
        return _READERS[self.key](published_ids, data)


def _aids(ids, data):
    from ressources.filters import ResourceFilterSet
    from ressources.models import Aid

    filterset = ResourceFilterSet(data, queryset=Aid.objects.for_list().filter(pk__in=ids))
    return [(aid.title, aid.get_absolute_url()) for aid in filterset.qs[:20]] if filterset.is_valid() else []


def _events(ids, data):
    from agenda.filters import UpcomingFilterSet
    from agenda.models import Occurrence

    occurrences = Occurrence.objects.public().not_cancelled().upcoming().filter(event__in=ids).select_related("event")
    filterset = UpcomingFilterSet(data, queryset=occurrences)
    if not filterset.is_valid():
        return []
    events = {}
    for occurrence in filterset.qs[:200]:
        events.setdefault(occurrence.event_id, occurrence.event)
    return [(event.title, event.get_absolute_url()) for event in list(events.values())[:20]]


def _structures(ids, data):
    from annuaire.filters import StructureFilterSet
    from annuaire.models import Structure

    filterset = StructureFilterSet(data, queryset=Structure.objects.for_list().filter(pk__in=ids))
    return [(s.name, s.get_absolute_url()) for s in filterset.qs[:20]] if filterset.is_valid() else []


def _groups(ids, data):
    from pairs.filters import PeerGroupFilterSet
    from pairs.models import PeerGroup

    filterset = PeerGroupFilterSet(data, queryset=PeerGroup.objects.for_list().filter(pk__in=ids))
    return [(group.name, group.get_absolute_url()) for group in filterset.qs[:20]] if filterset.is_valid() else []


_READERS = {"aides": _aids, "agenda": _events, "annuaire": _structures, "groupes": _groups}

TARGETING = ("q", "theme", "phase", "departement")
LISTINGS = {
    "aides": Listing(
        "aides",
        "ressources.aid",
        "les nouvelles aides",
        "Aides et dispositifs",
        "une nouvelle aide qui correspond à votre recherche est publiée",
        "/ressources/aides/",
        (*TARGETING, "statut"),
        "Nouvelle aide qui correspond à votre recherche.",
    ),
    "agenda": Listing(
        "agenda",
        "agenda.event",
        "les nouveaux événements",
        "Agenda",
        "un nouvel événement qui correspond à votre recherche est publié",
        "/agenda/",
        (*TARGETING, "type", "format"),
        "Nouvel événement qui correspond à votre recherche.",
    ),
    "annuaire": Listing(
        "annuaire",
        "annuaire.structure",
        "les nouvelles structures",
        "Annuaire",
        "une nouvelle structure qui correspond à votre recherche entre dans l'annuaire",
        "/annuaire/",
        (*TARGETING, "code_postal", "categorie", "acces", "type"),
        "Nouvelle structure de l'annuaire qui correspond à votre recherche.",
    ),
    "groupes": Listing(
        "groupes",
        "pairs.peergroup",
        "les nouveaux groupes de pairs",
        "Groupes de pairs",
        "un nouveau groupe de pairs qui correspond à votre recherche est ouvert",
        "/groupes/",
        (*TARGETING, "format"),
        "Nouveau groupe de pairs qui correspond à votre recherche.",
    ),
}


# The listing an alert follows when its filters name none: the aids.
DEFAULT_LISTING = LISTINGS["aides"]


def listing_of(filters: dict) -> Listing:
    return LISTINGS.get((filters or {}).get(LISTING_KEY), DEFAULT_LISTING)
