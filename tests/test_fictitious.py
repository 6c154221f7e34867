"""Fictitious demonstration entries say so wherever a visitor meets them (issue 15, point 5): Mon parcours, its
printed and e-mailed versions, the booklet, the calendar feeds and the search results; and the demo's events and
groups are never at a real place with invented times."""

import icalendar
import pytest
from django.core import mail
from django.core.cache import cache

from agenda.models import Event
from pairs.models import PeerGroup
from tests.factories import EventFactory, PeerGroupFactory, StructureFactory, _departement
from tests.helpers import demo_rows

pytestmark = pytest.mark.django_db

ANSWERS = {"status": "artisane", "phase": "apres", "departement": "13"}


@pytest.fixture
def fictitious(organisation):
    """A fictitious structure, event and group in the Bouches-du-Rhône, whose names do not say it, next to real ones."""
    cache.clear()
    entries = {
        "structure": StructureFactory(
            owner=organisation,
            published=True,
            name="Maison imaginaire",
            city="Marseille",
            territories=[_departement("13")],
            is_demo=True,
        ),
        "event": EventFactory(
            owner=organisation, published=True, title="Atelier imaginaire", postal_code="", is_demo=True
        ),
        "group": PeerGroupFactory(owner=organisation, published=True, name="Groupe imaginaire", is_demo=True),
    }
    StructureFactory(owner=organisation, published=True, name="Maison réelle", territories=[_departement("13")])
    EventFactory(owner=organisation, published=True, title="Atelier réel")
    PeerGroupFactory(owner=organisation, published=True, name="Groupe réel")
    return entries


def answered(client):
    from tests.onboarding.test_parcours import set_answers

    set_answers(client, ANSWERS)
    return client


@pytest.mark.parametrize("url", ["/mon-parcours/", "/mon-parcours/imprimer/"])
def test_mon_parcours_says_which_entries_are_fictitious(client, fictitious, url):
    html = answered(client).get(url).content.decode()
    assert "Maison imaginaire (fictif)</a>" in html
    assert "Entrée fictive, pour la démonstration du site : elle n'existe pas." in html
    assert "Atelier imaginaire (fictif)</a>" in html and "événement fictif de démonstration, il n'aura" in html
    assert "Groupe imaginaire (fictif)</a>" in html and "groupe fictif de démonstration, il n'aura" in html
    # Real entries are not marked.
    for real in ("Maison réelle", "Atelier réel", "Groupe réel"):
        assert f"{real}</a>" in html


def test_the_emailed_parcours_says_which_entries_are_fictitious(client, fictitious):
    answered(client).post("/mon-parcours/envoyer/", {"email": "elle@exemple.fr"})
    [message] = mail.outbox
    assert "- Maison imaginaire (fictif)" in message.body
    assert "Atelier imaginaire (fictif) — fictif, n'aura pas lieu" in message.body
    assert "Maison réelle\n" in message.body and "Atelier réel\n" in message.body


def test_the_booklet_says_which_structures_and_events_are_fictitious(client, fictitious):
    html = client.get("/livret/13/").content.decode()
    assert "<strong>Maison imaginaire (fictif)</strong> — entrée fictive de démonstration" in html
    assert "<strong>Atelier imaginaire (fictif)</strong>, Marseille — événement fictif de démonstration" in html
    assert "<strong>Maison réelle</strong> — " in html and "<strong>Atelier réel</strong>, Marseille</li>" in html


def test_calendar_feeds_say_fictif_in_the_title_and_the_description(client, fictitious):
    for url in ("/agenda/agenda.ics", f"/agenda/{fictitious['event'].slug}.ics"):
        response = client.get(url)
        assert response.status_code == 200, url
        entries = {
            str(e["SUMMARY"]): str(e["DESCRIPTION"])
            for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        }
        assert "Atelier imaginaire (fictif)" in entries
        assert entries["Atelier imaginaire (fictif)"].startswith("Événement fictif, pour la démonstration du site")
        if "Atelier réel" in entries:
            assert "fictif" not in entries["Atelier réel"].lower()


def test_a_title_that_already_says_it_is_not_marked_twice(client, organisation):
    cache.clear()
    EventFactory(owner=organisation, published=True, title="Café (fictif)", is_demo=True)
    [entry] = icalendar.Calendar.from_ical(client.get("/agenda/agenda.ics").content).walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Café (fictif)"


def test_search_results_say_which_entries_are_fictitious(client, fictitious):
    html = client.get("/recherche/", {"q": "imaginaire"}).content.decode()
    for name in ("Maison imaginaire", "Atelier imaginaire", "Groupe imaginaire"):
        assert f"{name} (fictif)</a>" in html
    assert html.count("Fictif, pour la démonstration du site.") == 3
    html = client.get("/recherche/", {"q": "réel"}).content.decode()
    assert "Maison réelle</a>" in html and "Fictif, pour la démonstration" not in html


def test_demo_events_and_groups_are_fictitious_and_never_at_a_real_place(client):
    demo_rows.put_back()
    events = list(Event.objects.all())
    groups = list(PeerGroup.objects.all())
    assert len(events) >= 10 and len(groups) >= 4
    for entry, name in [(e, e.title) for e in events] + [(g, g.name) for g in groups]:
        assert entry.is_demo and "(fictif)" in name, name
        assert (entry.place_name, entry.address, entry.postal_code) == ("", "", ""), name
        assert entry.reviewed_at is None, name  # nobody verifies a fictitious entry
        assert entry.organiser_id is None or entry.organiser.is_demo, name
    assert not any(e.registration_phone or e.online_url for e in events)
    assert not any("Francis-Davso" in str(value) for e in events for value in e.__dict__.values())
    # Still enough to show every feature: series of each kind, online and hybrid, a full group with a waiting list.
    assert {e.repeat for e in events} >= {"hebdomadaire", "mensuelle-jour", ""}
    assert any(e.repeat_interval == 2 for e in events)
    assert {e.mode for e in events} >= {"sur-place", "en-ligne", "les-deux"}
    assert any(g.is_video for g in groups)
    html = client.get("/groupes/").content.decode()
    assert "Complet — liste d'attente" in html
    # A fictitious event's page says so, and gives a city, no address.
    event = next(e for e in events if e.city == "Marseille")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Événement fictif, pour la démonstration du site" in html and "13001" not in html
