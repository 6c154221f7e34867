"""Mode stand: the tablet at a stand starts with the event's code and wipes everything when she is done or gone."""

import time

import pytest

from onboarding.models import SourceCode, UsageCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def code():
    return SourceCode.objects.create(code="salon-cci-marseille-2027", label="Salon CCI Marseille").code


def test_the_stand_starts_with_the_event_code_and_a_wipe_button_on_every_page(client, code):
    response = client.get(f"/stand/{code}/")
    assert response["Location"] == "/questionnaire/pour-qui/"
    for url in ("/questionnaire/pour-qui/", "/ressources/", "/annuaire/"):
        assert "Terminer et effacer" in client.get(url).content.decode(), url
    client.post("/questionnaire/statut/", {"action": "suivant", "status": "artisane"})
    client.post("/questionnaire/phase/", {"action": "suivant", "phase": "traitement"})
    assert "Artisane" in client.get("/mon-parcours/").content.decode()
    assert UsageCount.objects.get().source == code

    response = client.post("/stand/terminer/")
    assert response["Location"] == "/questionnaire/pour-qui/"
    assert "pas encore répondu" in client.get("/mon-parcours/").content.decode()
    # Still a stand: the next visitor gets the button too, and is counted for the same event.
    assert "Terminer et effacer" in client.get("/questionnaire/pour-qui/").content.decode()


def test_an_idle_stand_session_is_wiped(client, code, settings, monkeypatch):
    settings.GUICHET_STAND_IDLE_SECONDS = 60
    client.get(f"/stand/{code}/")
    client.post("/questionnaire/statut/", {"action": "suivant", "status": "artisane"})
    later = time.time() + 61
    monkeypatch.setattr("onboarding.stand.time.time", lambda: later)
    assert "pas encore répondu" in client.get("/mon-parcours/").content.decode()


def test_an_unknown_code_is_not_a_stand_and_ordinary_pages_have_no_button(client):
    assert client.get("/stand/inconnu/").status_code == 404
    assert "Terminer et effacer" not in client.get("/questionnaire/").content.decode()
