import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from annuaire.models import Structure
from annuaire.opening_hours import is_open, validate_opening_hours, week
from guichet.enums import TerritoryKind
from guichet.models import Territory
from guichet.models.vocabulary import departement_from_postal_code
from tests.factories import StructureFactory
from tests.helpers import demo_rows
from tests.helpers.roles import check_editorial_matrix

pytestmark = pytest.mark.django_db


def names(response):
    return set(re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()))


def departement(code):
    return Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code=code)


@pytest.fixture
def directory(organisation):
    paca = Territory.objects.get(kind=TerritoryKind.REGION, code="93")
    return {
        "national": StructureFactory(owner=organisation, published=True, name="Nationale", is_free=True),
        "marseille": StructureFactory(
            owner=organisation,
            published=True,
            name="Marseille",
            category="soins-de-support",
            territories=[departement("13")],
            services=[("Sport adapté", ["bien-etre"], ["apres"])],
            by_appointment=True,
        ),
        "region": StructureFactory(owner=organisation, published=True, name="Région Sud", territories=[paca]),
        "nice": StructureFactory(
            owner=organisation,
            published=True,
            name="Nice",
            territories=[departement("06")],
            services=[("Conseil juridique", ["droits-protection-sociale"], ["traitement"])],
        ),
        "app": StructureFactory(owner=organisation, published=True, name="Application", kind="application"),
        "draft": StructureFactory(owner=organisation, name="Brouillon caché", territories=[departement("13")]),
    }


def test_role_matrix(client, people, organisation):
    check_editorial_matrix(client, StructureFactory(owner=organisation), people)


def test_national_entries_are_always_included(client, directory):
    assert names(client.get("/annuaire/", {"departement": "13"})) == {
        "Nationale",
        "Marseille",
        "Région Sud",
        "Application",
    }
    assert names(client.get("/annuaire/", {"departement": "06"})) == {"Nationale", "Région Sud", "Nice", "Application"}


def test_postal_code_narrows_to_her_departement(client, directory):
    assert names(client.get("/annuaire/", {"code_postal": "13005"})) == {
        "Nationale",
        "Marseille",
        "Région Sud",
        "Application",
    }


def test_outside_covered_territories_she_sees_national_entries_and_a_sentence(client, directory):
    response = client.get("/annuaire/", {"code_postal": "75011"})
    assert names(response) == {"Nationale", "Application"}
    assert "pas encore déployé dans le département Paris" in response.content.decode()
    assert "pas encore déployé" not in client.get("/annuaire/", {"departement": "13"}).content.decode()


def test_filters_combine(client, directory):
    assert names(client.get("/annuaire/", {"theme": "bien-etre"})) == {"Marseille"}
    assert names(client.get("/annuaire/", {"phase": "apres", "departement": "06"})) == {
        "Nationale",
        "Région Sud",
        "Application",
    }
    assert names(client.get("/annuaire/", {"acces": "sur-rendez-vous"})) == {"Marseille"}
    assert names(client.get("/annuaire/", {"type": "application"})) == {"Application"}
    assert names(client.get("/annuaire/", {"categorie": "soins-de-support", "departement": "13"})) == {"Marseille"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("code_postal=abc", "pas reconnu"),
        ("code_postal=123456", "5 chiffres"),
        ("departement=zz", "choisissez dans la liste"),
        ("acces=magique", "choisissez dans la liste"),
        ("categorie=rien", "choisissez dans la liste"),
        ("type=robot", "choisissez dans la liste"),
        ("page=zzz", ""),
    ],
)
def test_bad_input_gives_a_clear_page(client, directory, query, message):
    response = client.get(f"/annuaire/?{query}")
    assert response.status_code == 200
    assert message in response.content.decode()


def test_unpublished_entries_never_leak(client, directory):
    assert "Brouillon caché" not in client.get("/annuaire/?q=brouillon").content.decode()
    assert client.get(directory["draft"].get_absolute_url()).status_code == 404


def test_search_ignores_accents_and_finds_services(client, directory):
    directory["marseille"].refresh_search_text()
    assert names(client.get("/annuaire/?q=sport+adapte")) == {"Marseille"}


def test_listing_query_count_does_not_grow(client, organisation, django_assert_max_num_queries):
    query = {"departement": "13", "theme": "bien-etre", "phase": "apres", "q": "structure"}
    StructureFactory(owner=organisation, published=True, services=[("Un", ["bien-etre"], ["apres"])])
    with django_assert_max_num_queries(10):
        client.get("/annuaire/", query)
    for _ in range(30):
        StructureFactory(
            owner=organisation,
            published=True,
            territories=[departement("13")],
            services=[("Un", ["bien-etre"], ["apres"]), ("Deux", ["reconversion"], [])],
        )
    with django_assert_max_num_queries(10):
        assert client.get("/annuaire/", query).status_code == 200


def test_detail_shows_services_contacts_hours_and_the_report_form(client, organisation, django_assert_max_num_queries):
    structure = StructureFactory(
        owner=organisation,
        published=True,
        phone="04 00 00 00 00",
        opening_hours="Mo-Fr 09:00-12:00,14:00-17:30",
        wheelchair="oui",
        services=[("Sport adapté", ["bien-etre"], ["apres"]), ("Écoute", [], [])],
    )
    with django_assert_max_num_queries(10):
        html = client.get(structure.get_absolute_url()).content.decode()
    assert "Sport adapté" in html and "Écoute" in html
    assert "<dt>Lundi</dt><dd>9 h – 12 h, 14 h – 17 h 30</dd>" in html
    assert "<dt>Dimanche</dt><dd>fermé</dd>" in html
    assert "Accessible en fauteuil roulant" in html
    assert "Signaler une information erronée ou périmée" in html


def test_a_structure_without_sourced_contacts_says_so_without_calling_anything_verified(client, organisation):
    structure = StructureFactory(owner=organisation, published=True)
    html = client.get(structure.get_absolute_url()).content.decode()
    assert "pas trouvé de source pour ses coordonnées" in html
    assert "coordonnées ne sont pas encore vérifiées" not in html


def test_opening_hours_are_validated_in_french_and_evaluated():
    with pytest.raises(ValidationError, match="format OpenStreetMap"):
        validate_opening_hours("lundi 9h-12h")
    validate_opening_hours("Mo-Fr 09:00-12:00; PH off")
    tuesday_10 = timezone.make_aware(datetime.datetime(2026, 11, 24, 10, 0))
    assert is_open("Mo-Fr 09:00-12:00", now=tuesday_10) is True
    assert is_open("Mo-Fr 14:00-17:00", now=tuesday_10) is False
    assert is_open("pas des horaires", now=tuesday_10) is None
    days = dict(week("Tu 14:00-17:00; Sa 22:00-24:00", now=tuesday_10))
    assert days["Mardi"] == "14 h – 17 h" and days["Lundi"] == "fermé" and days["Samedi"] == "22 h – minuit"


def test_opening_hours_follow_paris_time_across_the_clock_change():
    # 29 March 2026: clocks go forward; 9:30 in Paris is 7:30 UTC that day, 8:30 UTC the day before.
    before = datetime.datetime(2026, 3, 28, 8, 30, tzinfo=datetime.UTC)
    after = datetime.datetime(2026, 3, 30, 7, 30, tzinfo=datetime.UTC)
    assert is_open("Mo-Su 09:00-10:00", now=before) is True
    assert is_open("Mo-Su 09:00-10:00", now=after) is True


@pytest.mark.parametrize(
    ("postal_code", "code"),
    [
        ("13001", "13"),
        ("04000", "04"),
        ("20000", "2A"),
        ("20137", "2A"),
        ("20200", "2B"),
        ("97400", "974"),
        ("97100", "971"),
        ("98000", None),
        ("00100", None),
        ("abcde", None),
        ("1300", None),
        ("", None),
    ],
)
def test_departement_from_postal_code(postal_code, code):
    assert departement_from_postal_code(postal_code) == code


def test_demo_directory_publishes_only_sourced_contacts(client):
    demo_rows.put_back()
    real = Structure.objects.published().filter(is_demo=False)
    assert real.count() >= 60
    # Every real structure says where it comes from; a phone number above all.
    assert not real.filter(source_url="").exists()
    assert not real.exclude(phone="").filter(source_url="").exists()
    fictitious = Structure.objects.filter(is_demo=True)
    assert fictitious.exists()
    for structure in fictitious:
        assert "fictif" in structure.name.lower(), structure.slug
        contact = (structure.phone, structure.address, structure.postal_code, structure.email, structure.opening_hours)
        assert contact == ("", "", "", "", ""), structure.slug
        assert structure.source_url == "", structure.slug
        html = client.get(structure.get_absolute_url()).content.decode()
        assert "Entrée fictive, pour la démonstration du site." in html
        assert "<dt>Téléphone</dt>" not in html and "<dt>E-mail</dt>" not in html
        assert "elle n'a ni adresse, ni téléphone, ni e-mail" in html
    # Loading twice changes no row: tests/test_demo.py, test_demo_loader_is_idempotent.
