"""Peer group filters: the shared ones (guichet.filters) plus format and places left."""

import django_filters

from guichet.filters import INVALID_CHOICE, TargetingFilterSet
from guichet.widgets import InlineSelect
from pairs.enums import GroupFormat


class PeerGroupFilterSet(TargetingFilterSet):
    format = django_filters.ChoiceFilter(
        label="Format",
        choices=GroupFormat.choices,
        empty_label="Sur place ou en visio",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    places = django_filters.ChoiceFilter(
        label="Places",
        choices=[("libres", "Avec des places libres")],
        empty_label="Tous les groupes, même complets",
        method="filter_places",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].extra["help_text"] = "Par exemple : reprise, parole, visio."
        self.filters["departement"].extra["help_text"] = "Les groupes en visio sont toujours affichés."

    def filter_places(self, queryset, name, value):
        return queryset.filter(places_left__gt=0)
