"""Mode stand: the tablet at a stand starts with the event's code and wipes everything when she is done or gone, on the
server and in the browser, whatever the browser does with its cookies; it never starts where someone is signed in."""

import time

import pytest

from guichet import answers
from onboarding import stand
from onboarding.models import SourceCode, UsageCount
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def code():
    return SourceCode.objects.create(code="salon-cci-marseille-2027", label="Salon CCI Marseille").code


def her_turn(client, code):
    """A visitor on the stand: her statut and her phase answered."""
    client.get(f"/stand/{code}/")
    client.post("/questionnaire/statut/", {"action": "suivant", "status": "artisane"})
    client.post("/questionnaire/phase/", {"action": "suivant", "phase": "traitement"})
    assert "Artisane" in client.get("/mon-parcours/").content.decode()


def test_the_stand_starts_with_the_event_code_and_a_wipe_button_on_every_page(client, code):
    response = client.get(f"/stand/{code}/")
    assert response["Location"] == "/questionnaire/pour-qui/"
    for url in ("/questionnaire/pour-qui/", "/ressources/", "/annuaire/"):
        assert "Terminer et effacer" in client.get(url).content.decode(), url
    client.post("/questionnaire/statut/", {"action": "suivant", "status": "artisane"})
    client.post("/questionnaire/phase/", {"action": "suivant", "phase": "traitement"})
    assert "Artisane" in client.get("/mon-parcours/").content.decode()
    assert UsageCount.objects.get().source == code

    response = client.post("/stand/terminer/", follow=True)
    assert response.redirect_chain == [(f"/stand/{code}/?fin=1", 302), ("/questionnaire/pour-qui/", 302)]
    assert "Vos réponses sont effacées. Merci de votre visite !" in response.content.decode()
    assert "pas encore répondu" in client.get("/mon-parcours/").content.decode()
    # Still a stand: the next visitor gets the button too, and is counted for the same event.
    assert "Terminer et effacer" in client.get("/questionnaire/pour-qui/").content.decode()
    client.post("/questionnaire/statut/", {"action": "suivant", "status": "commercante"})
    client.get("/mon-parcours/")
    assert UsageCount.objects.filter(source=code).count() == 2


def test_the_wipe_clears_the_browser_too(client, code):
    her_turn(client, code)
    response = client.post("/stand/terminer/")
    assert response["Clear-Site-Data"] == '"cache", "cookies"'
    assert "no-store" in response["Cache-Control"]
    for name in (answers.COOKIE_NAME, stand.COOKIE_NAME):
        assert response.cookies[name]["max-age"] == 0, name  # and deleted one by one, for older browsers


def test_an_idle_stand_is_wiped_on_the_next_request_even_if_the_browser_still_sends_its_cookies(
    client, code, settings, monkeypatch
):
    settings.GUICHET_STAND_IDLE_SECONDS = 60
    her_turn(client, code)
    # The stand cookie outlives the delay: the server decides she has gone, not the cookie's expiry.
    stand_cookie = client.cookies[stand.COOKIE_NAME]
    assert stand_cookie["max-age"] > settings.GUICHET_STAND_IDLE_SECONDS
    sent = {name: morsel.value for name, morsel in client.cookies.items()}

    later = time.time() + 61
    monkeypatch.setattr("onboarding.stand.time.time", lambda: later)
    response = client.get("/mon-parcours/")
    assert response.status_code == 302 and response["Location"] == f"/stand/{code}/"
    assert response["Clear-Site-Data"] == '"cache", "cookies"'
    # A browser that kept every cookie it had: still nothing of her.
    for name, value in sent.items():
        client.cookies[name] = value
    response = client.get("/mon-parcours/", follow=True)
    html = response.content.decode()
    assert "Artisane" not in html and "traitement" not in html.lower()
    assert "Terminer et effacer" in html  # and the stand is ready for the next visitor
    assert "pas encore répondu" in client.get("/mon-parcours/").content.decode()


def test_a_stand_that_is_not_idle_keeps_going(client, code, settings, monkeypatch):
    settings.GUICHET_STAND_IDLE_SECONDS = 60
    her_turn(client, code)
    now = time.time()
    for step in range(1, 4):  # a request every 50 s: she is still there after 150 s
        monkeypatch.setattr("onboarding.stand.time.time", lambda step=step: now + 50 * step)
        assert "Artisane" in client.get("/mon-parcours/").content.decode()


def test_her_answers_belong_to_her_turn_on_the_stand(client, code):
    """The stand cookie gone (expired, deleted) but her answers' cookie still sent: they are not shown."""
    her_turn(client, code)
    del client.cookies[stand.COOKIE_NAME]
    assert "pas encore répondu" in client.get("/mon-parcours/").content.decode()


def test_every_page_of_a_stand_says_no_store(client, code):
    client.get(f"/stand/{code}/")
    for url in ("/", "/ressources/", "/annuaire/", "/questionnaire/pour-qui/", "/mon-parcours/", "/agenda/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
    # Her ticked answers are not restored by the browser on Back.
    assert 'autocomplete="off"' in client.get("/questionnaire/besoins/").content.decode()


def test_the_stand_never_starts_where_someone_is_signed_in_and_signs_nobody_out(client, code):
    user = UserFactory()
    client.force_login(user)
    response = client.get(f"/stand/{code}/")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Le mode stand ne démarre pas : quelqu'un est connecté" in html
    assert "personne n'a été déconnecté" in html
    assert stand.COOKIE_NAME not in response.cookies
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Terminer et effacer" not in client.get("/ressources/").content.decode()


def test_someone_who_signs_in_on_the_stand_is_signed_out_by_the_wipe(client, code):
    her_turn(client, code)
    client.force_login(UserFactory())
    client.post("/stand/terminer/")
    assert "_auth_user_id" not in client.session


def test_her_answers_are_never_kept_on_a_stand(client, code):
    her_turn(client, code)
    html = client.get("/mon-parcours/").content.decode()
    assert "Garder sur cet appareil" not in html
    response = client.post("/mon-parcours/garder/", {"garder": "oui"})
    assert response.status_code == 302
    assert client.cookies[answers.COOKIE_NAME]["max-age"] == ""  # ends with the browser session


def test_an_unknown_code_is_not_a_stand_and_ordinary_pages_have_no_button(client):
    assert client.get("/stand/inconnu/").status_code == 404
    assert "Terminer et effacer" not in client.get("/questionnaire/").content.decode()
