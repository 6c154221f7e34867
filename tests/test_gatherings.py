"""What an event and a peer group share, declared once in the kernel (guichet.models.gatherings): the organiser named
by the `GUICHET_ORGANISER_MODEL` setting, and the rule "choose the organiser in the directory or write its name"."""

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from annuaire.models import Structure
from guichet.models import organiser_model
from tests.factories import EventFactory, PeerGroupFactory, StructureFactory
from tests.helpers.forms import form_data

pytestmark = pytest.mark.django_db

MESSAGE = "Choisissez l&#x27;organisateur dans l&#x27;annuaire ou écrivez son nom."


def test_the_organiser_model_is_the_directorys_structure():
    assert organiser_model() is Structure


@pytest.mark.parametrize("value", ["annuaire", "annuaire.Inconnu"])
def test_a_wrong_organiser_model_setting_is_refused_in_french(settings, value):
    settings.GUICHET_ORGANISER_MODEL = value
    with pytest.raises(ImproperlyConfigured, match="GUICHET_ORGANISER_MODEL"):
        organiser_model()


def _field_row(html: str, field: str) -> str:
    """The admin's row of one field: its label, its input and the errors shown next to it."""
    match = re.search(rf'<div class="form-row[^"]*field-{field}[^"]*">(.*?)</div>\s*</div>', html, re.S)
    assert match, f"pas de ligne pour le champ {field}"
    return match.group(1)


@pytest.mark.parametrize(
    ("factory", "change_url", "form_id"),
    [
        (EventFactory, "admin:agenda_event_change", "event_form"),
        (PeerGroupFactory, "admin:pairs_peergroup_change", "peergroup_form"),
    ],
    ids=["événement", "groupe"],
)
def test_an_entry_without_organiser_nor_name_is_refused_next_to_the_organiser_field(
    client, people, factory, change_url, form_id
):
    entry = factory(owner=people.owner_operator.organisations.get())
    client.force_login(people.coordinator)
    url = reverse(change_url, args=[entry.pk])
    data = form_data(client.get(url).content.decode(), form_id)
    assert data["organiser_name"] == ["Association organisatrice"]

    data["organiser_name"] = [""]
    response = client.post(url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert MESSAGE in _field_row(html, "organiser")
    entry.refresh_from_db()
    assert entry.organiser_name == "Association organisatrice"

    # Chosen in the directory, with no name written: accepted, and the page names the structure.
    structure = StructureFactory(name="Maison des entrepreneures")
    data["organiser"] = [str(structure.pk)]
    response = client.post(url, data)
    assert response.status_code == 302, _field_row(response.content.decode(), "organiser")
    entry.refresh_from_db()
    assert entry.organiser == structure and entry.organiser_label == "Maison des entrepreneures"


def test_the_directory_reaches_its_events_and_groups_by_their_names_of_today():
    structure = StructureFactory()
    event = EventFactory(organiser=structure, organiser_name="")
    group = PeerGroupFactory(organiser=structure, organiser_name="")
    assert list(structure.events.all()) == [event]
    assert list(structure.peer_groups.all()) == [group]
