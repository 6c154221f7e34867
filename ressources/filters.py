"""Listing filters. Each rule calls the queryset method that states it (ressources.models.ResourceQuerySet).

The vocabulary (themes, départements) is read once per request as plain choices: validating and rendering the form
cost one query each, whatever the number of resources.
"""

import django_filters
from django import forms

from guichet.enums import Phase, ProfessionalStatus
from guichet.models import Territory, Theme
from guichet.widgets import InlineSelect
from ressources.enums import ContentFormat

INVALID_CHOICE = "Ce choix n'existe pas : choisissez dans la liste."


class ThemeChoices(forms.CheckboxSelectMultiple):
    """Theme checkboxes, each with its colour, rendered in one template."""

    template_name = "ressources/widgets/theme_choices.html"


class ResourceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Mots-clés",
        method="filter_search",
        help_text="Par exemple : prévoyance, arrêt maladie, URSSAF.",
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
    statut = django_filters.ChoiceFilter(
        label="Votre statut",
        choices=ProfessionalStatus.choices,
        empty_label="Tous les statuts",
        widget=InlineSelect,
        method="filter_status",
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
        self.filters["theme"].extra["choices"] = list(Theme.objects.values_list("slug", "name"))
        self.filters["departement"].extra["choices"] = [
            (code, f"{name} ({code})") for code, name in Territory.objects.departements().values_list("code", "name")
        ]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_themes(self, queryset, name, value):
        return queryset.with_theme_slugs(list(value)) if value else queryset

    def filter_phase(self, queryset, name, value):
        return queryset.for_phase(value)

    def filter_status(self, queryset, name, value):
        return queryset.for_status(value)

    def filter_departement(self, queryset, name, value):
        return queryset.for_departement(value)

    @property
    def active_filters(self) -> int:
        """How many filters the visitor set (to suggest removing one when nothing matches)."""
        if not self.is_bound:
            return 0
        return sum(1 for name in self.filters if any(self.data.getlist(name)))


class ContentFilterSet(ResourceFilterSet):
    format = django_filters.ChoiceFilter(
        label="Format",
        choices=ContentFormat.choices,
        empty_label="Tous les formats",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
