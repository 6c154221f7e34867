"""The opening-hours editor of the back office, without JavaScript: a row per day (closed, or one or two time ranges),
public holidays, dated closures. It writes and reads `WeeklyHours` (annuaire/opening_hours.py); operators never see
the OpenStreetMap code.

Hours the editor cannot show (typed in code before it existed, or imported) are kept untouched and shown read-only in
French; they are replaced only when the operator fills in the table and ticks « Remplacer »."""

import datetime
import re
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from annuaire.opening_hours import DAY_CODES, DAYS, Closure, TimeRange, WeeklyHours, time_in_french, week

SLOTS = 2
MIN_CLOSURE_ROWS = 3
MAX_CLOSURE_ROWS = 20
TIME_TYPED = re.compile(r"^(\d{1,2})\s*(?:[:hH]\s*(\d{1,2})?)?$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_time(text: str) -> datetime.time:
    """ "09:00" (what a time input sends), "9h", "9 h 30", "9:30"; ValueError otherwise."""
    match = TIME_TYPED.match(text.strip())
    if not match:
        raise ValueError
    return datetime.time(int(match[1]), int(match[2] or 0))


def parse_date(text: str) -> datetime.date:
    """ "2027-08-31" (what a date input sends) or "31/08/2027"; ValueError otherwise."""
    text = text.strip()
    if match := ISO_DATE.match(text):
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    if match := FRENCH_DATE.match(text):
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    raise ValueError


def _closure_label(index: int) -> str:
    return f"Fermeture exceptionnelle n° {index + 1}"


@dataclass
class TypedHours:
    """What the operator typed, as strings, so that a refused form shows it again as it was."""

    days: list[list[tuple[str, str]]] = field(default_factory=lambda: [[("", "")] * SLOTS for _ in DAYS])
    holidays: bool = False
    closures: list[tuple[str, str]] = field(default_factory=list)
    replace: bool = False

    @classmethod
    def from_hours(cls, hours: WeeklyHours) -> "TypedHours":
        days = [
            [(f"{r.start:%H:%M}", f"{r.end:%H:%M}") for r in ranges] + [("", "")] * (SLOTS - len(ranges))
            for ranges in hours.days
        ]
        closures = [
            (closure.start.isoformat(), "" if closure.end == closure.start else closure.end.isoformat())
            for closure in hours.closures
        ]
        return cls(days=days, holidays=hours.closed_on_public_holidays, closures=closures)

    @classmethod
    def from_data(cls, data, name: str) -> "TypedHours":
        def text(key):
            return (data.get(f"{name}_{key}") or "").strip()

        days = [
            [(text(f"{code}_{slot}_start"), text(f"{code}_{slot}_end")) for slot in range(1, SLOTS + 1)]
            for code in (code.lower() for code in DAY_CODES)
        ]
        prefix = re.compile(rf"^{re.escape(name)}_closure_(\d+)_(?:start|end)$")
        indexes = sorted({int(match[1]) for key in data if (match := prefix.match(key))})
        closures = [(text(f"closure_{index}_start"), text(f"closure_{index}_end")) for index in indexes]
        return cls(
            days=days,
            holidays=bool(data.get(f"{name}_holidays")),
            closures=[closure for closure in closures if any(closure)][:MAX_CLOSURE_ROWS],
            replace=bool(data.get(f"{name}_replace")),
        )

    @property
    def is_blank(self) -> bool:
        return (
            not self.holidays
            and not any(any(pair) for pairs in self.days for pair in pairs)
            and not any(any(closure) for closure in self.closures)
        )

    def clean(self) -> tuple[WeeklyHours, dict[str, list[str]]]:
        """The hours, and the French errors by row ("mo", "tu"…, "closure_0"…, "exceptions")."""
        errors: dict[str, list[str]] = {}
        days = []
        for code, day, pairs in zip(DAY_CODES, DAYS, self.days, strict=True):
            ranges, messages = self._clean_day(day, pairs)
            days.append(ranges)
            if messages:
                errors[code.lower()] = messages
        closures = []
        for index, (start, end) in enumerate(self.closures):
            closure, messages = self._clean_closure(_closure_label(index), start, end)
            if closure:
                closures.append(closure)
            if messages:
                errors[f"closure_{index}"] = messages
        hours = WeeklyHours(days=tuple(days), closed_on_public_holidays=self.holidays, closures=tuple(closures))
        if hours.is_empty and (self.holidays or closures) and not errors:
            errors["exceptions"] = [
                "Indiquez au moins un jour d'ouverture dans le tableau : les jours fériés et les fermetures "
                "exceptionnelles complètent les horaires de la semaine."
            ]
        return hours, errors

    @staticmethod
    def _clean_day(day: str, pairs: list[tuple[str, str]]) -> tuple[tuple[TimeRange, ...], list[str]]:
        ranges, messages = [], []
        for start_text, end_text in pairs:
            if not start_text and not end_text:
                continue
            if not start_text or not end_text:
                messages.append(f"{day} : indiquez l'heure d'ouverture et l'heure de fermeture de chaque plage.")
                continue
            times = []
            for text in (start_text, end_text):
                try:
                    times.append(parse_time(text))
                except ValueError:
                    messages.append(
                        f"{day} : « {text} » n'est pas une heure : écrivez-la de 0:00 à 23:59, par exemple 9:30."
                    )
            if len(times) < 2:
                continue
            start, end = times
            if end <= start:
                messages.append(
                    f"{day} : la fermeture ({time_in_french(end)}) doit venir après l'ouverture "
                    f"({time_in_french(start)})."
                )
                continue
            ranges.append(TimeRange(start, end))
        ranges.sort()
        if len(ranges) == 2 and ranges[1].start <= ranges[0].end:
            messages.append(
                f"{day} : les deux plages se chevauchent ou se touchent ({ranges[0].in_french()} et "
                f"{ranges[1].in_french()}) : écrivez une seule plage, ou séparez-les par une pause."
            )
        return tuple(ranges), messages

    @staticmethod
    def _clean_closure(label: str, start_text: str, end_text: str) -> tuple[Closure | None, list[str]]:
        if not start_text:
            return None, [f"{label} : indiquez la date de début (pour un seul jour, la date de début suffit)."]
        dates = []
        for text in (start_text, end_text or start_text):
            try:
                dates.append(parse_date(text))
            except ValueError:
                return None, [
                    f"{label} : « {text} » n'est pas une date : écrivez-la jj/mm/aaaa, par exemple 31/08/2027."
                ]
        start, end = dates
        if end < start:
            return None, [
                f"{label} : la date de fin ({end:%d/%m/%Y}) doit venir après la date de début ({start:%d/%m/%Y})."
            ]
        return Closure(start, end), []


class OpeningHoursWidget(forms.Widget):
    template_name = "annuaire/widgets/opening_hours.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.original = ""

    def value_from_datadict(self, data, files, name):
        return TypedHours.from_data(data, name)

    def value_omitted_from_data(self, data, files, name):
        return False

    def id_for_label(self, id_):
        # The label names the whole table; each input has its own.
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        original = self.original if isinstance(value, TypedHours) else (value or "")
        current = WeeklyHours.from_osm(original)
        if isinstance(value, TypedHours):
            typed, bound = value, True
        else:
            typed, bound = TypedHours.from_hours(current or WeeklyHours()), False
        errors = typed.clean()[1] if bound else {}
        preview = None
        if bound and not errors and not typed.is_blank:
            hours = typed.clean()[0]
            if hours != current:
                preview = hours.in_french()
        id_ = context["widget"]["attrs"].get("id") or f"id_{name}"
        closures = typed.closures + [("", "")] * max(MIN_CLOSURE_ROWS - len(typed.closures), 1)
        context["widget"].update(
            {
                "id": id_,
                "days": [
                    {
                        "label": day,
                        "key": code.lower(),
                        "slots": [
                            {"number": slot, "start": start, "end": end}
                            for slot, (start, end) in enumerate(typed.days[index], start=1)
                        ],
                        "errors": errors.get(code.lower(), []),
                    }
                    for index, (code, day) in enumerate(zip(DAY_CODES, DAYS, strict=True))
                ],
                "holidays": typed.holidays,
                "closures": [
                    {
                        "index": index,
                        "label": _closure_label(index),
                        "start": start,
                        "end": end,
                        "errors": errors.get(f"closure_{index}", []),
                    }
                    for index, (start, end) in enumerate(closures)
                ],
                "exception_errors": errors.get("exceptions", []),
                "kept": current is None,
                "replace": typed.replace,
                "original": original,
                "original_week": week(original) if current is None else [],
                "current": current.in_french() if current else [],
                "preview": preview,
            }
        )
        return context


class OpeningHoursField(forms.Field):
    """Cleans to the OpenStreetMap value: the hours as they were when the table says the same thing (nothing changes
    in the history), the table's when it differs, and hours the table cannot show unless « Remplacer » is ticked."""

    widget = OpeningHoursWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.original = ""

    def get_bound_field(self, form, field_name):
        # The value in the database: kept when the table cannot show it, and shown read-only in French.
        self.original = self.widget.original = form.get_initial_for_field(self, field_name) or ""
        return super().get_bound_field(form, field_name)

    def clean(self, value):
        if not isinstance(value, TypedHours):  # a disabled field, or an initial value
            return value or ""
        current = WeeklyHours.from_osm(self.original)
        if current is None and not value.replace:
            if value.is_blank:
                return self.original
            raise ValidationError(
                "Les horaires actuels sont conservés tant que la case « Remplacer les horaires actuels par ceux du "
                "tableau » n'est pas cochée : cochez-la, ou videz le tableau.",
                code="replace",
            )
        hours, errors = value.clean()
        if errors:
            raise ValidationError([message for messages in errors.values() for message in messages])
        if hours == current:
            return self.original
        result = hours.to_osm()
        self.run_validators(result)
        return result

    def has_changed(self, initial, data):
        try:
            return self.clean(data) != (initial or "")
        except ValidationError:
            return True
