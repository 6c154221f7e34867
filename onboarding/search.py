"""Search across everything (/recherche/): published sheets, aids, contents, structures, apps, upcoming events and
open groups at once, with the same mechanism as every listing's search (guichet.search: close spellings, synonyms).
One query per kind: the best five and, through a window function, how many there are."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery, Window
from django.utils import timezone

from agenda.models import Event, Occurrence
from annuaire.enums import StructureKind
from annuaire.models import Structure
from guichet.search import Understood, ranked, understand
from pairs.models import PeerGroup
from ressources.models import Aid, InspiringContent, Sheet

PER_KIND = 5


@dataclass
class Section:
    key: str
    title: str
    listing: str
    results: list
    total: int


def _first_theme(model):
    through = model.themes.through
    source = f"{model._meta.model_name}_id"
    return Subquery(
        through.objects.filter(**{source: OuterRef("pk")}).order_by("theme__position").values("theme__slug")[:1]
    )


def _kinds(now):
    upcoming = (
        Occurrence.objects.filter(event=OuterRef("pk"), ends_at__gt=now, is_cancelled=False)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return [
        ("aides", "Aides et dispositifs", "/ressources/aides/", Aid.objects.published(), "title", Aid),
        ("fiches", "Fiches d'information", "/ressources/fiches/", Sheet.objects.published(), "title", Sheet),
        (
            "contenus",
            "Contenus inspirants",
            "/ressources/contenus/",
            InspiringContent.objects.published(),
            "title",
            InspiringContent,
        ),
        (
            "structures",
            "Structures",
            "/annuaire/",
            Structure.objects.published().filter(kind=StructureKind.STRUCTURE),
            "name",
            None,
        ),
        (
            "applications",
            "Applications et services en ligne",
            "/annuaire/?type=application",
            Structure.objects.published().filter(kind=StructureKind.APPLICATION),
            "name",
            None,
        ),
        (
            "evenements",
            "Événements à venir",
            "/agenda/",
            Event.objects.published().annotate(next_start=Subquery(upcoming)).filter(next_start__isnull=False),
            "title",
            None,
        ),
        ("groupes", "Groupes de pairs", "/groupes/", PeerGroup.objects.published().not_over(now), "name", PeerGroup),
    ]


def search_everything(query: str | Understood) -> list[Section]:
    """Each kind's best results for the query (a string, or what guichet.search.understand() made of it: the
    vocabulary and the synonyms are then read once for every kind)."""
    understood = query if isinstance(query, Understood) else understand(query)
    sections = []
    for key, title, listing, base, order, themed in _kinds(timezone.now()):
        queryset = ranked(base, understood).annotate(total=Window(Count("pk")))
        if themed is not None:
            queryset = queryset.annotate(theme_slug=_first_theme(themed))
        results = list(queryset.order_by("search_rank", order, "pk")[:PER_KIND])
        for entry in results:
            if themed is None:  # the colour of its category or kind, as everywhere on the site
                choice = entry.kind_choice if isinstance(entry, Event) else entry.category_choice
                entry.theme_slug = choice.theme_slug
        total = results[0].total if results else 0
        separator = "&" if "?" in listing else "?"
        sections.append(Section(key, title, f"{listing}{separator}q=", results, total))
    return sections
