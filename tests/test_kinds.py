"""Content kinds plug in (guichet.kinds, issue 20): a kind declared by one app, installed by one line in
INSTALLED_APPS, appears in the site search, the main navigation, the coordinator's desk, her parcours and the booklet;
uninstalled, nowhere."""

import pytest
from django.conf import settings
from django.core import mail
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


def test_a_kind_the_parcours_and_the_booklet_do_not_lay_out_gets_its_own_section(client, sessions):
    from tests.onboarding.test_parcours import ANSWERS, set_answers

    set_answers(client, ANSWERS)
    page = client.get("/mon-parcours/").content.decode()
    assert 'id="titre-formations"' not in page
    assert 'id="livret-formations"' not in client.get("/livret/13/").content.decode()

    with override_settings(INSTALLED_APPS=WITH_FORMATIONS):
        page = client.get("/mon-parcours/").content.decode()
        assert '<li><a href="#titre-formations">Formations</a> : 1</li>' in page  # in the plan at the top
        section = page.split('<h2 id="titre-formations">Formations</h2>', 1)[1].split("</section>", 1)[0]
        assert "Séance comptabilité simplifiée" in section and "Séance en préparation" not in section
        assert "Pourquoi cette suggestion :</strong> Une séance d&#x27;information ouverte à toutes." in section
        # After the sections the page lays out itself.
        assert page.index('id="titre-groupes"') < page.index('id="titre-formations"')
        booklet = client.get("/livret/13/").content.decode()
        section = booklet.split('<h2 id="livret-formations">Formations</h2>', 1)[1].split("</section>", 1)[0]
        assert "Séance comptabilité simplifiée" in section and "Séance en préparation" not in section
        # And in the e-mail of her parcours.
        assert client.post("/mon-parcours/envoyer/", {"email": "elle@exemple.fr"}).status_code == 302
        [message] = mail.outbox
        section = message.body.split("FORMATIONS\n", 1)[1]
        assert section.startswith("- Séance comptabilité simplifiée\n  Pourquoi : Une séance d'information ouverte")
