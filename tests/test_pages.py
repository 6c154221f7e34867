import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("/", "Accueil"),
    ("/mentions-legales/", "Mentions légales"),
    ("/confidentialite/", "Confidentialité"),
    ("/accessibilite/", "Déclaration d'accessibilité"),
    ("/actualites/", "Actualités"),
    ("/ressources/", "Ressources"),
    ("/annuaire/", "Annuaire"),
    ("/agenda/", "Agenda"),
    ("/groupes/", "Groupes de pairs"),
    ("/questionnaire/", "Mon parcours"),
    ("/mon-parcours/", "Mon parcours"),
    ("/recherche/?q=prevoyance", "Recherche"),
    ("/compte/login/", "Connexion"),
    ("/compte/signup/", "Inscription"),
]


@pytest.mark.parametrize(("url", "title"), PUBLIC_PAGES)
def test_public_pages_answer_in_french_with_one_h1_and_a_title(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    page_title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1)
    assert title in page_title and page_title.endswith("Guichet unique")
    assert 'href="#contenu"' in html and 'id="contenu"' in html
    assert 'aria-label="Menu principal"' in html


def test_home_page_offers_three_phase_doors_and_the_questionnaire(client):
    html = client.get("/").content.decode()
    # Each door posts its phase to the questionnaire (never in an address).
    for phase in ("prevention", "traitement", "apres"):
        assert (
            f'<form method="post" action="/questionnaire/"><button type="submit" name="phase" value="{phase}">' in html
        )
    assert 'href="/questionnaire/"' in html and 'href="/annuaire/mise-en-relation/"' in html
    assert "Je suis en traitement" in html


def test_navigation_reaches_the_five_sections(client):
    html = client.get("/").content.decode()
    for url in ("/ressources/", "/annuaire/", "/agenda/", "/groupes/", "/questionnaire/"):
        assert f'href="{url}"' in html


def test_footer_links_to_legal_pages(client):
    html = client.get("/").content.decode()
    for url in ("/mentions-legales/", "/confidentialite/", "/accessibilite/"):
        assert f'href="{url}"' in html


def test_unknown_page_is_a_french_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_server_error_page_is_french():
    client = Client(raise_request_exception=False)
    with mock.patch("guichet.views.Announcement.objects.for_list", side_effect=RuntimeError("panne")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Le site a rencontré une erreur" in response.content.decode()


def test_health_reports_ok_when_the_database_answers(client):
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_reports_503_when_the_database_does_not_answer(client):
    with mock.patch("guichet.views.connection.cursor", side_effect=OperationalError("connexion refusée")):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["database"] == "injoignable"


def test_admin_is_in_french_with_the_site_name(client, people):
    client.force_login(people.coordinator)
    html = client.get("/admin/").content.decode()
    assert "Guichet unique — administration" in html
    assert 'lang="fr' in html


def test_static_stylesheet_is_served(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"@media print" in b"".join(response.streaming_content)


def test_home_page_query_count(client, django_assert_max_num_queries, organisation):
    from tests.factories import AnnouncementFactory

    AnnouncementFactory(owner=organisation, published=True)
    with django_assert_max_num_queries(4):
        client.get("/")
    AnnouncementFactory.create_batch(20, owner=organisation, published=True)
    with django_assert_max_num_queries(4):
        client.get("/")
        client.get("/actualites/")


def test_news_list_is_paginated_and_survives_nonsense_page_numbers(client, organisation):
    from tests.factories import AnnouncementFactory

    AnnouncementFactory.create_batch(25, owner=organisation, published=True)
    first = client.get("/actualites/").content.decode()
    assert "25 actualités." in first and "Page 1 sur 2" in first and 'rel="next"' in first
    assert "Page 2 sur 2" in client.get("/actualites/?page=99999").content.decode()
    assert "Page 1 sur 2" in client.get("/actualites/?page=zzz").content.decode()


def test_page_cache_shares_public_pages_only_with_cookieless_visitors(settings, organisation, people):
    from django.core.cache import cache

    from tests.factories import AnnouncementFactory

    settings.CACHE_MIDDLEWARE_SECONDS = 60
    cache.clear()
    published = AnnouncementFactory(owner=organisation, published=True, title="Première version")
    draft = AnnouncementFactory(owner=organisation, title="Brouillon")
    visitor = Client()

    assert "Première version" in visitor.get(published.get_absolute_url()).content.decode()
    published.title = "Seconde version"
    published.save()
    # A first-time visitor gets the shared copy for up to a minute...
    assert "Première version" in visitor.get(published.get_absolute_url()).content.decode()
    # ...while a signed-in operator always sees the current page, and previews are never stored.
    operator = Client()
    operator.force_login(people.owner_operator)
    assert "Seconde version" in operator.get(published.get_absolute_url()).content.decode()
    preview = operator.get(draft.get_absolute_url())
    assert "no-store" in preview["Cache-Control"]
    assert visitor.get(draft.get_absolute_url()).status_code == 404
    # The health check is never cached.
    with mock.patch("guichet.views.connection.cursor", side_effect=OperationalError("panne")):
        assert visitor.get("/sante/").status_code == 503
    cache.clear()


def test_home_page_offers_the_booklet_of_each_covered_departement(client):
    html = client.get("/").content.decode()
    for code in ("04", "05", "06", "13", "83", "84"):
        assert f'href="/livret/{code}/"' in html
    assert 'href="/livret/75/"' not in html
