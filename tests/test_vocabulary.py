import pytest
from django.core.exceptions import ValidationError

from guichet.enums import Phase, ProfessionalStatus, TerritoryKind
from guichet.models import PhaseTag, StatusTag, Territory, Theme
from guichet.models.vocabulary import contrast_ratio, validate_theme_colour

pytestmark = pytest.mark.django_db


def test_all_french_regions_and_departements_with_insee_codes():
    assert Territory.objects.filter(kind=TerritoryKind.REGION).count() == 18
    departements = Territory.objects.departements()
    assert departements.count() == 101
    codes = set(departements.values_list("code", flat=True))
    assert {"2A", "2B", "971", "976", "13", "95"} <= codes
    assert Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code="13").parent.name == (
        "Provence-Alpes-Côte d'Azur"
    )
    assert Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code="2A").parent.code == "94"
    assert Territory.objects.filter(kind=TerritoryKind.NATIONAL).count() == 1


def test_the_service_covers_the_six_paca_departements_at_launch():
    assert set(Territory.objects.covered().values_list("code", flat=True)) == {"04", "05", "06", "13", "83", "84"}


def test_content_near_her_includes_her_departement_region_and_nation():
    var = Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code="83")
    enclosing = Territory.objects.enclosing(var)
    assert {str(t) for t in enclosing} == {"Var (83)", "Provence-Alpes-Côte d'Azur", "France entière"}


def test_a_departement_cannot_exist_without_its_region():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Territory.objects.create(kind=TerritoryKind.DEPARTEMENT, code="99", name="Nulle part")


def test_themes_exist_and_every_colour_is_readable_under_white_text():
    themes = list(Theme.objects.all())
    assert [t.name for t in themes] == [
        "Droits et protection sociale",
        "Argent et aides",
        "Maintien de l'activité",
        "Santé et soins de support",
        "Bien-être",
        "Reconversion",
        "Vie personnelle et proches",
    ]
    for theme in themes:
        assert contrast_ratio(theme.colour, "#ffffff") >= 4.5, theme
        theme.full_clean()


def test_a_theme_colour_too_light_or_malformed_is_refused_in_french():
    with pytest.raises(ValidationError, match="trop claire"):
        validate_theme_colour("#ffcc00")
    with pytest.raises(ValidationError, match="#RRVVBB"):
        validate_theme_colour("rouge")


def test_phase_and_status_rows_mirror_the_code_enums_in_order():
    assert list(PhaseTag.objects.values_list("code", flat=True)) == list(Phase.values)
    assert list(StatusTag.objects.values_list("code", flat=True)) == list(ProfessionalStatus.values)
    assert ProfessionalStatus.UNKNOWN.label == "Je ne sais pas"
