"""The printable booklet of a département (/livret/<code>/): for waiting rooms and for people far from digital
tools. Key aids by statut, the département's structures, national lines with their phone numbers, upcoming events.
A handful of queries whatever the content."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from agenda.models import Occurrence
from annuaire.enums import StructureKind
from annuaire.models import Structure
from guichet.enums import ProfessionalStatus
from ressources.models import Aid

EVENT_DAYS = 60
# A few A4 pages: the rest is online, and the booklet says how many more there are.
MAX_AIDS_PER_GROUP = 8
MAX_STRUCTURES = 25
MAX_NATIONAL_LINES = 15
MAX_EVENTS = 15
# The statuts the booklet groups aids by, in the words of the questionnaire.
STATUS_GROUPS = [
    (
        "Artisanes, commerçantes, micro-entrepreneuses, professions libérales non réglementées, gérantes majoritaires",
        {"artisane", "commercante", "micro-entrepreneuse", "liberale-non-reglementee", "gerante-majoritaire"},
    ),
    ("Professions libérales réglementées", {"liberale-reglementee"}),
    ("Présidentes de SAS ou de SASU", {"presidente-sas"}),
    ("Conjointes collaboratrices", {"conjointe-collaboratrice"}),
    ("Agricultrices", {"agricultrice"}),
]


@dataclass
class Booklet:
    departement: object
    for_everyone: list
    by_status: list
    structures: list
    more_structures: int
    national_lines: list
    events: list


def booklet(departement) -> Booklet:
    code = departement.code
    # Verified aids first: the booklet is kept on paper for months.
    aids = list(
        Aid.objects.published().for_departement(code).prefetch_related("statuses").order_by("to_verify", "title")
    )
    for_everyone = [aid for aid in aids if not aid.statuses.all()][:MAX_AIDS_PER_GROUP]
    by_status = []
    for label, statuses in STATUS_GROUPS:
        matching = [aid for aid in aids if statuses & {tag.code for tag in aid.statuses.all()}]
        if matching:
            by_status.append((label, matching[:MAX_AIDS_PER_GROUP]))
    through = Structure.territories.through
    here = through.objects.filter(structure_id=OuterRef("pk"), territory__code=code, territory__kind="departement")
    anywhere = through.objects.filter(structure_id=OuterRef("pk"))
    local = Structure.objects.published().filter(Exists(here), kind=StructureKind.STRUCTURE)
    structures = list(local.order_by("is_demo", "name")[:MAX_STRUCTURES])
    more_structures = local.count() - len(structures) if len(structures) == MAX_STRUCTURES else 0
    national_lines = list(
        Structure.objects.published().filter(~Exists(anywhere)).exclude(phone="").order_by("name")[:MAX_NATIONAL_LINES]
    )
    now = timezone.now()
    events = list(
        Occurrence.objects.public()
        .not_cancelled()
        .upcoming(now)
        .filter(starts_at__lt=now + timedelta(days=EVENT_DAYS))
        .for_departement(code)
        .select_related("event")[:MAX_EVENTS]
    )
    return Booklet(departement, for_everyone, by_status, structures, more_structures, national_lines, events)


def status_label(code: str) -> str:
    return ProfessionalStatus(code).label
