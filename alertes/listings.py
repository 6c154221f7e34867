"""The listings one may follow for new entries ("Me prévenir" under a listing, or from her parcours), as the kinds of
content declare them (guichet.kinds: `follow`): for each, the filters an alert may keep, how the listing itself reads
new entries with these filters (so that a digest finds exactly what the listing would show), and the words that name
it. An alert says which one in its filters (`liste`, aids by default)."""

from dataclasses import dataclass

from guichet import kinds

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
    kind: kinds.ContentKind

    def new_entries(self, published_ids, filters: dict) -> list:
        """The entries among `published_ids` (first published in the digest's window) that the listing, with these
        filters, would show: [(title, path)]."""
        data = {name: value for name, value in filters.items() if name in self.filters}
        return self.kind.follow.read(published_ids, data)


def listings() -> dict[str, Listing]:
    """The listings one may follow, by key, in the kinds' order."""
    followed = {}
    for kind in kinds.registered():
        follow = kind.follow
        if follow is not None:
            followed[follow.key] = Listing(
                key=follow.key,
                model_label=kind.model._meta.label_lower,
                what=follow.what,
                name=follow.name,
                when=follow.when,
                path=kind.listing_url,
                filters=follow.filters,
                line=follow.line,
                kind=kind,
            )
    return followed


def default_listing() -> Listing:
    """The listing an alert follows when its filters name none: the first kind's (the aids)."""
    return next(iter(listings().values()))


def listing_of(filters: dict) -> Listing:
    return listings().get((filters or {}).get(LISTING_KEY)) or default_listing()
