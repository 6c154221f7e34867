"""Search across everything (/recherche/): published sheets, aids, contents, structures, apps, upcoming events and
open groups at once, with the same mechanism as every listing's search (guichet.search: close spellings, synonyms).
One query per kind: the best five and, through a window function, how many there are.

What a query finds is public: each process keeps it (guichet.sharedcache.memo, per query as understood) until content
changes anywhere or until the first moment a date or a group's session shown in any result may end — then it is read
again, so an event over never shows as upcoming."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, Min, OuterRef, Subquery, Window
from django.utils import timezone

from agenda.models import Event, Occurrence
from annuaire.enums import StructureKind
from annuaire.models import Structure
from guichet.search import Understood, ranked, understand
from guichet.sharedcache import memo
from pairs.models import GroupSession, PeerGroup
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


# What a result's card shows (onboarding/search.html): only these columns are read, not the long texts.
CARD = ("pk", "slug", "summary", "is_demo")


def _kinds(now):
    upcoming = Occurrence.objects.filter(event=OuterRef("pk"), ends_at__gt=now, is_cancelled=False)
    next_start = upcoming.order_by("starts_at").values("starts_at")[:1]
    resources = (*CARD, "title")
    structures = (*CARD, "name", "category")
    return [
        (
            Aid.kind,
            "Aides et dispositifs",
            "/ressources/aides/",
            Aid.objects.published().only(*resources),
            "title",
            Aid,
        ),
        (
            Sheet.kind,
            "Fiches d'information",
            "/ressources/fiches/",
            Sheet.objects.published().only(*resources),
            "title",
            Sheet,
        ),
        (
            InspiringContent.kind,
            "Contenus inspirants",
            "/ressources/contenus/",
            InspiringContent.objects.published().only(*resources, "format"),
            "title",
            InspiringContent,
        ),
        (
            "structures",
            "Structures",
            "/annuaire/",
            Structure.objects.published().filter(kind=StructureKind.STRUCTURE).only(*structures),
            "name",
            None,
        ),
        (
            "applications",
            "Applications et services en ligne",
            "/annuaire/?type=application",
            Structure.objects.published().filter(kind=StructureKind.APPLICATION).only(*structures),
            "name",
            None,
        ),
        (
            "evenements",
            "Événements à venir",
            "/agenda/",
            # Exists to choose (no sort per event), the next date read for the five shown only.
            Event.objects.published()
            .filter(Exists(upcoming))
            .annotate(next_start=Subquery(next_start))
            .only(*CARD, "title", "kind", "mode", "city"),
            "title",
            None,
        ),
        (
            "groupes",
            "Groupes de pairs",
            "/groupes/",
            PeerGroup.objects.published().not_over(now).only(*CARD, "name"),
            "name",
            PeerGroup,
        ),
    ]


def search_everything(query: str | Understood) -> list[Section]:
    """Each kind's best results for the query (a string, or what guichet.search.understand() made of it: the
    vocabulary and the synonyms are then read once for every kind)."""
    understood = query if isinstance(query, Understood) else understand(query)
    kept = memo(
        "onboarding.search",
        lambda: _found(understood, timezone.now()),
        key=understood.key(),
        valid=lambda found: found.until is None or timezone.now() < found.until,
    )
    return kept.sections


@dataclass(frozen=True)
class _Found:
    sections: list[Section]
    until: datetime | None  # the first end of a date or a group's session to come: read again from then


def _found(understood: Understood, now) -> _Found:
    return _Found(_search(understood, now), _next_end(now))


def _next_end(now) -> datetime | None:
    """The first moment an upcoming event or an open group may stop being so, without anybody changing anything."""
    dates = Occurrence.objects.filter(ends_at__gt=now, is_cancelled=False).order_by().values(first=Min("ends_at"))
    sessions = GroupSession.objects.filter(ends_at__gt=now).order_by().values(first=Min("ends_at"))
    return min((row["first"] for row in dates.union(sessions, all=True) if row["first"]), default=None)


def _search(understood: Understood, now) -> list[Section]:
    sections = []
    for key, title, listing, base, order, themed in _kinds(now):
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
