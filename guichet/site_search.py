"""Search across everything (/recherche/): every kind of content the apps declare (guichet.kinds: published sheets,
aids, contents, structures, apps, upcoming events and open groups) at once, with the same mechanism as every
listing's search (guichet.search: close spellings, synonyms). One query per kind: the best five and, through a window
function, how many there are; each kind's card is its own template.

What a query finds is public: each process keeps it (guichet.sharedcache.memo, per query as understood) until content
changes anywhere or until the first moment a date or a group's session shown in any result may end — then it is read
again, so an event over never shows as upcoming."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Window
from django.utils import timezone

from guichet import kinds
from guichet.search import Understood, ranked, understand
from guichet.sharedcache import memo

PER_KIND = 5


@dataclass
class Section:
    key: str
    title: str
    listing: str
    results: list
    total: int
    card_template: str = kinds.DEFAULT_CARD


def search_everything(query: str | Understood) -> list[Section]:
    """Each kind's best results for the query (a string, or what guichet.search.understand() made of it: the
    vocabulary and the synonyms are then read once for every kind)."""
    understood = query if isinstance(query, Understood) else understand(query)
    kept = memo(
        "guichet.site_search",
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
    """The first moment an entry found may stop being shown (an event over, a group's last session ended), without
    anybody changing anything: one query for every kind."""
    firsts = [kind.search_until(now) for kind in kinds.registered() if kind.search_until is not None]
    if not firsts:
        return None
    rows = firsts[0].union(*firsts[1:], all=True) if len(firsts) > 1 else firsts[0]
    return min((row["first"] for row in rows if row["first"]), default=None)


def _search(understood: Understood, now) -> list[Section]:
    sections = []
    for kind in kinds.registered():
        if kind.search is None:
            continue
        queryset = ranked(kind.search(now), understood).annotate(total=Window(Count("pk")))
        results = list(queryset.order_by("search_rank", kind.search_order, "pk")[:PER_KIND])
        if kind.card_theme is not None:  # the colour of its category or kind, as everywhere on the site
            for entry in results:
                entry.theme_slug = kind.card_theme(entry)
        total = results[0].total if results else 0
        listing = kind.listing_url
        separator = "&" if "?" in listing else "?"
        sections.append(Section(kind.key, kind.label, f"{listing}{separator}q=", results, total, kind.card_template))
    return sections
