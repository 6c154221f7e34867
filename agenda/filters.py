"""Agenda filters: the shared ones (guichet.filters) plus kind, format and period. They filter occurrences; who an event
concerns is decided by the event's own rules (agenda.models.EventQuerySet)."""

from datetime import datetime, time, timedelta

import django_filters
from django import forms
from django.utils import timezone

from agenda.enums import EventKind, Mode
from guichet.filters import INVALID_CHOICE, TargetingFilterSet
from guichet.widgets import InlineSelect

INVALID_DATE = "Cette date n'est pas valide : écrivez-la comme 03/03/2027."


class DateField(forms.DateInput):
    """A native date picker (no JavaScript); the browser sends an ISO date, a typed 03/03/2027 is also accepted."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class AgendaFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("du") and data.get("au") and data["au"] < data["du"]:
            self.add_error("au", "Cette date est avant la date « du ».")
        return data


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


class EventFilterSet(TargetingFilterSet):
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=[(kind.value, kind.short_label) for kind in EventKind],
        empty_label="Tous les types",
        field_name="event__kind",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    format = django_filters.ChoiceFilter(
        label="Format",
        choices=[(Mode.ON_SITE.value, "Sur place"), (Mode.ONLINE.value, "En ligne")],
        empty_label="Sur place ou en ligne",
        method="filter_mode",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    class Meta:
        form = AgendaFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].extra["help_text"] = "Par exemple : yoga, URSSAF, permanence."
        self.filters["departement"].extra["help_text"] = "Les événements en ligne sont toujours affichés."

    def filter_mode(self, queryset, name, value):
        """Sur place: where she can go; en ligne: what she can follow from home. Hybrid events are both."""
        modes = [Mode.ON_SITE, Mode.BOTH] if value == Mode.ON_SITE else [Mode.ONLINE, Mode.BOTH]
        return queryset.filter(event__mode__in=modes)

    @property
    def description(self) -> str:
        """The chosen filters in words, for the name of a filtered calendar feed."""
        if not self.is_bound or not self.form.is_valid():
            return ""
        words = []
        for name, field in self.form.fields.items():
            value = self.form.cleaned_data.get(name)
            if not value:
                continue
            if name == "q":
                words.append(f"« {value} »")
            elif hasattr(field, "choices"):
                labels = dict(field.choices)
                values = value if isinstance(value, list) else [value]
                words.extend(str(labels.get(v, v)) for v in values)
            else:
                words.append(f"{field.label.lower()} {value:%d/%m/%Y}")
        return ", ".join(words)


class UpcomingFilterSet(EventFilterSet):
    periode = django_filters.ChoiceFilter(
        label="Quand",
        choices=[("semaine", "Cette semaine"), ("mois", "Ce mois-ci")],
        empty_label="Toutes les dates",
        method="filter_period",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    du = django_filters.DateFilter(
        label="Du",
        method="filter_from",
        widget=DateField(),
        error_messages={"invalid": INVALID_DATE},
    )
    au = django_filters.DateFilter(
        label="Au",
        method="filter_to",
        widget=DateField(),
        error_messages={"invalid": INVALID_DATE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("du", "au"):
            self.form.fields[name].validators.append(_plausible_date)

    def filter_period(self, queryset, name, value):
        today = timezone.localdate()
        if value == "semaine":
            end = today + timedelta(days=7 - today.weekday())  # next Monday
        else:
            end = (today.replace(day=28) + timedelta(days=4)).replace(day=1)  # first day of next month
        return queryset.overlapping(_start_of(today), _start_of(end))

    def filter_from(self, queryset, name, value):
        return queryset.filter(ends_at__gt=_start_of(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(starts_at__lt=_start_of(value + timedelta(days=1)))


def _plausible_date(value):
    if not 2000 <= value.year <= 2100:
        raise forms.ValidationError("Choisissez une date entre l'an 2000 et l'an 2100.")
