"""Content kinds plug in (guichet.kinds, issue 20): a kind declared by one app, installed by one line in
INSTALLED_APPS, appears in the site search, the main navigation and the coordinator's desk; uninstalled, nowhere."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from guichet import kinds
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

WITH_FORMATIONS = [*settings.INSTALLED_APPS, "tests.kinds_app"]


@pytest.fixture
def sessions(organisation):
    EventFactory(owner=organisation, published=True, kind="information", title="Séance comptabilité simplifiée")
    EventFactory(owner=organisation, kind="information", title="Séance en préparation")


def test_the_installed_kinds_come_in_order():
    keys = [kind.key for kind in kinds.registered()]
    assert keys == ["aides", "fiches", "contenus", "structures", "applications", "evenements", "groupes"]
    with override_settings(INSTALLED_APPS=WITH_FORMATIONS):
        assert [kind.key for kind in kinds.registered()] == [*keys[:6], "formations", "groupes"]


def test_a_kind_installed_by_one_line_shows_in_search_navigation_and_desk(client, people, sessions):
    page = client.get("/recherche/?q=comptabilite").content.decode()
    assert "Formations" not in page

    with override_settings(INSTALLED_APPS=WITH_FORMATIONS):
        page = client.get("/recherche/?q=comptabilite").content.decode()
        assert '<h2 id="resultats-formations">Formations (1)</h2>' in page
        assert "Séance comptabilité simplifiée" in page and "Séance en préparation" not in page
        assert '<a href="/agenda/?type=information">Formations</a>' in page  # the main navigation

        client.force_login(people.coordinator)
        desk = client.get(reverse("admin:index")).content.decode()
        assert "Formations pas encore publiées (1)" in desk
        assert "Demandes de mise en relation nouvelles" in desk  # the other lines stay

    assert "Formations pas encore publiées" not in client.get(reverse("admin:index")).content.decode()


def test_the_sitemap_lists_each_kind_s_listing_and_public_entries(client, organisation, django_assert_max_num_queries):
    from tests.factories import AidFactory, PeerGroupFactory, StructureFactory

    aid = AidFactory(owner=organisation, published=True)
    AidFactory(owner=organisation, title="Aide en brouillon", slug="brouillon")
    structure = StructureFactory(owner=organisation, published=True)
    group = PeerGroupFactory(owner=organisation, published=True)
    with django_assert_max_num_queries(len(kinds.registered())):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    text = response.content.decode()
    for path in ("/ressources/aides/", "/annuaire/?type=application", "/agenda/", "/groupes/"):
        assert f"<loc>http://testserver{path}</loc>" in text.replace("&amp;", "&")
    for entry in (aid, structure, group):
        assert f"<loc>http://testserver{entry.get_absolute_url()}</loc>" in text
    assert "/brouillon/" not in text
