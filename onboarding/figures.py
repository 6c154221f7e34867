"""Anonymous figures for the coordinator and funders, from the counters (onboarding.models.UsageCount).

Every cell counts at least 5 people or is shown as "< 5"; when a single cell of a table is hidden, the next smallest
is hidden too, so that the total cannot give it away (secondary suppression).
"""

from dataclasses import dataclass

from django.db.models import Sum

from guichet.enums import Phase, ProfessionalStatus
from onboarding.models import SourceCode, UsageCount

THRESHOLD = 5
DIMENSIONS = {
    "phase": ("Phase", lambda value: Phase(value).short_label if value in Phase.values else "Sans réponse"),
    "status": (
        "Statut",
        lambda value: ProfessionalStatus(value).label if value in ProfessionalStatus.values else "Sans réponse",
    ),
    "departement": ("Département", lambda value: value or "Sans réponse"),
    "source": ("Événement d'origine", None),
}


@dataclass
class Cell:
    label: str
    count: int
    hidden: bool = False

    @property
    def shown(self) -> str:
        return f"< {THRESHOLD}" if self.hidden else str(self.count)


def table(*, kind: str, by: str, start, end) -> tuple[list[Cell], int]:
    """Counts of `kind` between two days (inclusive) by one dimension; (cells, total)."""
    label_of = DIMENSIONS[by][1]
    if by == "source":
        names = dict(SourceCode.objects.values_list("code", "label"))

        def label_of(value):
            return names.get(value, value) if value else "Aucun (venue directement)"

    rows = (
        UsageCount.objects.filter(kind=kind, day__gte=start, day__lte=end)
        .values(by)
        .annotate(n=Sum("count"))
        .order_by("-n", by)
    )
    cells = [Cell(label=label_of(row[by]), count=row["n"]) for row in rows if row["n"]]
    return suppress(cells), sum(cell.count for cell in cells)


def suppress(cells: list[Cell]) -> list[Cell]:
    for cell in cells:
        cell.hidden = cell.count < THRESHOLD
    hidden = [cell for cell in cells if cell.hidden]
    if len(hidden) == 1:
        others = sorted((cell for cell in cells if not cell.hidden), key=lambda cell: cell.count)
        if others:
            others[0].hidden = True
    return cells


def total_shown(total: int) -> str:
    return f"< {THRESHOLD}" if total < THRESHOLD else str(total)
