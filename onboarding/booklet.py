"""The printable booklet of a département (/livret/<code>/): for waiting rooms and for people far from digital
tools. Key aids by statut, the département's structures, national lines with their phone numbers, upcoming events.
A handful of queries whatever the content (none for the aids while content does not change)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from agenda.models import Occurrence
from annuaire.enums import StructureKind
from annuaire.models import Structure
from guichet.answers import Answers
from guichet.enums import ProfessionalStatus, TerritoryKind
from guichet.models.vocabulary import enclosing_ids
from guichet.sharedcache import memo
from ressources import eligibility

EVENT_DAYS = 60
# A few A4 pages: the rest is online, and the booklet says how many more there are. Essentials are never cut.
MAX_AIDS_PER_GROUP = 6
# The aids a booklet weighs: every essential, and the first others by title (the rest are online).
BOOKLET_WINDOW = 150
MAX_STRUCTURES = 25
MAX_NATIONAL_LINES = 15
MAX_EVENTS = 15
# The statuts the booklet groups aids by, in the words of the questionnaire.
STATUS_GROUPS = [
    (
        "Artisanes, commerçantes, micro-entrepreneuses, professions libérales non réglementées, gérantes majoritaires",
        [
            ProfessionalStatus.ARTISAN,
            ProfessionalStatus.TRADER,
            ProfessionalStatus.MICRO,
            ProfessionalStatus.LIBERAL_UNREGULATED,
            ProfessionalStatus.MANAGER_SARL,
        ],
    ),
    ("Professions libérales réglementées", [ProfessionalStatus.LIBERAL_REGULATED]),
    ("Présidentes de SAS ou de SASU", [ProfessionalStatus.PRESIDENT_SAS]),
    ("Conjointes collaboratrices", [ProfessionalStatus.SPOUSE]),
    ("Agricultrices", [ProfessionalStatus.FARMER]),
]


@dataclass
class AidGroup:
    label: str
    statuses: set
    aids: list
    more: bool = False


@dataclass
class Booklet:
    departement: object
    for_everyone: AidGroup
    by_status: list
    for_caregivers: AidGroup
    structures: list
    more_structures: int
    national_lines: list
    events: list


def _group(label, statuses, evaluations, unseen=0) -> AidGroup:
    """Essentials first and all of them, then the others up to the limit (the same order as the parcours)."""
    essentials = [e.aid for e in evaluations if e.essential]
    others = [e.aid for e in evaluations if not e.essential]
    room = max(MAX_AIDS_PER_GROUP - len(essentials), 2)
    return AidGroup(label, set(statuses), [*essentials, *others[:room]], len(others) > room or unseen)


def aid_groups(departement) -> tuple[AidGroup, list[AidGroup], AidGroup]:
    """The aids of a département by statut, with the evaluation of "Mon parcours" for a woman of each statut (any
    phase), over the published aids this process keeps (`eligibility.catalogue`)."""
    aids, _needs, unseen = eligibility.shortlist_for(
        eligibility.catalogue(), places=enclosing_ids(departement), size=BOOKLET_WINDOW
    )
    by_status = []
    for label, statuses in STATUS_GROUPS:
        seen, evaluations = set(), []
        for status in statuses:
            profile = Answers(status=status)
            for evaluation in eligibility.rank([eligibility.evaluate(aid, profile) for aid in aids]):
                aid = evaluation.aid
                if aid.pk in seen or aid.is_for_caregiver or not aid.status_codes:
                    continue
                seen.add(aid.pk)
                evaluations.append(evaluation)
        if evaluations:
            by_status.append(_group(label, statuses, eligibility.rank(evaluations), unseen))
    everyone = eligibility.rank([eligibility.evaluate(aid, Answers()) for aid in aids if not aid.status_codes])
    for_everyone = _group(
        "Pour toutes, quel que soit le statut", [], [e for e in everyone if not e.aid.is_for_caregiver], unseen
    )
    caregivers = eligibility.rank([eligibility.evaluate(aid, Answers()) for aid in aids if aid.is_for_caregiver])
    return for_everyone, by_status, _group("Pour les proches qui aident", [], caregivers)


def booklet(departement, now=None) -> Booklet:
    """Its aids, structures and national lines are read once per process per département until content changes, its
    next events once a day (guichet.sharedcache.memo): only published content, the same for every reader."""
    now = now or timezone.now()
    code = departement.code
    for_everyone, by_status, for_caregivers, structures, more_structures, national_lines = memo(
        "onboarding.booklet", lambda: (*aid_groups(departement), *_structures(code)), key=code
    )
    return Booklet(
        departement,
        for_everyone,
        by_status,
        for_caregivers,
        structures,
        more_structures,
        national_lines,
        _events(code, now),
    )


def _structures(code) -> tuple[list, int, list]:
    through = Structure.territories.through
    here = through.objects.filter(
        structure_id=OuterRef("pk"), territory__code=code, territory__kind=TerritoryKind.DEPARTEMENT
    )
    anywhere = through.objects.filter(structure_id=OuterRef("pk"))
    local = Structure.objects.published().filter(Exists(here), kind=StructureKind.STRUCTURE)
    structures = list(local.order_by("is_demo", "name")[:MAX_STRUCTURES])
    more_structures = local.count() - len(structures) if len(structures) == MAX_STRUCTURES else 0
    national_lines = list(
        Structure.objects.published().filter(~Exists(anywhere)).exclude(phone="").order_by("name")[:MAX_NATIONAL_LINES]
    )
    return structures, more_structures, national_lines


def _events(code, now) -> list:
    """The next MAX_EVENTS dates of the département within EVENT_DAYS. Those of today's window (from midnight, to
    EVENT_DAYS after tonight) are kept with some to spare; at each request those over or too far are left out, and
    the database is read again when those kept no longer suffice."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    keep = MAX_EVENTS + 10

    def window(start, end):
        return (
            Occurrence.objects.public()
            .not_cancelled()
            .upcoming(start)
            .filter(starts_at__lt=end)
            .for_departement(code)
            .select_related("event")
        )

    kept = memo(
        "onboarding.booklet_events",
        lambda: list(window(today, today + timedelta(days=EVENT_DAYS + 1))[:keep]),
        key=(code, today.date()),
    )
    end = now + timedelta(days=EVENT_DAYS)
    events = [o for o in kept if o.ends_at > now and o.starts_at < end]
    if len(events) < MAX_EVENTS and len(kept) == keep:
        events = list(window(now, end)[:MAX_EVENTS])
    return events[:MAX_EVENTS]


def status_label(code: str) -> str:
    return ProfessionalStatus(code).label
