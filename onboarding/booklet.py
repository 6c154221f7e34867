"""The printable booklet of a département (/livret/<code>/): for waiting rooms and for people far from digital
tools. Key aids by statut, the département's structures, national lines with their phone numbers, upcoming events:
the sections the kinds of content give (guichet.kinds: `booklet`; ressources/parcours.py, annuaire/parcours.py,
agenda/parcours.py), with the numbers the booklet shows set here. A handful of queries whatever the content (none
for the aids while content does not change)."""

from dataclasses import dataclass, field

from django.utils import timezone

from guichet import kinds
from guichet.enums import ProfessionalStatus

EVENT_DAYS = 60
# A few A4 pages: the rest is online, and the booklet says how many more there are. Essentials are never cut.
MAX_AIDS_PER_GROUP = 6
# The aids a booklet weighs: every essential, and the first others by title (the rest are online).
BOOKLET_WINDOW = 150
MAX_STRUCTURES = 25
MAX_NATIONAL_LINES = 15
MAX_EVENTS = 15


@dataclass
class Booklet:
    """A département's booklet; each section empty when no installed kind gives it."""

    departement: object
    for_everyone: object = None
    by_status: list = field(default_factory=list)
    for_caregivers: object = None
    structures: list = field(default_factory=list)
    more_structures: int = 0
    national_lines: list = field(default_factory=list)
    events: list = field(default_factory=list)
    # Sections of kinds the booklet does not lay out itself (guichet.kinds.KindSection), after its own.
    more: list = field(default_factory=list)


def _limits() -> dict:
    return {
        "aids_per_group": MAX_AIDS_PER_GROUP,
        "aids_window": BOOKLET_WINDOW,
        "structures": MAX_STRUCTURES,
        "national_lines": MAX_NATIONAL_LINES,
        "events": MAX_EVENTS,
        "event_days": EVENT_DAYS,
    }


def booklet(departement, now=None) -> Booklet:
    """Its aids, structures and national lines are read once per process per département until content changes, its
    next events once a day (guichet.sharedcache.memo): only published content, the same for every reader."""
    now, limits = now or timezone.now(), _limits()
    sections, more = {}, []
    for kind in kinds.registered():
        if kind.booklet is not None:
            given = kind.booklet(departement, limits, now)
            if isinstance(given, kinds.KindSection):
                more += [given] if given.suggestions else []
            else:
                sections |= given
    return Booklet(departement, more=more, **sections)


def status_label(code: str) -> str:
    return ProfessionalStatus(code).label
