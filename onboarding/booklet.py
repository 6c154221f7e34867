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
    national_lines: list
    events: list


def booklet(departement) -> Booklet:
    code = departement.code
    aids = list(Aid.objects.published().for_departement(code).prefetch_related("statuses").order_by("title"))
    for_everyone = [aid for aid in aids if not aid.statuses.all()]
    by_status = []
    for label, statuses in STATUS_GROUPS:
        matching = [aid for aid in aids if statuses & {tag.code for tag in aid.statuses.all()}]
        if matching:
            by_status.append((label, matching))
    through = Structure.territories.through
    here = through.objects.filter(structure_id=OuterRef("pk"), territory__code=code, territory__kind="departement")
    anywhere = through.objects.filter(structure_id=OuterRef("pk"))
    structures = list(Structure.objects.published().filter(Exists(here), kind=StructureKind.STRUCTURE).order_by("name"))
    national_lines = list(Structure.objects.published().filter(~Exists(anywhere)).exclude(phone="").order_by("name"))
    now = timezone.now()
    events = list(
        Occurrence.objects.public()
        .not_cancelled()
        .upcoming(now)
        .filter(starts_at__lt=now + timedelta(days=EVENT_DAYS))
        .for_departement(code)
        .select_related("event")[:30]
    )
    return Booklet(departement, for_everyone, by_status, structures, national_lines, events)


def status_label(code: str) -> str:
    return ProfessionalStatus(code).label
