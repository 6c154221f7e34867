"""Issue 18, point 2: her request, online. The acknowledgement carries a private link (signed with a key of her
request, revocable, no personal data in it) to a page with where her request stands and its dates, the promised
call-back, a form to add a message, and "annuler et effacer ma demande"; a neutral e-mail at each change of state."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from annuaire import services
from annuaire.contact import ContactRequest, ContactRequestMessage, RefusalReason, RequestState
from tests.annuaire.test_contact_requests import HEALTH_WORDS, valid_data
from tests.factories import StructureFactory
from tests.helpers.tokens import altered

pytestmark = pytest.mark.django_db

MESSAGE = "Je suis en chimiothérapie pour un cancer du sein et je cherche de l'aide pour ma boutique."
LINK = re.compile(r"https://guichet\.test(/annuaire/mise-en-relation/suivi/[^/\s]+/)")


@pytest.fixture
def structure(organisation):
    return StructureFactory(
        owner=organisation, published=True, name="Maison Bien-Être", email="accueil@maison.fr", phone="04 91 00 00 00"
    )


def make_request(**fields):
    values = {
        "message": MESSAGE,
        "contact_method": "telephone",
        "phone": "06 12 34 56 78",
        "email": "elle@exemple.fr",
        "preferred_times": "le matin",
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return ContactRequest.objects.create(**values)


def page_of(request) -> str:
    return reverse("annuaire:request_status", kwargs={"token": request.link_token})


def link_in(mail) -> str:
    match = LINK.search(mail.body)
    assert match, mail.body
    return match.group(1)


def to_her(mailoutbox):
    return [mail for mail in mailoutbox if mail.to == ["elle@exemple.fr"]]


def assert_neutral(mail):
    text = f"{mail.subject} {mail.body}".lower()
    assert not any(word in text for word in HEALTH_WORDS), mail.subject
    assert "santé" not in mail.subject.lower() and "boutique" not in text


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_acknowledgement_link_opens_her_page_with_its_state(
    client, structure, mailoutbox, settings, django_capture_on_commit_callbacks
):
    url = reverse("annuaire:structure_contact_request", kwargs={"slug": structure.slug})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, valid_data())
    (acknowledgement,) = to_her(mailoutbox)
    assert_neutral(acknowledgement)
    assert "en répondant" not in acknowledgement.body and "répondez" not in acknowledgement.body
    path = link_in(acknowledgement)
    assert "elle" not in path and "exemple" not in path  # nothing of hers in the address

    response = client.get(path)
    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    request = ContactRequest.objects.get()
    assert f"Votre demande n° {request.pk}</h1>" in html
    assert "Où elle en est : <strong>Reçue</strong>" in html
    promised = date_format(request.promised_by, "l j F Y")
    assert f"au plus tard le <strong>{promised}</strong>, par e-mail" in html
    assert f"Reçue le</dt><dd>{date_format(timezone.localdate(), 'l j F Y')}" in html
    assert "chimiothérapie" not in html and "elle@exemple.fr" not in html  # what she wrote is not shown again
    assert "Annuler et effacer ma demande" in html


def test_each_change_of_state_sends_her_one_neutral_email_and_the_page_follows(client, structure, mailoutbox):
    request = make_request()
    path = page_of(request)
    steps = [
        ({"state": RequestState.IN_PROGRESS}, "Votre demande au Guichet unique est en cours", "En cours"),
        (
            {"state": RequestState.ORIENTED, "oriented_to": structure},
            "Votre demande au Guichet unique : la suite",
            "Orientée vers Maison Bien-Être",
        ),
        (
            {"state": RequestState.CLOSED, "closing_reason": "relais"},
            "Votre demande au Guichet unique est close",
            "Close",
        ),
    ]
    for changes, subject, state in steps:
        mailoutbox.clear()
        services.change_contact_request(request, **changes)
        (mail,) = to_her(mailoutbox)
        assert mail.subject == subject
        assert_neutral(mail)
        assert link_in(mail) == path
        assert "répondez à ce message" not in mail.body and "en répondant" not in mail.body
        # Saving again without a change tells her nothing.
        services.save_contact_request(request)
        assert len(to_her(mailoutbox)) == 1
        html = client.get(path).content.decode()
        assert f"Où elle en est : <strong>{state}</strong>" in html

    today = date_format(timezone.localdate(), "l j F Y")
    for line in ("Prise en charge le", "Orientée vers Maison Bien-Être le", "Close le"):
        assert f"{line}</dt><dd>{today}</dd>" in html
    assert "la structure vers laquelle nous vous avons orientée a pris le relais" in html
    assert 'name="text"' not in html  # closed: nothing more to add


def test_she_adds_a_message_the_coordinator_reads_it_in_the_admin_and_is_told(client, people, mailoutbox, settings):
    request = make_request()
    path = page_of(request)
    response = client.post(path, {"text": "Je ne suis plus joignable le matin, plutôt après 17 h.", "website": ""})
    assert response.status_code == 302
    assert_private(response)
    html = client.get(response["Location"]).content.decode()
    assert "Votre message est envoyé" in html and "un message le" in html
    assert "plutôt après 17 h" not in html
    (added,) = request.added_messages.all()
    assert added.text == "Je ne suis plus joignable le matin, plutôt après 17 h."

    (told,) = mailoutbox
    assert (
        told.to == [settings.GUICHET_COORDINATOR_EMAIL]
        and told.subject == f"[Guichet unique] Nouveau message sur la demande n° {request.pk}"
    )
    assert "17 h" not in told.body and request.get_admin_url() in told.body

    client.force_login(people.coordinator)
    admin_html = client.get(request.get_admin_url()).content.decode()
    assert "plutôt après 17 h" in admin_html


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Écrivez votre message avant de l&#x27;envoyer."),
        ("a", "Votre message est trop court"),
        ("Très long. " * 300, "Votre message est trop long : 2000 caractères au plus"),
    ],
)
def test_bad_input_gets_a_french_error_next_to_the_field_and_the_text_is_kept(client, mailoutbox, text, error):
    request = make_request()
    response = client.post(page_of(request), {"text": text, "website": ""})
    assert response.status_code == 200
    assert_private(response)
    html = response.content.decode()
    assert error in html and 'id="id_text_error"' in html
    assert 'aria-describedby="id_text_helptext id_text_error"' in html or 'id_text_error"' in html
    if text:
        assert text.strip()[:50] in html
    assert ContactRequestMessage.objects.count() == 0 and mailoutbox == []


def test_adding_messages_is_rate_limited_and_what_she_typed_is_kept(client, mailoutbox):
    request = make_request()
    path = page_of(request)
    for number in range(services.MESSAGES_PER_HOUR):
        assert client.post(path, {"text": f"Précision numéro {number}", "website": ""}).status_code == 302
    response = client.post(path, {"text": "Encore une précision", "website": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Réessayez dans une heure" in html and "Encore une précision" in html
    assert request.added_messages.count() == services.MESSAGES_PER_HOUR


def test_a_robot_filling_the_honeypot_adds_nothing(client, mailoutbox):
    request = make_request()
    assert client.post(page_of(request), {"text": "Achetez", "website": "http://spam"}).status_code == 302
    assert request.added_messages.count() == 0 and mailoutbox == []


def test_cancel_asks_first_then_erases_her_data_and_the_link_then_404s(client, structure, mailoutbox, settings):
    request = make_request(share_with_structure=True)
    services.change_contact_request(request, state=RequestState.ORIENTED, oriented_to=structure)
    services.add_message(request=request, text="Une précision", fingerprint="x")
    path = page_of(request)
    cancel = reverse("annuaire:request_cancel", kwargs={"token": request.link_token})
    mailoutbox.clear()

    response = client.get(cancel)  # a mail scanner following the link erases nothing
    assert response.status_code == 200
    assert_private(response)
    assert "Oui, annuler et effacer ma demande" in response.content.decode()
    request.refresh_from_db()
    assert request.message == MESSAGE

    response = client.post(cancel)
    assert response.status_code == 200
    assert_private(response)
    assert "Votre demande est annulée et effacée" in response.content.decode()
    request.refresh_from_db()
    assert (request.message, request.email, request.phone, request.preferred_times) == ("", "", "", "")
    assert request.anonymised_at is not None and request.link_key == ""
    assert request.state == RequestState.REFUSED and request.refusal_reason == RefusalReason.WITHDRAWN
    assert ContactRequestMessage.objects.count() == 0

    cancelled, coordinator = mailoutbox
    assert cancelled.to == ["elle@exemple.fr"] and cancelled.subject == "Votre demande au Guichet unique est annulée"
    assert_neutral(cancelled)
    assert "/suivi/" not in cancelled.body  # the link no longer works: not offered
    assert coordinator.to == [settings.GUICHET_COORDINATOR_EMAIL] and "Maison Bien-Être" in coordinator.body
    assert "Une précision" not in coordinator.body

    for address in (path, cancel):
        response = client.get(address)
        assert response.status_code == 404
        assert_private(response)
        assert "Ce lien ne mène à aucune demande" in response.content.decode()
    assert client.post(cancel).status_code == 404


@pytest.mark.parametrize(
    "alter",
    [
        altered,  # signature changed
        lambda token: str(int(token.split(".")[0]) + 1) + "." + token.split(".", 1)[1],  # another request's number
        lambda token: token.split(".")[0],  # no signature
        lambda token: "9" * 40 + "." + token.split(".", 1)[1],  # a number no database holds
        lambda token: "abc." + token.split(".", 1)[1],
        lambda token: "%00%C3%A9",
    ],
)
def test_a_tampered_token_is_a_french_404(client, alter):
    request = make_request()
    make_request(email="autre@exemple.fr")
    token = alter(request.link_token)
    for name in ("annuaire:request_status", "annuaire:request_cancel"):
        response = client.get(reverse(name, kwargs={"token": token}))
        assert response.status_code == 404
        assert "Ce lien ne mène à aucune demande" in response.content.decode()
        assert client.post(reverse(name, kwargs={"token": token}), {"text": "Bonjour"}).status_code == 404
    request.refresh_from_db()
    assert request.message == MESSAGE and request.added_messages.count() == 0


def test_a_rotated_link_revokes_the_former_one(client):
    request = make_request()
    former = page_of(request)
    request.rotate_link()
    assert client.get(former).status_code == 404
    assert client.get(page_of(request)).status_code == 200


def test_a_request_anonymised_after_its_retention_period_has_no_page_any_more(client):
    request = make_request(state=RequestState.CLOSED, closing_reason="repondue")
    path = page_of(request)
    request.anonymise()
    assert client.get(path).status_code == 404
    assert services.request_link(request) == ""


def test_her_page_needs_at_most_ten_queries(client, structure, django_assert_max_num_queries):
    request = make_request(share_with_structure=True)
    services.change_contact_request(request, state=RequestState.ORIENTED, oriented_to=structure)
    for number in range(5):
        ContactRequestMessage.objects.create(request=request, text=f"Précision {number}")
    path = page_of(request)
    with django_assert_max_num_queries(10):
        response = client.get(path)
    assert response.status_code == 200 and response.content.decode().count("un message le") == 5
