"""Search across everything: one mechanism, accents and case ignored, a small typo forgiven (tests/test_search.py)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AidFactory, EventFactory, PeerGroupFactory, SheetFactory, StructureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(organisation):
    AidFactory(owner=organisation, published=True, title="Prévoyance Madelin", summary="Se protéger.")
    SheetFactory(owner=organisation, published=True, title="Bien choisir sa prévoyance")
    SheetFactory(owner=organisation, title="Prévoyance en brouillon")
    StructureFactory(owner=organisation, published=True, name="Conseil en prévoyance des indépendantes")
    EventFactory(owner=organisation, published=True, title="Réunion prévoyance")
    EventFactory(
        owner=organisation,
        published=True,
        title="Réunion prévoyance passée",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=1),
    )
    PeerGroupFactory(owner=organisation, published=True, name="Groupe prévoyance et reprise")


def test_accents_and_case_do_not_matter_and_results_are_grouped(client, content):
    html = client.get("/recherche/?q=PREVOYANCE").content.decode()
    for expected in (
        "Prévoyance Madelin",
        "Bien choisir sa prévoyance",
        "Conseil en prévoyance des indépendantes",
        "Réunion prévoyance",
        "Groupe prévoyance et reprise",
    ):
        assert expected in html
    for section in (
        "Aides et dispositifs (1)",
        "Fiches d&#x27;information (1)",
        "Structures (1)",
        "Événements à venir (1)",
        "Groupes de pairs (1)",
    ):
        assert section in html
    assert "brouillon" not in html and "passée" not in html
    assert "5 résultats pour « PREVOYANCE »" in html


def test_the_title_ranks_first_and_more_results_are_one_click_away(client, organisation):
    SheetFactory(owner=organisation, published=True, title="Autre sujet", summary="On y parle d'URSSAF en passant.")
    for n in range(6):
        SheetFactory(owner=organisation, published=True, title=f"URSSAF : délais {n}")
    html = client.get("/recherche/?q=urssaf").content.decode()
    assert "Autre sujet" not in html  # the five best all have the word in their title
    assert 'href="/ressources/fiches/?q=urssaf">Voir les 7 résultats' in html


def test_a_small_typo_is_forgiven(client, content):
    html = client.get("/recherche/?q=prevoyence").content.decode()
    assert "Prévoyance Madelin" in html
    # The listings share the mechanism.
    assert "Prévoyance Madelin" in client.get("/ressources/aides/?q=prevoyence").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 5000, "Votre recherche est trop longue"),
        ("?!… --- ...", "Écrivez au moins un mot de deux lettres"),
        ("<script>alert(1)</script>", "0 résultat"),
        ("zzzzzz", "Aucun résultat"),
        ("%00", ""),
    ],
)
def test_odd_queries_give_a_clear_page(client, content, query, message):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "<script>alert(1)</script>" not in html


def test_search_costs_the_same_queries_whatever_the_content(
    client, organisation, content, django_assert_max_num_queries
):
    # One query per kind, and two to build the vocabulary of close spellings and the synonyms (then cached).
    with django_assert_max_num_queries(10) as few:
        client.get("/recherche/?q=prevoyance")
    for n in range(20):
        AidFactory(owner=organisation, published=True, title=f"Prévoyance {n}")
        StructureFactory(owner=organisation, published=True, name=f"Prévoyance {n}")
        EventFactory(
            owner=organisation,
            published=True,
            title=f"Prévoyance {n}",
            repeat="hebdomadaire",
            repeat_until=timezone.localdate() + datetime.timedelta(days=30),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/recherche/?q=prevoyance")
