"""Anonymous figures for the coordinator and funders, from the counters (onboarding.models.UsageCount).

Periods are whole calendar months, closed months only: a day, or two periods a day apart, could single out one
visitor. Every cell counts at least 5 people or is shown as "< 5"; when a single cell of a table is hidden, the next
smallest is hidden too ("masqué", with the reason), so that the total cannot give it away (secondary suppression). A
cell of 5 or more is never hidden otherwise.
"""

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.html import escape

from guichet import kinds
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


MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
SECONDARY = "masqué"
SECONDARY_REASON = (
    "« masqué » : cette case compte au moins 5 personnes, mais elle est cachée pour que le total ne révèle pas une "
    "petite case du même tableau."
)


def closed_months(today: date, count: int = 24) -> list[date]:
    """The first day of each of the last `count` whole months before the current one, most recent first."""
    months, month = [], today.replace(day=1)
    for _ in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return months


def month_label(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@dataclass
class Cell:
    label: str
    count: int
    hidden: bool = False
    masked: bool = False

    @property
    def shown(self) -> str:
        if self.hidden:
            return f"< {THRESHOLD}"
        return SECONDARY if self.masked else str(self.count)


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
    """Small cells hidden ("< 5"); a lone hidden cell takes the next smallest with it ("masqué")."""
    for cell in cells:
        cell.hidden = cell.count < THRESHOLD
    hidden = [cell for cell in cells if cell.hidden]
    if len(hidden) == 1:
        others = sorted((cell for cell in cells if not cell.hidden), key=lambda cell: cell.count)
        if others:
            others[0].masked = True
    return cells


def has_masked(tables) -> bool:
    return any(cell.masked for table in tables for cell in table["cells"])


def total_shown(total: int) -> str:
    return f"< {THRESHOLD}" if total < THRESHOLD else str(total)


def by_field(queryset, field: str, labels: dict) -> tuple[list[Cell], int]:
    """Counts of a queryset by one field, with the same small-cell rule."""
    rows = queryset.values(field).annotate(n=Count("pk")).order_by("-n", field)
    cells = [Cell(label=str(labels.get(row[field], row[field] or "Sans réponse")), count=row["n"]) for row in rows]
    return suppress(cells), sum(cell.count for cell in cells)


def content_tables(*, start, end) -> list[tuple[str, tuple[list[Cell], int]]]:
    """The tables the kinds of content give (guichet.kinds: `figures`, e.g. requests to be put in touch by state,
    sign-ups by status), with the same small-cell rule: [(title, (cells, total))]."""
    return [
        (title, by_field(*count(start=start, end=end))) for kind in kinds.registered() for title, count in kind.figures
    ]


@dataclass
class CallBacks:
    """The first call-back of the requests received in one closed month: how many could be measured, the median delay
    in working days (first contact, or still waiting past the promise), the share within the promised delay. Fewer
    than 5 requests: nothing but "< 5"."""

    month: date
    count: int
    median_days: float | None
    within: int

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def hidden(self) -> bool:
        return self.count < THRESHOLD

    @property
    def count_shown(self) -> str:
        return f"< {THRESHOLD}" if self.hidden else str(self.count)

    @property
    def median_shown(self) -> str:
        if self.hidden or self.median_days is None:
            return "—"
        days = f"{self.median_days:g}".replace(".", ",")
        return f"{days} jour{'s' if self.median_days > 1 else ''} ouvré{'s' if self.median_days > 1 else ''}"

    @property
    def share_shown(self) -> str:
        return "—" if self.hidden else f"{round(100 * self.within / self.count)} %"


def call_backs(months: list[date], *, today=None) -> list[CallBacks]:
    """Per closed month (requests received that month), the delay to the first call-back and the share within the
    promise (GUICHET_CALLBACK_WORKING_DAYS), as the kind that receives the requests measures them (guichet.kinds:
    `measures["call_backs"]`, annuaire/figures.py). One query whatever the number of months."""
    today = today or timezone.localdate()
    measure = next((kind.measures["call_backs"] for kind in kinds.registered() if "call_backs" in kind.measures), None)
    if not months or measure is None:
        return []
    by_month: dict[date, list] = {month: [] for month in months}
    for received, days, kept in measure(first=min(months), last=month_end(max(months)), today=today):
        month = received.replace(day=1)
        if month in by_month:
            by_month[month].append((days, kept))
    return [
        CallBacks(
            month=month,
            count=len(measured),
            median_days=statistics.median(days for days, _ in measured) if measured else None,
            within=sum(1 for _, kept in measured if kept),
        )
        for month, measured in sorted(by_month.items(), reverse=True)
    ]


def parcours_actions(*, start, end) -> tuple[list[Cell], int]:
    rows = dict(
        UsageCount.objects.filter(day__gte=start, day__lte=end)
        .exclude(kind=UsageCount.Kind.QUESTIONNAIRE)
        .values_list("kind")
        .annotate(n=Sum("count"))
    )
    cells = [Cell(label=label, count=rows.get(kind, 0)) for kind, label in UsageCount.Kind.choices if kind in rows]
    return suppress(cells), sum(cell.count for cell in cells)


def most_viewed(*, start, end, limit=10) -> list[tuple[str, str, int]]:
    """[(kind label, title, reads)] for the kinds whose reads are counted (sheets and aids); reads of pages, not of
    people: no small-cell rule needed. One query, then one per kind read."""
    from guichet.models import PageView

    rows = list(
        PageView.objects.filter(day__gte=start, day__lte=end)
        .values("kind", "slug")
        .annotate(n=Sum("count"))
        .order_by("-n", "slug")[:limit]
    )
    counted = {kind.key: kind for kind in kinds.registered() if kind.counted}
    titles = {}
    for key in {row["kind"] for row in rows} & set(counted):
        slugs = [row["slug"] for row in rows if row["kind"] == key]
        titles |= {(key, entry.slug): str(entry) for entry in counted[key].model.objects.filter(slug__in=slugs)}
    return [
        (
            counted[r["kind"]].counted_label if r["kind"] in counted else r["kind"],
            titles.get((r["kind"], r["slug"]), r["slug"]),
            r["n"],
        )
        for r in rows
    ]


def weekly(*, kind: str, start, end) -> list[tuple[date, int]]:
    """Counts per week (weeks starting on Monday), every week of the period, zero included."""
    counts = dict(
        UsageCount.objects.filter(kind=kind, day__gte=start, day__lte=end).values_list("day").annotate(n=Sum("count"))
    )
    first = start - timedelta(days=start.weekday())
    weeks = []
    week = first
    while week <= end:
        total = sum(n for day, n in counts.items() if week <= day < week + timedelta(days=7))
        weeks.append((week, total))
        week += timedelta(days=7)
    return weeks


def bar_chart(weeks: list[tuple[date, int]], *, title: str) -> str:
    """A bar chart as inline SVG, drawn here (no JavaScript, nothing from another site). Weeks under the threshold are
    drawn at zero height and labelled "< 5", like the tables."""
    width, height, pad = 640, 220, 30
    bar = (width - 2 * pad) / max(len(weeks), 1)
    top = max([n for _, n in weeks if n >= THRESHOLD] or [THRESHOLD])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title" class="chart"><title id="chart-title">{escape(title)}</title>',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#333"/>',
    ]
    for i, (week, n) in enumerate(weeks):
        shown = n if n >= THRESHOLD else 0
        h = (height - 2 * pad) * shown / top
        x = pad + i * bar
        label = str(n) if n >= THRESHOLD else f"< {THRESHOLD}" if n else "0"
        parts.append(
            f'<rect x="{x + 2:.1f}" y="{height - pad - h:.1f}" width="{max(bar - 4, 1):.1f}" height="{h:.1f}" '
            f'fill="#8a1c4a"><title>Semaine du {week:%d/%m/%Y} : {label}</title></rect>'
        )
        if len(weeks) <= 16 or i % 4 == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - pad + 14}" font-size="10" text-anchor="middle">'
                f"{week:%d/%m}</text>"
            )
    parts.append(f'<text x="{pad}" y="{pad - 10}" font-size="11">{top}</text></svg>')
    return "".join(parts)


def desk_call_backs(months: int = 3) -> dict:
    """On the coordinator's desk (backoffice.desk): the first call-back of requests, per closed month; one query."""
    today = timezone.localdate()
    return {
        "call_backs": call_backs(closed_months(today, months), today=today),
        "promise_days": settings.GUICHET_CALLBACK_WORKING_DAYS,
    }
