import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

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


def test_every_theme_slug_the_code_keys_on_is_a_theme():
    from agenda.enums import EventKind
    from annuaire.enums import Category
    from annuaire.export import THEMATIQUES

    slugs = set(Theme.objects.values_list("slug", flat=True))
    assert {kind.theme_slug for kind in EventKind} <= slugs
    assert {category.theme_slug for category in Category} <= slugs
    assert set(THEMATIQUES) == slugs
    root = Path(__file__).resolve().parent.parent
    in_templates = {
        match
        for template in root.glob("*/templates/**/*.html")
        for match in re.findall(r"theme--([a-z][a-z-]*)", template.read_text(encoding="utf-8"))
    }
    assert "sante-soins-support" in in_templates  # an application's badge
    assert in_templates <= slugs


def test_an_administrator_renames_a_theme_but_its_slug_stays(client, people):
    theme = Theme.objects.get(slug="bien-etre")
    client.force_login(people.administrator)
    url = reverse("admin:guichet_theme_change", args=[theme.pk])
    assert 'name="slug"' not in client.get(url).content.decode()
    data = {"name": "Bien-être et détente", "slug": "detente", "colour": theme.colour, "description": "", "position": 3}
    assert client.post(url, data).status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.slug) == ("Bien-être et détente", "bien-etre")


def test_a_new_theme_gets_the_slug_an_administrator_gives(client, people):
    client.force_login(people.administrator)
    add = reverse("admin:guichet_theme_add")
    assert 'name="slug"' in client.get(add).content.decode()
    data = {"name": "Formation", "slug": "formation", "colour": "#1f5fa8", "description": "", "position": 8}
    assert client.post(add, data).status_code == 302
    assert Theme.objects.filter(slug="formation", name="Formation").exists()
