"""Directory filters: the shared ones (guichet.filters) plus postal code, category, access and type."""

import django_filters
from django import forms

from annuaire.enums import Access, Category, StructureKind
from guichet.filters import INVALID_CHOICE, TargetingFilterSet
from guichet.models.vocabulary import departement_from_postal_code
from guichet.widgets import InlineSelect


class StructureFilterSet(TargetingFilterSet):
    code_postal = django_filters.CharFilter(
        label="Près de chez moi : code postal",
        method="filter_postal_code",
        max_length=5,
        help_text="5 chiffres, par exemple 13001 : nous gardons votre département.",
        error_messages={"max_length": "Un code postal a 5 chiffres, par exemple 13001."},
    )
    categorie = django_filters.ChoiceFilter(
        label="Catégorie",
        choices=Category.choices,
        empty_label="Toutes les catégories",
        field_name="category",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    acces = django_filters.ChoiceFilter(
        label="Accès",
        choices=Access.choices,
        empty_label="Toutes les conditions",
        method="filter_access",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )
    type = django_filters.ChoiceFilter(
        label="Type",
        choices=StructureKind.choices,
        empty_label="Structures et applications",
        field_name="kind",
        widget=InlineSelect,
        error_messages={"invalid_choice": INVALID_CHOICE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].extra["help_text"] = "Par exemple : sport adapté, avocat, psychologue."
        self.form.fields["code_postal"].validators.append(_valid_postal_code)

    def filter_postal_code(self, queryset, name, value):
        return queryset.for_departement(departement_from_postal_code(value))

    def filter_access(self, queryset, name, value):
        return queryset.for_access(value)

    @property
    def departement_code(self) -> str | None:
        """The visitor's département, from the select or her postal code (when valid)."""
        if not self.is_bound or not self.form.is_valid():
            return None
        data = self.form.cleaned_data
        if data.get("departement"):
            return data["departement"]
        return departement_from_postal_code(data.get("code_postal") or "")


def _valid_postal_code(value: str) -> None:
    if value and departement_from_postal_code(value) is None:
        raise forms.ValidationError("Ce code postal n'est pas reconnu : 5 chiffres, par exemple 13001.")
