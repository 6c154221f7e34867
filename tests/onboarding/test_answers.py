"""Her answers stay hers: an encrypted cookie of their own (not the session), ending with the browser unless she keeps
them for a stated time; encrypted links that expire and that she can turn off; nothing of them in an address, in a
shared cache or in what a page lets the browser keep."""

import base64
import binascii
import re
import time
import zlib

import pytest
from cryptography.fernet import Fernet
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from guichet import answers
from guichet.answers import Answers
from onboarding.models import RevokedLink
from tests.factories import AidFactory
from tests.helpers.tokens import altered
from tests.onboarding.test_parcours import ANSWERS, set_answers

pytestmark = pytest.mark.django_db

# What a copy of her cookie or of her link must never give away.
HER_WORDS = (b"traitement", b"artisane", b"phase", b"status", b"statut")


def readable_without_the_key(value: str) -> bytes:
    """Everything one can get from `value` without the key: the text itself, every part base64-decoded, and
    zlib-decompressed when that works (Django's signed values are base64 JSON, compressed or not)."""
    found = [value.encode()]
    for part in re.split(r"[:.]", value):
        part = part.lstrip(".")
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            try:
                raw = decode(part + "=" * (-len(part) % 4))
            except (binascii.Error, ValueError):
                continue
            found.append(raw)
            for skip in range(0, 3):
                try:
                    found.append(zlib.decompress(raw[skip:]))
                except zlib.error:
                    pass
    return b"\n".join(found).lower()


def answer_statut_and_phase(client):
    client.post("/questionnaire/statut/", {"action": "suivant", "status": "artisane"})
    client.post("/questionnaire/phase/", {"action": "suivant", "phase": "traitement"})


def link_on_the_page(client) -> str:
    link = client.get("/mon-parcours/").context["link"]  # what the QR code says and the e-mail gives
    return link.removeprefix("http://testserver")


def test_her_cookie_cannot_be_read_without_the_key_and_the_session_holds_nothing_of_her(client):
    answer_statut_and_phase(client)
    value = client.cookies[answers.COOKIE_NAME].value
    leaked = readable_without_the_key(value)
    assert not any(word in leaked for word in HER_WORDS)
    for name, morsel in client.cookies.items():  # nor any other cookie (the session's was signed, not encrypted)
        assert not any(word in readable_without_the_key(morsel.value) for word in HER_WORDS), name
    assert "Artisane" in client.get("/mon-parcours/").content.decode()


def test_her_cookie_ends_with_the_browser_unless_she_keeps_it_for_the_stated_time(client, settings):
    answer_statut_and_phase(client)
    cookie = client.cookies[answers.COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == "" and cookie["httponly"] and cookie["samesite"] == "Lax"
    html = client.get("/mon-parcours/").content.decode()
    assert "vos réponses s'effacent à la fermeture du navigateur" in html
    assert "Garder mes réponses sur cet appareil pendant 30 jours" in html

    client.post("/mon-parcours/garder/", {"garder": "oui"})
    assert 30 * 86400 - 2 <= client.cookies[answers.COOKIE_NAME]["max-age"] <= 30 * 86400
    html = client.get("/mon-parcours/").content.decode()
    assert "Vos réponses restent sur cet appareil jusqu'au" in html and "Artisane" in html
    privacy = client.get("/confidentialite/").content.decode()
    assert "elles s'effacent à la fermeture du navigateur" in privacy
    assert "elles restent 30 jours sur cet appareil" in privacy

    client.post("/mon-parcours/garder/", {"garder": "non"})
    assert client.cookies[answers.COOKIE_NAME]["max-age"] == ""


def test_the_server_refuses_a_cookie_older_than_she_chose(client, monkeypatch):
    answer_statut_and_phase(client)
    client.post("/mon-parcours/garder/", {"garder": "oui"})
    now = time.time()
    monkeypatch.setattr("guichet.answers.time.time", lambda: now + 29 * 86400)
    assert "Artisane" in client.get("/mon-parcours/").content.decode()
    monkeypatch.setattr("guichet.answers.time.time", lambda: now + 31 * 86400)
    response = client.get("/mon-parcours/")
    assert "pas encore répondu" in response.content.decode()
    assert response.cookies[answers.COOKIE_NAME]["max-age"] == 0


def test_without_keeping_a_cookie_the_browser_restores_is_refused_after_a_day(client, monkeypatch):
    answer_statut_and_phase(client)
    now = time.time()
    monkeypatch.setattr("guichet.answers.time.time", lambda: now + 2 * 3600)
    assert "Artisane" in client.get("/mon-parcours/").content.decode()  # and rewritten: she is still reading
    monkeypatch.setattr("guichet.answers.time.time", lambda: now + 2 * 3600 + 23 * 3600)
    assert "Artisane" in client.get("/mon-parcours/").content.decode()
    monkeypatch.setattr("guichet.answers.time.time", lambda: now + 2 * 3600 + 49 * 3600)
    assert "pas encore répondu" in client.get("/mon-parcours/").content.decode()


def test_an_altered_or_foreign_cookie_is_dropped_without_an_error(client):
    for value in ("n'importe quoi", "gAAAAAB" + "A" * 100, signing.dumps({"a": ANSWERS})):
        client.cookies[answers.COOKIE_NAME] = value
        response = client.get("/mon-parcours/")
        assert response.status_code == 200 and "pas encore répondu" in response.content.decode()
        assert response.cookies[answers.COOKIE_NAME]["max-age"] == 0


def test_keys_rotate_and_come_from_the_settings(client, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.GUICHET_ANSWERS_KEYS = [old]
    set_answers(client, ANSWERS)
    written_with_the_old_key = client.cookies[answers.COOKIE_NAME].value
    settings.GUICHET_ANSWERS_KEYS = [new, old]  # the new key encrypts, the old one still decrypts
    assert "Artisane" in client.get("/mon-parcours/").content.decode()
    settings.GUICHET_ANSWERS_KEYS = [new]
    client.cookies[answers.COOKIE_NAME] = written_with_the_old_key
    assert "Artisane" not in client.get("/mon-parcours/").content.decode()
    settings.GUICHET_ANSWERS_KEYS = ["pas-une-cle"]
    with pytest.raises(ImproperlyConfigured, match="GUICHET_ANSWERS_KEYS"):
        answers.seal("cookie", {})


def test_by_default_the_key_is_derived_from_secret_key_and_follows_its_rotation(client, settings):
    settings.GUICHET_ANSWERS_KEYS = []
    set_answers(client, ANSWERS)
    written_with_the_old_key = client.cookies[answers.COOKIE_NAME].value
    old_secret = settings.SECRET_KEY
    assert old_secret.encode() not in answers._derived_key(old_secret)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "un-autre-secret-" + "x" * 50, [old_secret]
    assert "Artisane" in client.get("/mon-parcours/").content.decode()
    settings.SECRET_KEY_FALLBACKS = []
    client.cookies[answers.COOKIE_NAME] = written_with_the_old_key
    assert "Artisane" not in client.get("/mon-parcours/").content.decode()


def test_the_link_reveals_nothing_without_the_key_and_lasts_seven_days(client, settings, monkeypatch):
    assert settings.GUICHET_PARCOURS_LINK_DAYS == 7
    set_answers(client, ANSWERS)
    link = link_on_the_page(client)
    token = link.split("?r=")[1]
    assert not any(word in readable_without_the_key(token) for word in HER_WORDS)
    other = type(client)()
    response = other.get(link)
    assert response.status_code == 302 and response["Location"] == "/mon-parcours/"
    assert "Artisane" in other.get("/mon-parcours/").content.decode()

    now = time.time()
    monkeypatch.setattr("guichet.answers.time.time", lambda: now + 7 * 86400 + 60)
    response = type(client)().get(link)
    assert response.status_code == 410 and "Ce lien a expiré" in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"


def test_she_turns_off_the_links_she_gave_and_gets_a_new_one(client):
    answer_statut_and_phase(client)
    given = link_on_the_page(client)
    response = client.post("/mon-parcours/desactiver-les-liens/", follow=True)
    assert "Les liens et codes QR donnés jusqu&#x27;ici ne fonctionnent plus" in response.content.decode()

    response = type(client)().get(given)
    assert response.status_code == 410
    assert "Ce lien a été désactivé" in response.content.decode()
    new = link_on_the_page(client)
    assert new != given and type(client)().get(new).status_code == 302
    # Kept on our side: a random id, nothing about her.
    [revoked] = RevokedLink.objects.all()
    assert re.fullmatch(r"[0-9a-f]{24}", revoked.link_id)


def test_an_altered_link_or_an_old_signed_one_is_refused(client):
    token = answers.make_link_token(Answers.from_dict(ANSWERS))
    assert client.get(f"/mon-parcours/?r={altered(token)}").status_code == 400
    old_kind = signing.dumps(ANSWERS, salt="onboarding.parcours-link", compress=True)
    response = client.get(f"/mon-parcours/?r={old_kind}")
    assert response.status_code == 400 and "Ce lien n'est pas valable" in response.content.decode()
    cookie = answers.seal("cookie", {"a": ANSWERS})
    assert client.get(f"/mon-parcours/?r={cookie}").status_code == 400  # a cookie is not a link


def test_nothing_of_her_answers_goes_into_the_shared_cache(client, organisation, settings, monkeypatch):
    """The suggestions used to be shared under a hash of her answers: few answers, so a reversible key."""
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    aid = AidFactory(owner=organisation, published=True, title="IJ des indépendantes", statuses=["artisane"])
    written = []
    cache = caches["default"]
    for method in ("set", "add", "set_many", "get_or_set"):
        original = getattr(cache, method)

        def recording(*args, _original=original, **kwargs):
            written.append(repr(args))
            return _original(*args, **kwargs)

        monkeypatch.setattr(cache, method, recording)
    set_answers(client, ANSWERS)
    for url in ("/mon-parcours/", "/mon-parcours/imprimer/", aid.get_absolute_url(), "/annuaire/mise-en-relation/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"], url
        assert "Cookie" in response["Vary"], url
    assert not any(word.decode() in entry.lower() for entry in written for word in HER_WORDS)
    # The same aid page for a visitor without answers is still shared.
    assert "no-store" not in type(client)().get(aid.get_absolute_url()).get("Cache-Control", "")


def test_the_questionnaire_and_the_parcours_say_no_store(client):
    set_answers(client, ANSWERS)
    for url in ("/questionnaire/", "/questionnaire/statut/", "/mon-parcours/", "/mon-parcours/imprimer/"):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_a_phase_chosen_from_the_home_page_is_never_in_an_address(client):
    """Posted by the door's button, from the site's own page: never in a URL (logs, history, Referer)."""
    home = client.get("/").content.decode()
    assert "?phase=" not in home
    response = client.post("/questionnaire/", {"phase": "traitement"}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 302 and response["Location"] == "/questionnaire/"
    html = client.get("/questionnaire/phase/").content.decode()
    assert re.search(r'<input[^>]*value="traitement"[^>]*checked', html)
