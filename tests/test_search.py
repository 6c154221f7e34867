"""Search that forgives (issue 18, point 3), on SQLite and on PostgreSQL: close spellings from the vocabulary of the
published entries ("Vouliez-vous dire …"), the coordinator's synonyms, accents and case ignored, best results first,
and an empty result that offers the corrected words, the synonyms and a person to talk to."""

import html as html_lib
import re
from unittest import mock

import pytest
from django.db import connection

from guichet import search as search_module
from guichet.models import Synonym
from guichet.search import Vocabulary, load_synonyms
from tests.factories import AidFactory, SheetFactory, StructureFactory
from tests.helpers import demo_rows

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<h2 id="resultats-[^"]+">([^<(]+) \(\d+\)</h2>|class="card__title"><a href="[^"]+">([^<]+)</a>')


def sections(response) -> dict[str, list[str]]:
    """What she sees on /recherche/: each section's titles, in the order shown."""
    assert response.status_code == 200
    found, current = {}, None
    for heading, title in CARD.findall(response.content.decode()):
        if heading:
            current = found.setdefault(html_lib.unescape(heading.strip()), [])
        else:
            current.append(html_lib.unescape(title))
    return found


def text(response) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", response.content.decode()))


# The words women use, against the real content (content/*.yaml): what each section shows first.
EXPECTED = {
    "prevoyence": {
        "Aides et dispositifs": "Contrat de prévoyance « Madelin » : des cotisations déductibles",
        "Fiches d'information": "La prévoyance : se protéger avant d'en avoir besoin",
    },
    "URSAFF": {
        "Fiches d'information": "Cotisations URSSAF : demander des délais ou un recalcul",
        "Structures": "URSSAF Provence-Alpes-Côte d'Azur",
    },
    "idemnites journalieres": {"Aides et dispositifs": "Indemnités journalières"},
    "IJ": {"Aides et dispositifs": "Indemnités journalières"},
    "mi-temps therapeutique": {
        "Aides et dispositifs": "Temps partiel thérapeutique des travailleuses indépendantes",
        "Fiches d'information": "Reprendre son activité en douceur : le temps partiel thérapeutique",
    },
    "arret maladie": {"Fiches d'information": "L'arrêt maladie quand on est indépendante"},
    "RSI": {"Fiches d'information": "L'arrêt maladie quand on est indépendante"},
}


def test_the_words_women_use_find_the_right_entries(client):
    demo_rows.put_back()
    for query, first in EXPECTED.items():
        shown = sections(client.get("/recherche/", {"q": query}))
        for section, title in first.items():
            assert shown.get(section), f"« {query} » : rien dans « {section} »"
            assert shown[section][0].startswith(title), f"« {query} » : {shown[section][:3]}"
    # The aids about daily allowances all come before any other aid, whichever way she writes it.
    for query in ("IJ", "idemnites journalieres", "IDEMNITÉS Journalières", "indemnités journalières"):
        aids = sections(client.get("/recherche/", {"q": query}))["Aides et dispositifs"]
        assert [title.startswith("Indemnités journalières") for title in aids[:2]] == [True, True], aids
    # RSI, SSI and TNS are the old and new names of her social security: entries for independent workers first.
    for query in ("RSI", "SSI", "TNS"):
        aids = sections(client.get("/recherche/", {"q": query}))["Aides et dispositifs"]
        assert "indépendant" in aids[0].lower(), aids


def test_a_close_spelling_is_corrected_and_said(client, organisation):
    AidFactory(owner=organisation, published=True, title="Contrat de prévoyance Madelin")
    SheetFactory(owner=organisation, published=True, title="Cotisations URSSAF : délais")
    for query, title, meant in (
        ("prevoyence", "Contrat de prévoyance Madelin", "prévoyance"),
        ("URSAFF", "Cotisations URSSAF : délais", "URSSAF"),  # a doubled letter moved
        ("cotisatoins", "Cotisations URSSAF : délais", "cotisations"),  # two letters swapped
    ):
        response = client.get("/recherche/", {"q": query})
        assert title in sum(sections(response).values(), []), query
        assert f"Vouliez-vous dire « {meant} » ?" in text(response)
    # The listings share the mechanism.
    assert "Contrat de prévoyance Madelin" in client.get("/ressources/aides/?q=prevoyence").content.decode()
    # A word spelt right is not "corrected".
    assert "Vouliez-vous dire" not in text(client.get("/recherche/", {"q": "prévoyance"}))


def test_corrections_forgive_one_letter_in_short_words_two_in_long_ones():
    vocabulary = Vocabulary({"prevoyance": 3, "urssaf": 5, "aide": 9, "aides": 2, "madelin": 1}, {}, [])
    assert vocabulary.corrections("prevoyence") == ["prevoyance"]
    assert vocabulary.corrections("prevoianse") == ["prevoyance"]  # two mistakes in ten letters
    assert vocabulary.corrections("madelni") == ["madelin"]
    assert vocabulary.corrections("madalni") == []  # two mistakes in seven letters is too many
    assert vocabulary.corrections("aidr") == ["aide"]  # "aide" already finds "aides"
    assert vocabulary.corrections("prevoy") == []  # part of a known word: found as it is
    assert vocabulary.corrections("trevoyance") == []  # the first letter is taken as typed


def test_synonyms_work_both_ways(client, organisation):
    AidFactory(owner=organisation, published=True, title="Indemnités journalières des indépendantes")
    SheetFactory(owner=organisation, published=True, title="Les IJ en pratique")
    SheetFactory(owner=organisation, published=True, title="Reprendre à temps partiel thérapeutique")
    SheetFactory(owner=organisation, published=True, title="Université d'été des artisanes")
    found = sum(sections(client.get("/recherche/?q=IJ")).values(), [])
    assert found == ["Indemnités journalières des indépendantes", "Les IJ en pratique"]
    found = sum(sections(client.get("/recherche/?q=indemnites+journalieres")).values(), [])
    assert found == ["Indemnités journalières des indépendantes", "Les IJ en pratique"]
    response = client.get("/recherche/?q=mi-temps+thérapeutique")
    assert sum(sections(response).values(), []) == ["Reprendre à temps partiel thérapeutique"]
    assert "« mi-temps thérapeutique » ou temps partiel thérapeutique" in text(response)
    # A short word is found at the start of a word only: "RSI" is not in "université".
    assert "Université d'été des artisanes" not in sum(sections(client.get("/recherche/?q=RSI")).values(), [])


def test_the_coordinator_adds_a_synonym_in_the_admin(client, people, organisation, django_capture_on_commit_callbacks):
    SheetFactory(owner=organisation, published=True, title="Le dispositif PASS : un suivi après le cancer")
    assert sections(client.get("/recherche/?q=accompagnement+apres+cancer")) == {}
    client.force_login(people.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/guichet/synonym/add/",
            {"term": "PASS", "equivalents": "accompagnement après cancer\nsuivi après cancer"},
        )
    assert response.status_code == 302
    client.logout()
    found = sum(sections(client.get("/recherche/?q=accompagnement+apres+cancer")).values(), [])
    assert found == ["Le dispositif PASS : un suivi après le cancer"]
    # An operator does not manage synonyms.
    client.force_login(people.owner_operator)
    assert client.get("/admin/guichet/synonym/").status_code == 403


def test_a_new_publication_enters_the_vocabulary(client, organisation, django_capture_on_commit_callbacks):
    AidFactory(owner=organisation, published=True, title="Contrat de prévoyance")
    assert sections(client.get("/recherche/?q=sofrologie")) == {}
    with django_capture_on_commit_callbacks(execute=True):
        SheetFactory(owner=organisation, published=True, title="Sophrologie pendant les traitements")
    response = client.get("/recherche/?q=sofrologie")
    assert sum(sections(response).values(), []) == ["Sophrologie pendant les traitements"]
    assert "Vouliez-vous dire « sophrologie » ?" in text(response)


def test_an_empty_result_offers_the_corrections_the_synonyms_and_a_person(client, organisation):
    AidFactory(owner=organisation, published=True, title="Indemnités journalières des indépendantes")
    response = client.get("/recherche/?q=IJ+idemnites+cheval")
    page = text(response)
    assert sections(response) == {} and "Aucun résultat." in page
    assert "Mots proches de votre recherche : IJ indemnités cheval." in page
    assert 'href="/recherche/?q=indemnit%C3%A9s%20journali%C3%A8res"' in response.content.decode()
    assert "indemnités journalières (pour « IJ »)" in page
    assert 'href="/annuaire/mise-en-relation/">Demandez à être mise en relation</a>' in response.content.decode()


def test_best_results_first(client, organisation):
    SheetFactory(owner=organisation, published=True, title="Vos droits", summary="Parmi eux, les IJ.")
    SheetFactory(owner=organisation, published=True, title="Indemnités journalières : le calcul")
    SheetFactory(owner=organisation, published=True, title="IJ : les délais")
    assert sections(client.get("/recherche/?q=IJ"))["Fiches d'information"] == [
        "IJ : les délais",
        "Indemnités journalières : le calcul",
        "Vos droits",
    ]


def test_the_synonyms_of_the_content_file_are_loaded_by_the_migration():
    assert {"IJ", "ALD", "mi-temps thérapeutique", "TNS", "arrêt maladie"} <= set(
        Synonym.objects.values_list("term", flat=True)
    )
    ij = Synonym.objects.get(term="IJ")
    ij.equivalents = "indemnités journalières"
    ij.save()
    assert load_synonyms() == 0  # what the coordinator changed stays
    assert Synonym.objects.get(term="IJ").equivalents == "indemnités journalières"
    assert load_synonyms(replace=True) == 1  # the demo: the file wins
    assert "indemnité journalière" in Synonym.objects.get(term="IJ").expressions()


def test_search_costs_at_most_ten_queries_and_the_vocabulary_is_built_once(
    client, organisation, django_assert_max_num_queries
):
    AidFactory(owner=organisation, published=True, title="Prévoyance Madelin")
    with django_assert_max_num_queries(10):
        client.get("/recherche/?q=prevoyence+IJ")
    for n in range(30):
        AidFactory(owner=organisation, published=True, title=f"Prévoyance {n}")
        StructureFactory(owner=organisation, published=True, name=f"Prévoyance {n}")
    with mock.patch.object(search_module, "build_vocabulary", wraps=search_module.build_vocabulary) as build:
        with django_assert_max_num_queries(10):
            client.get("/recherche/?q=prevoyence+IJ")
        client.get("/ressources/aides/?q=prevoyence")
    assert build.call_count == 0  # cached under the generation of content, shared by every process
    search_module._loaded = None  # another process: reads the shared cache, builds nothing
    with mock.patch.object(search_module, "build_vocabulary") as build:
        client.get("/recherche/?q=prevoyence+IJ")
    assert build.call_count == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram similarity is PostgreSQL's")
def test_postgresql_keeps_trigram_similarity_for_what_the_vocabulary_cannot_correct(client, organisation):
    AidFactory(owner=organisation, published=True, title="Contrat de prévoyance Madelin")
    # A mistake on the first letter: no correction from the vocabulary, found by pg_trgm.
    shown = sections(client.get("/recherche/?q=trevoyance"))
    assert shown == {"Aides et dispositifs": ["Contrat de prévoyance Madelin"]}
