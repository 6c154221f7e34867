"""Resource listings: the shared filters (guichet.filters) plus status and, for contents, format."""

import django_filters

from guichet.enums import ProfessionalStatus
from guichet.filters import INVALID_CHOICE, TargetingFilterSet
from guichet.widgets import InlineSelect
from ressources.enums import ContentFormat


class ResourceFilterSet(TargetingFilterSet):
    statut = django_filters.ChoiceFilter(
        label="Votre statut",
        choices=ProfessionalStatus.choices,
        empty_label="Tous les statuts",
        widget=InlineSelect,
        method="filter_status",
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].extra["help_text"] = "Par exemple : prévoyance, arrêt maladie, URSSAF."

    def filter_status(self, queryset, name, value):
        return queryset.for_status(value)


class ContentFilterSet(ResourceFilterSet):
    format = django_filters.ChoiceFilter(
        label="Format",
        choices=ContentFormat.choices,
        empty_label="Tous les formats",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
