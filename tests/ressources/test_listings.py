import re

import pytest

from guichet.enums import TerritoryKind
from guichet.models import Territory, Theme
from tests.factories import AidFactory, ContentFactory, SheetFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return set(re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()))


@pytest.fixture
def vocabulary():
    departement = {
        code: Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code=code) for code in ("13", "06", "75")
    }
    paca = Territory.objects.get(kind=TerritoryKind.REGION, code="93")
    national = Territory.objects.get(kind=TerritoryKind.NATIONAL)
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    return departement, paca, national, themes


@pytest.fixture
def aids(organisation, vocabulary):
    departement, paca, national, themes = vocabulary
    return {
        "everyone": AidFactory(owner=organisation, published=True, title="Pour toutes"),
        "micro_treatment": AidFactory(
            owner=organisation,
            published=True,
            title="Micro en traitement",
            statuses=["micro-entrepreneuse"],
            phases=["traitement"],
            themes=[themes["argent-aides"]],
        ),
        "sas_after": AidFactory(
            owner=organisation,
            published=True,
            title="SAS après",
            statuses=["presidente-sas"],
            phases=["apres"],
            themes=[themes["reconversion"]],
        ),
        "marseille": AidFactory(
            owner=organisation, published=True, title="Bouches-du-Rhône", territories=[departement["13"]]
        ),
        "paca": AidFactory(owner=organisation, published=True, title="Région Sud", territories=[paca]),
        "national": AidFactory(owner=organisation, published=True, title="Nationale", territories=[national]),
        "paris": AidFactory(owner=organisation, published=True, title="Paris", territories=[departement["75"]]),
        "draft": AidFactory(owner=organisation, title="Brouillon caché", statuses=["micro-entrepreneuse"]),
    }


def test_filters_combine_and_empty_lists_mean_everyone(client, aids):
    response = client.get("/ressources/aides/", {"statut": "micro-entrepreneuse", "phase": "traitement"})
    assert titles(response) == {
        "Pour toutes",
        "Micro en traitement",
        "Bouches-du-Rhône",
        "Région Sud",
        "Nationale",
        "Paris",
    }
    response = client.get("/ressources/aides/", {"statut": "presidente-sas", "phase": "traitement"})
    assert "Micro en traitement" not in titles(response) and "SAS après" not in titles(response)


def test_territory_filter_keeps_national_and_regional_entries(client, aids):
    response = client.get("/ressources/aides/", {"departement": "06"})
    assert titles(response) == {"Pour toutes", "Micro en traitement", "SAS après", "Région Sud", "Nationale"}
    response = client.get("/ressources/aides/", {"departement": "13", "statut": "micro-entrepreneuse"})
    assert titles(response) == {"Pour toutes", "Micro en traitement", "Bouches-du-Rhône", "Région Sud", "Nationale"}


def test_theme_filter_accepts_several_themes(client, aids):
    response = client.get("/ressources/aides/?theme=argent-aides&theme=reconversion")
    assert titles(response) == {"Micro en traitement", "SAS après"}
    assert 'value="argent-aides" checked' in response.content.decode() or "checked" in response.content.decode()


def test_search_ignores_accents_and_case(client, organisation):
    AidFactory(owner=organisation, published=True, title="Contrat de prévoyance Madelin")
    SheetFactory(owner=organisation, published=True, title="Fiche", body="<p>La PRÉVOYANCE avant tout</p>")
    AidFactory(owner=organisation, title="Prévoyance en brouillon")
    assert titles(client.get("/ressources/aides/?q=prevoyance")) == {"Contrat de prévoyance Madelin"}
    assert titles(client.get("/ressources/fiches/?q=Prévoyance avant")) == {"Fiche"}
    assert titles(client.get("/ressources/aides/?q=prevoyance+inexistant")) == set()


def test_the_index_groups_the_three_kinds_under_the_same_filters(client, organisation):
    SheetFactory(owner=organisation, published=True, title="Fiche traitement", phases=["traitement"])
    AidFactory(owner=organisation, published=True, title="Aide prévention", phases=["prevention"])
    ContentFactory(owner=organisation, published=True, title="Contenu pour toutes")
    SheetFactory(owner=organisation, title="Fiche brouillon")
    html = client.get("/ressources/", {"phase": "traitement"}).content.decode()
    assert "Fiche traitement" in html and "Contenu pour toutes" in html
    assert "Aide prévention" not in html and "Fiche brouillon" not in html
    assert 'href="/ressources/fiches/?phase=traitement"' in html


def test_unpublished_entries_never_leak(client, organisation, vocabulary):
    _, _, _, themes = vocabulary
    published = SheetFactory(owner=organisation, published=True, title="Fiche publiée", themes=[themes["bien-etre"]])
    draft = SheetFactory(owner=organisation, title="Fiche secrète", themes=[themes["bien-etre"]])
    for url in ("/ressources/", "/ressources/fiches/", "/ressources/fiches/?q=secrete", published.get_absolute_url()):
        assert "Fiche secrète" not in client.get(url).content.decode(), url
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_related_entries_share_a_theme(client, organisation, vocabulary):
    _, _, _, themes = vocabulary
    entry = AidFactory(owner=organisation, published=True, title="Principale", themes=[themes["bien-etre"]])
    AidFactory(
        owner=organisation, published=True, title="Voisine", themes=[themes["bien-etre"], themes["reconversion"]]
    )
    AidFactory(owner=organisation, published=True, title="Autre thème", themes=[themes["reconversion"]])
    html = client.get(entry.get_absolute_url()).content.decode()
    related = html.split("Sur le même thème", 1)[1]
    assert "Voisine" in related and "Autre thème" not in related and "Principale" not in related


def test_empty_results_suggest_removing_a_filter(client, organisation):
    AidFactory(owner=organisation, published=True, statuses=["agricultrice"])
    html = client.get("/ressources/aides/", {"statut": "presidente-sas", "q": "rien"}).content.decode()
    assert "Aucun résultat" in html and "enlever un filtre" in html


@pytest.mark.parametrize(
    "query",
    [
        "departement=zz",
        "theme=inconnu",
        "phase=bientot",
        "statut=reine",
        "page=abc",
        "page=99999999999",
        "format=hologramme",
        "q=" + "x" * 500,
    ],
)
def test_bad_filter_values_give_a_clear_page(client, aids, query):
    for url in ("/ressources/", "/ressources/aides/", "/ressources/contenus/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, (url, query)
    html = client.get(f"/ressources/contenus/?{query}").content.decode()
    if not query.startswith("page"):
        assert "choisissez dans la liste" in html or "200 caractères au plus" in html


def test_unknown_kind_is_404(client):
    assert client.get("/ressources/recettes/").status_code == 404
    assert client.get("/ressources/recettes/une-fiche/").status_code == 404


def test_listings_are_paginated_with_the_filters_kept(client, organisation):
    AidFactory.create_batch(25, owner=organisation, published=True, phases=["traitement"])
    html = client.get("/ressources/aides/", {"phase": "traitement"}).content.decode()
    assert "25 résultats." in html and "Page 1 sur 2" in html
    assert 'href="?phase=traitement&amp;page=2"' in html


@pytest.mark.parametrize(
    ("url", "factory"),
    [
        ("/ressources/", AidFactory),
        ("/ressources/fiches/", SheetFactory),
        ("/ressources/aides/", AidFactory),
        ("/ressources/contenus/", ContentFactory),
    ],
)
def test_list_query_counts_do_not_grow(client, organisation, django_assert_max_num_queries, url, factory, vocabulary):
    departement, _, _, themes = vocabulary
    query = {"phase": "traitement", "departement": "13", "theme": "bien-etre", "q": "ressource"}
    factory(owner=organisation, published=True, themes=[themes["bien-etre"]])
    with django_assert_max_num_queries(10):
        client.get(url, query)
    for _ in range(30):
        factory(
            owner=organisation,
            published=True,
            themes=[themes["bien-etre"], themes["reconversion"]],
            phases=["traitement"],
            statuses=["artisane"],
            territories=[departement["13"]],
        )
    with django_assert_max_num_queries(10):
        assert client.get(url, query).status_code == 200
    with django_assert_max_num_queries(10):
        client.get(url)


@pytest.mark.parametrize("factory", [SheetFactory, AidFactory, ContentFactory])
def test_detail_query_count(client, organisation, django_assert_max_num_queries, factory, vocabulary):
    departement, _, _, themes = vocabulary
    entry = factory(owner=organisation, published=True, themes=[themes["bien-etre"]], territories=[departement["13"]])
    factory.create_batch(10, owner=organisation, published=True, themes=[themes["bien-etre"]])
    with django_assert_max_num_queries(10):
        assert client.get(entry.get_absolute_url()).status_code == 200


def test_theme_stylesheet_colours_every_theme(client):
    css = client.get("/themes.css").content.decode()
    for theme in Theme.objects.all():
        assert f".theme--{theme.slug}{{--theme-colour:{theme.colour}}}" in css
