"""Listing filters shared by every app. Each rule calls the queryset method that states it (guichet.targeting).

The vocabulary (themes, départements) is read once per request as plain choices: validating and rendering the form
cost one query each, whatever the number of entries.
"""

import django_filters
from django import forms

from guichet.enums import Phase
from guichet.models import Theme
from guichet.models.vocabulary import territory_index
from guichet.sharedcache import memo
from guichet.widgets import InlineSelect

INVALID_CHOICE = "Ce choix n'existe pas : choisissez dans la liste."


class ThemeChoices(forms.CheckboxSelectMultiple):
    """Theme checkboxes, each with its colour, rendered in one template."""

    template_name = "guichet/widgets/theme_choices.html"


def filter_choices() -> dict[str, list]:
    """The themes and départements every listing's filters offer, kept by each process until content changes
    (guichet.sharedcache.memo): no query for them at each request."""

    def build():
        departements = sorted(territory_index().departements.values(), key=lambda territory: territory.code)
        return {
            "themes": list(Theme.objects.values_list("slug", "name")),
            "departements": [(territory.code, f"{territory.name} ({territory.code})") for territory in departements],
        }

    return memo("guichet.filter_choices", build)


class TargetingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Mots-clés",
        method="filter_search",
        max_length=200,
        error_messages={"max_length": "200 caractères au plus."},
    )
    theme = django_filters.MultipleChoiceFilter(
        label="Thèmes",
        method="filter_themes",
        widget=ThemeChoices,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    phase = django_filters.ChoiceFilter(
        label="Où en êtes-vous ?",
        choices=[(phase.value, phase.short_label) for phase in Phase],
        empty_label="Toutes les phases",
        widget=InlineSelect,
        method="filter_phase",
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    departement = django_filters.ChoiceFilter(
        label="Votre département",
        empty_label="Toute la France",
        widget=InlineSelect,
        method="filter_departement",
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = filter_choices()
        self.filters["theme"].extra["choices"] = choices["themes"]
        self.filters["departement"].extra["choices"] = choices["departements"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_themes(self, queryset, name, value):
        return queryset.with_theme_slugs(list(value)) if value else queryset

    def filter_phase(self, queryset, name, value):
        return queryset.for_phase(value)

    def filter_departement(self, queryset, name, value):
        return queryset.for_departement(value)

    @property
    def active_filters(self) -> int:
        """How many filters the visitor set (to suggest removing one when nothing matches)."""
        if not self.is_bound:
            return 0
        return sum(1 for name in self.filters if any(self.data.getlist(name)))
