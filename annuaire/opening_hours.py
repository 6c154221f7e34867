"""Opening hours in the OpenStreetMap `opening_hours` syntax (the one data·inclusion uses), read with the
opening-hours-py library: validation, the hours written in plain French, and "ouvert maintenant".

Operators never type that syntax: the back office edits a `WeeklyHours` (each day closed or one or two time ranges,
public holidays, dated closures) that writes and reads back a small, fixed subset of it. A value outside that subset
(typed before the editor existed, or imported) is kept as it is and read in French from what it means this week.

In that syntax a later rule replaces the earlier ones for its days (`Mo-Fr 09:00-12:00; We 14:00-17:00` opens
Wednesday afternoon only): `WeeklyHours.from_osm()` reads it so, the editor and the French show what is published,
and `to_osm()` names each day once, then the exceptions last."""

import datetime
import re
from dataclasses import dataclass

import opening_hours
from django.core.exceptions import ValidationError
from django.utils import timezone

DAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
DAY_CODES = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
MONTH_CODES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
# Public holidays (`PH`) are those of France: without a country the library never sees one.
COUNTRY = "FR"


def parse(expression: str):
    try:
        return opening_hours.OpeningHours(expression, country=COUNTRY)
    except Exception:
        return None


def validate_opening_hours(expression: str) -> None:
    if expression and parse(expression) is None:
        raise ValidationError(
            "Ces horaires sont illisibles : dans le back office, remplissez le tableau jour par jour ; dans un "
            "fichier importé, écrivez-les au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00; "
            "Sa 09:00-12:00 » (Mo, Tu, We, Th, Fr, Sa, Su pour les jours)."
        )


# The editor's value.


@dataclass(frozen=True, order=True)
class TimeRange:
    start: datetime.time
    end: datetime.time

    def to_osm(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def in_french(self) -> str:
        return f"{time_in_french(self.start)} – {time_in_french(self.end)}"


@dataclass(frozen=True, order=True)
class Closure:
    """Closed from `start` to `end`, both included (the same date for one day)."""

    start: datetime.date
    end: datetime.date

    def to_osm(self) -> str:
        if self.start == self.end:
            return f"{_osm_date(self.start)} off"
        return f"{_osm_date(self.start)}-{_osm_date(self.end)} off"

    def in_french(self) -> str:
        if self.start == self.end:
            return f"Fermé le {date_in_french(self.start)}"
        if self.start.year != self.end.year:
            return f"Fermé du {date_in_french(self.start)} au {date_in_french(self.end)}"
        if self.start.month != self.end.month:
            return f"Fermé du {_day_month(self.start)} au {date_in_french(self.end)}"
        return f"Fermé du {_day(self.start)} au {date_in_french(self.end)}"


@dataclass(frozen=True)
class WeeklyHours:
    """What the editor shows: for each day, Monday first, no range (closed), one or two; then the exceptions."""

    days: tuple[tuple[TimeRange, ...], ...] = ((),) * 7
    closed_on_public_holidays: bool = False
    closures: tuple[Closure, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(self.days)

    def to_osm(self) -> str:
        """Each day named once, grouped by identical hours; then public holidays and closures, which override."""
        if self.is_empty:
            return ""
        groups: dict[tuple[TimeRange, ...], list[int]] = {}
        for index, ranges in enumerate(self.days):
            if ranges:
                groups.setdefault(ranges, []).append(index)
        rules = [f"{_osm_days(indexes)} {','.join(r.to_osm() for r in ranges)}" for ranges, indexes in groups.items()]
        if self.closed_on_public_holidays:
            rules.append("PH off")
        rules.extend(closure.to_osm() for closure in sorted(set(self.closures)))
        return "; ".join(rules)

    @classmethod
    def from_osm(cls, expression: str) -> "WeeklyHours | None":
        """The editor's value for hours it can show, None for any other (they are kept as they are)."""
        expression = (expression or "").strip()
        if not expression:
            return cls()
        if parse(expression) is None:
            return None
        days: list[tuple[TimeRange, ...] | None] = [None] * 7
        closed_on_public_holidays, closures = False, []
        for rule in (part.strip() for part in expression.split(";")):
            if match := DAY_RULE.match(rule):
                if closed_on_public_holidays or closures:
                    return None  # a weekly rule after an exception would override it
                indexes = _days_from_osm(match["days"])
                ranges = _ranges_from_osm(match["times"])
                if indexes is None or ranges is None:
                    return None
                for index in indexes:
                    days[index] = ranges  # as in the library: a later rule replaces the day's hours
            elif HOLIDAY_RULE.match(rule) and not closed_on_public_holidays:
                closed_on_public_holidays = True
            elif match := CLOSURE_RULE.match(rule):
                closure = _closure_from_osm(match)
                if closure is None:
                    return None
                closures.append(closure)
            else:
                return None
        hours = cls(
            days=tuple(ranges or () for ranges in days),
            closed_on_public_holidays=closed_on_public_holidays,
            closures=tuple(sorted(set(closures))),
        )
        # Exceptions without any opening day: the editor writes nothing for them.
        return None if hours.is_empty else hours

    def in_french(self) -> list[str]:
        """One sentence per line, days grouped: ["Du lundi au vendredi : 9 h – 12 h ; le mercredi aussi 14 h – 17 h",
        "Fermé le samedi et le dimanche", "Fermé les jours fériés", "Fermé du 1er au 31 août 2027"]."""
        if self.is_empty:
            return []
        lines = _days_in_french(self.days)
        closed = [index for index, ranges in enumerate(self.days) if not ranges]
        if closed:
            lines.append(f"Fermé {days_in_french(closed)}")
        if self.closed_on_public_holidays:
            lines.append("Fermé les jours fériés")
        lines.extend(closure.in_french() for closure in sorted(set(self.closures)))
        return lines


TIME = r"(?:[01]\d|2[0-3]):[0-5]\d"
DAY = "|".join(DAY_CODES)
MONTH = "|".join(MONTH_CODES)
DAY_RULE = re.compile(
    rf"^(?P<days>(?:{DAY})(?:-(?:{DAY}))?(?:,(?:{DAY})(?:-(?:{DAY}))?)*)\s+"
    rf"(?P<times>{TIME}-{TIME}(?:\s*,\s*{TIME}-{TIME})*|off|closed)$"
)
HOLIDAY_RULE = re.compile(r"^PH\s+(?:off|closed)$")
CLOSURE_RULE = re.compile(
    rf"^(?P<y1>\d{{4}}) (?P<m1>{MONTH}) (?P<d1>\d{{1,2}})"
    rf"(?:-(?P<y2>\d{{4}}) (?P<m2>{MONTH}) (?P<d2>\d{{1,2}}))?\s+(?:off|closed)$"
)


def _osm_days(indexes: list[int]) -> str:
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ",".join(DAY_CODES[run[0]] if len(run) == 1 else f"{DAY_CODES[run[0]]}-{DAY_CODES[run[-1]]}" for run in runs)


def _osm_date(day: datetime.date) -> str:
    return f"{day.year} {MONTH_CODES[day.month - 1]} {day.day:02d}"


def _days_from_osm(selector: str) -> list[int] | None:
    indexes: list[int] = []
    for part in selector.split(","):
        first, _, last = part.partition("-")
        start, end = DAY_CODES.index(first), DAY_CODES.index(last or first)
        if end < start:
            return None  # "Sa-Mo" wraps around the week: valid, but not what the editor writes
        indexes.extend(range(start, end + 1))
    return indexes if len(set(indexes)) == len(indexes) else None


def _ranges_from_osm(times: str) -> tuple[TimeRange, ...] | None:
    if times in ("off", "closed"):
        return ()
    ranges = []
    for part in times.split(","):
        start, end = part.strip().split("-")
        ranges.append(TimeRange(datetime.time.fromisoformat(start), datetime.time.fromisoformat(end)))
    if len(ranges) > 2 or any(r.end <= r.start for r in ranges):
        return None
    if len(ranges) == 2 and ranges[1].start <= ranges[0].end:
        return None
    return tuple(ranges)


def _closure_from_osm(match: re.Match) -> Closure | None:
    try:
        start = datetime.date(int(match["y1"]), MONTH_CODES.index(match["m1"]) + 1, int(match["d1"]))
        end = (
            datetime.date(int(match["y2"]), MONTH_CODES.index(match["m2"]) + 1, int(match["d2"]))
            if match["y2"]
            else start
        )
    except ValueError:
        return None
    return Closure(start, end) if start <= end else None


# In French.


def time_in_french(moment: datetime.time | datetime.datetime) -> str:
    return f"{moment.hour} h" if moment.minute == 0 else f"{moment.hour} h {moment.minute:02d}"


def _day(day: datetime.date) -> str:
    return "1er" if day.day == 1 else str(day.day)


def _day_month(day: datetime.date) -> str:
    return f"{_day(day)} {MONTHS[day.month - 1]}"


def date_in_french(day: datetime.date) -> str:
    return f"{_day_month(day)} {day.year}"


def _enumerate(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"


def days_in_french(indexes: list[int]) -> str:
    """[0, 1, 2, 4] → "du lundi au mercredi et le vendredi"; three days in a row or more are a span."""
    if len(indexes) == 7:
        return "tous les jours"
    parts: list[str] = []
    runs: list[list[int]] = []
    for index in sorted(indexes):
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        if len(run) >= 3:
            parts.append(f"du {DAYS[run[0]].lower()} au {DAYS[run[-1]].lower()}")
        else:
            parts.extend(f"le {DAYS[index].lower()}" for index in run)
    return _enumerate(parts)


def _ranges_in_french(ranges: tuple[TimeRange, ...]) -> str:
    return _enumerate([r.in_french() for r in ranges])


def _days_in_french(days: tuple[tuple[TimeRange, ...], ...]) -> list[str]:
    """Days that open at the same time share a line. When most of them have only that range, the others' second
    range is added with "aussi": "Du lundi au vendredi : 9 h – 12 h ; le mercredi aussi 14 h – 17 h". Otherwise one
    line per set of identical days."""
    by_first: dict[TimeRange, list[int]] = {}
    for index, ranges in enumerate(days):
        if ranges:
            by_first.setdefault(ranges[0], []).append(index)
    lines = []
    for first, indexes in by_first.items():
        rests: dict[tuple[TimeRange, ...], list[int]] = {}
        for index in indexes:
            rests.setdefault(days[index][1:], []).append(index)
        alone = rests.get((), [])
        if len(rests) > 1 and len(alone) >= max(len(group) for rest, group in rests.items() if rest):
            extras = [
                f"{days_in_french(group)} aussi {_ranges_in_french(rest)}" for rest, group in rests.items() if rest
            ]
            lines.append(f"{days_in_french(indexes).capitalize()} : {first.in_french()} ; {' ; '.join(extras)}")
        else:
            lines.extend(
                f"{days_in_french(group).capitalize()} : {_ranges_in_french((first, *rest))}"
                for rest, group in rests.items()
            )
    return lines


def in_french(expression: str, *, now: datetime.datetime | None = None) -> str:
    """The hours in one French paragraph, for the review and the history: the editor's reading when it can show
    them, else what they mean this week."""
    if not (expression or "").strip():
        return "Non renseignés."
    hours = WeeklyHours.from_osm(expression)
    if hours is not None:
        return ". ".join(hours.in_french()) + "."
    days = week(expression, now=now)
    if not days:
        return f"Illisibles : « {expression} »."
    return "Cette semaine : " + " ; ".join(f"{day.lower()} {hours}" for day, hours in days) + "."


# What the hours mean at a given time.


def _local_naive(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def week(expression: str, *, now: datetime.datetime | None = None) -> list[tuple[str, str]]:
    """Each day of the current week with its hours in French: [("Lundi", "9 h – 12 h, 14 h – 17 h"), …]."""
    parsed = parse(expression)
    if parsed is None:
        return []
    today = _local_naive(now or timezone.now()).date()
    monday = datetime.datetime.combine(today - datetime.timedelta(days=today.weekday()), datetime.time())
    days: list[list[str]] = [[] for _ in DAYS]
    for start, end, state, _comment in parsed.intervals(monday, monday + datetime.timedelta(days=7)):
        if state != opening_hours.State.OPEN:
            continue
        # An interval may run past midnight: it is listed on the day it starts.
        end_label = "minuit" if end.time() == datetime.time() and end.date() > start.date() else time_in_french(end)
        days[start.weekday()].append(f"{time_in_french(start)} – {end_label}")
    return [(DAYS[index], ", ".join(slots) if slots else "fermé") for index, slots in enumerate(days)]


def is_open(expression: str, *, now: datetime.datetime | None = None) -> bool | None:
    """True or False when the hours say so; None when they are unknown or unreadable."""
    parsed = parse(expression)
    if parsed is None:
        return None
    moment = _local_naive(now or timezone.now())
    if parsed.is_unknown(moment):
        return None
    return parsed.is_open(moment)
