"""The kinds of content the site shows (aids, sheets, structures, events, groups…), as their apps declare them, so that
the site search, the navigation, the coordinator's desk, the funders' figures, page-view counting, the alerts, her
parcours, the booklet and the sitemap loop over them instead of naming each app (issue 20).

An app declares its kinds in its AppConfig, by the dotted path of a list of `ContentKind`:

    class FormationsConfig(AppConfig):
        name = "formations"
        content_kinds = "formations.kinds.KINDS"

Adding a kind is then one app and one line in INSTALLED_APPS (README: "Ajouter un type de contenu")."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.apps import apps
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.module_loading import import_string

DEFAULT_CARD = "guichet/includes/search_card.html"


@dataclass(frozen=True)
class Section:
    """An entry of the main navigation; kinds of one app share it (aids, sheets and contents: "Ressources")."""

    label: str
    url_name: str
    query: str = ""  # "type=information": a listing filtered

    @property
    def url(self) -> str:
        url = reverse(self.url_name)
        return f"{url}?{self.query}" if self.query else url


@dataclass(frozen=True)
class DeskLine:
    """A line of the coordinator's desk (backoffice.desk): `build()` gives its value, which `template` shows as `line`;
    lines follow each other by `position` (a kind's by the kind's own)."""

    name: str
    build: Callable[[], object]
    template: str
    position: int = 0


@dataclass(frozen=True)
class Follow:
    """What one may follow (alertes): an entry's changes, told by the sentence of each `watched` field; and the listing,
    for new entries: the words that name it, the filters an alert may keep and `read(ids, data)`, what the listing
    with these filters shows among these ids: [(title, path)]."""

    key: str
    what: str  # "les nouvelles aides"
    name: str  # the listing's own name, "Aides et dispositifs"
    when: str  # "une nouvelle aide qui correspond à votre recherche est publiée"
    filters: tuple[str, ...]
    line: str  # said of each new entry in a digest
    read: Callable[[list, dict], list]
    watched: dict[str, str] = field(default_factory=dict)  # field name: "Le montant a changé."


@dataclass
class Suggestion:
    """An entry suggested in her parcours, and why (what a kind's `parcours` gives)."""

    entry: object
    why: str
    to_check: list[str] = field(default_factory=list)
    url: str = ""
    essential: bool = False


@dataclass
class KindSection:
    """A section a kind adds to her parcours or to the booklet when those pages do not lay it out themselves (a kind
    added later): its title and its suggestions, shown as cards in the order the kind gives, after the sections the
    pages know."""

    key: str  # the section's anchor: "formations"
    title: str  # "Formations près de chez vous"
    suggestions: list[Suggestion]


@dataclass(frozen=True)
class ContentKind:
    """What the rest of the site needs of one kind of content. Only `key`, `label`, `listing`, `model`, `position`
    and `public` are required; a kind leaves out what it takes no part in (no search, no counting…)."""

    key: str  # "aides": the search section's anchor, the page-view counter's kind
    label: str  # "Aides et dispositifs": the search section's title
    listing: str  # the listing's URL name, "ressources:listing"
    model: type[Model]
    position: int  # the order of the search sections and of the navigation
    public: Callable[[], QuerySet]  # every entry a visitor may see (the sitemap)
    listing_args: tuple = ()
    listing_query: str = ""  # "type=application": the listing shows this kind among others
    section: Section | None = None  # its entry in the main navigation
    # The site search: what it looks in at a moment (only the columns the card reads), ordered by this field among
    # equally ranked entries; the card shows `theme_slug`, annotated here or given by `card_theme(entry)`. What it
    # finds is kept until content changes, or until `search_until(now)` (a one-row queryset of `first`): the first
    # moment an entry may stop being shown without anybody changing anything (an event over).
    search: Callable | None = None
    search_order: str = "pk"
    search_until: Callable | None = None
    card_theme: Callable | None = None
    card_template: str = DEFAULT_CARD
    # Its lines on the coordinator's desk.
    desk: tuple[DeskLine, ...] = ()
    # The funders' figures: tables [(title, function(start=, end=) -> (queryset, field counted by, {value: label}))].
    figures: tuple = ()
    # Named measures the funders' figures and the desk read ("call_backs": annuaire/figures.py).
    measures: dict[str, Callable] = field(default_factory=dict)
    # Page-view counting ("most viewed"): the detail pages counted, a pattern whose group `slug` names the entry, and
    # the word shown before its title.
    counted: str = ""
    counted_label: str = ""
    follow: Follow | None = None
    # Her parcours and the printable booklet (onboarding): `parcours(answers, departement, limits, now)` and
    # `booklet(departement, limits, now)` give this kind's fields of the Parcours and of the Booklet (a dict) — or,
    # for a kind those pages do not lay out, a `KindSection`, shown after theirs; the kind's rules choose and order,
    # the parcours says how many (`limits`).
    parcours: Callable | None = None
    booklet: Callable | None = None

    @property
    def listing_url(self) -> str:
        url = reverse(self.listing, args=self.listing_args)
        return f"{url}?{self.listing_query}" if self.listing_query else url


def registered() -> list[ContentKind]:
    """The kinds of the installed apps, in order (read from the AppConfigs each time: cheap, and right when a test
    changes INSTALLED_APPS)."""
    kinds = []
    for config in apps.get_app_configs():
        declared = getattr(config, "content_kinds", None)
        if declared:
            kinds.extend(import_string(declared))
    return sorted(kinds, key=lambda kind: kind.position)


def get(key: str) -> ContentKind | None:
    return next((kind for kind in registered() if kind.key == key), None)


def desk_lines() -> list[DeskLine]:
    """The desk lines the kinds declare, each at its kind's position."""
    return [replace(line, position=kind.position) for kind in registered() for line in kind.desk]


def navigation() -> list[tuple[str, str]]:
    """The main navigation's content sections, each once, in the order of their first kind: [(label, url)]. Every
    page shows it: worked out once per installed apps and URL configuration (a third of a millisecond each time)."""
    return list(_navigation(tuple(apps.app_configs), get_urlconf(), get_script_prefix()))


@lru_cache(maxsize=8)
def _navigation(_installed, _urlconf, _prefix) -> tuple[tuple[str, str], ...]:
    sections = []
    for kind in registered():
        if kind.section is not None and kind.section not in sections:
            sections.append(kind.section)
    return tuple((section.label, section.url) for section in sections)


def counted(path: str) -> tuple[str, str] | None:
    """(kind, slug) when `path` is the detail page of a kind whose reads are counted."""
    for kind in registered():
        if kind.counted:
            match = re.match(kind.counted, path)
            if match:
                return kind.key, match.group("slug")
    return None


def first_theme(model) -> Subquery:
    """The slug of an entry's first theme (by the themes' order), for its card's colour."""
    through = model.themes.through
    source = f"{model._meta.model_name}_id"
    return Subquery(
        through.objects.filter(**{source: OuterRef("pk")}).order_by("theme__position").values("theme__slug")[:1]
    )
