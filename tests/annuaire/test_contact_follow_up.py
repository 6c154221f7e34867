"""Issue 16, point 6: requests followed to the end. She is told when her request is oriented or closed; the structure
receives the orientation (what she asked only with her consent); every e-mail has a neutral subject and goes through
the queue in the coordinator's transaction, whatever the path (service, admin)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from annuaire import services
from annuaire.contact import ContactRequest, RequestState
from tests.annuaire.test_contact_requests import HEALTH_WORDS, valid_data
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Je suis en chimiothérapie pour un cancer du sein et je cherche de l'aide pour ma boutique."


@pytest.fixture
def structure(organisation):
    return StructureFactory(
        owner=organisation,
        published=True,
        name="Maison Bien-Être",
        email="accueil@maison.fr",
        phone="04 91 00 00 00",
        city="Marseille",
    )


def make_request(**fields):
    values = {
        "message": MESSAGE,
        "contact_method": "telephone",
        "phone": "06 12 34 56 78",
        "email": "elle@exemple.fr",
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return ContactRequest.objects.create(**values)


def assert_neutral_subjects(messages):
    for mail in messages:
        assert not any(word in mail.subject.lower() for word in HEALTH_WORDS), mail.subject
        assert "santé" not in mail.subject.lower()


def test_oriented_she_is_told_to_whom_and_what_next_and_the_structure_gets_her_request(structure, mailoutbox):
    request = make_request(share_with_structure=True)
    done = services.change_contact_request(request, state=RequestState.ORIENTED, oriented_to=structure)
    to_structure, to_her = mailoutbox
    assert_neutral_subjects(mailoutbox)
    assert to_her.to == ["elle@exemple.fr"] and to_her.subject == "Votre demande au Guichet unique : la suite"
    assert "Maison Bien-Être" in to_her.body and "04 91 00 00 00" in to_her.body
    assert structure.get_absolute_url() in to_her.body
    assert "nous lui avons transmis votre demande" in to_her.body and "vous contacte par téléphone" in to_her.body
    assert MESSAGE not in to_her.body
    assert to_structure.to == ["accueil@maison.fr"]
    assert to_structure.subject == "Une personne orientée vers vous par le Guichet unique"
    assert MESSAGE in to_structure.body and "06 12 34 56 78" in to_structure.body
    assert "Elle a accepté que sa demande vous soit transmise" in to_structure.body
    assert len(done) == 2 and request.first_contact_at is not None
    # Saving again without a change tells nobody twice.
    services.save_contact_request(request)
    assert len(mailoutbox) == 2


def test_without_her_consent_the_structure_only_hears_that_a_request_is_coming(structure, mailoutbox):
    request = make_request(share_with_structure=False)
    services.change_contact_request(request, state=RequestState.ORIENTED, oriented_to=structure)
    to_structure, to_her = mailoutbox
    for word in ("chimio", "boutique", "06 12 34 56 78", "elle@exemple.fr", "cancer"):
        assert word not in to_structure.body
    assert "l'animatrice la rappelle d'abord" in to_structure.body
    assert "Votre demande ne lui a pas été transmise" in to_her.body and "vous rappelle d'abord" in to_her.body


def test_a_structure_without_email_gets_nothing_and_the_coordinator_is_told(organisation, mailoutbox):
    structure = StructureFactory(owner=organisation, published=True, name="Sans adresse", email="")
    request = make_request(share_with_structure=True)
    done = services.change_contact_request(request, state=RequestState.ORIENTED, oriented_to=structure)
    assert [m.to for m in mailoutbox] == [["elle@exemple.fr"]]
    assert "Votre demande ne lui a pas été transmise" in mailoutbox[0].body
    assert any("n'a pas d'adresse e-mail" in line for line in done)


def test_no_email_to_her_without_an_address(structure, mailoutbox):
    request = make_request(email="", share_with_structure=True)
    services.change_contact_request(request, state=RequestState.ORIENTED, oriented_to=structure)
    assert [m.to for m in mailoutbox] == [["accueil@maison.fr"]]
    services.change_contact_request(request, state=RequestState.CLOSED, closing_reason="relais")
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"state": RequestState.CLOSED, "closing_reason": "repondue"}, "vous avez eu la réponse que vous cherchiez"),
        ({"state": RequestState.REFUSED, "refusal_reason": "injoignable"}, "nous n'avons pas réussi à vous joindre"),
        ({"state": RequestState.REFUSED, "refusal_reason": "hors-champ"}, "ne relève pas de ce que propose"),
    ],
)
def test_closed_she_is_told_with_the_reason_chosen(mailoutbox, changes, reason):
    request = make_request()
    services.change_contact_request(request, **changes)
    (mail,) = mailoutbox
    assert_neutral_subjects(mailoutbox)
    assert mail.to == ["elle@exemple.fr"] and mail.subject == "Votre demande au Guichet unique est close"
    assert reason in mail.body and MESSAGE not in mail.body
    services.save_contact_request(request)
    assert len(mailoutbox) == 1


def test_no_email_after_an_abusive_message(mailoutbox):
    services.change_contact_request(make_request(), state=RequestState.REFUSED, refusal_reason="abus")
    assert mailoutbox == []


def test_a_refusal_without_any_call_records_no_first_contact():
    request = make_request()
    services.change_contact_request(request, state=RequestState.REFUSED, refusal_reason="injoignable")
    assert request.first_contact_at is None and request.closed_at is not None


def test_the_admin_goes_through_the_service(client, people, structure, mailoutbox):
    request = make_request(share_with_structure=True)
    client.force_login(people.coordinator)
    url = reverse("admin:annuaire_contactrequest_change", args=[request.pk])
    form = {"state": RequestState.ORIENTED, "oriented_to": structure.pk, "internal_notes": ""}
    form |= {"added_messages-TOTAL_FORMS": "0", "added_messages-INITIAL_FORMS": "0"}  # her messages: read only
    response = client.post(url, {**form, "closing_reason": "", "refusal_reason": ""}, follow=True)
    assert response.status_code == 200
    assert "a reçu l&#x27;orientation par e-mail" in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["accueil@maison.fr", "elle@exemple.fr"]
    request.refresh_from_db()
    assert request.state == RequestState.ORIENTED and request.first_contact_at is not None
    # Closing without a reason is refused next to the field, in French.
    response = client.post(url, {**form, "state": RequestState.CLOSED, "closing_reason": "", "refusal_reason": ""})
    assert "Choisissez le motif de la clôture" in response.content.decode()
    assert len(mailoutbox) == 2


def test_the_form_asks_her_consent_to_share_with_the_structure(client, structure, django_capture_on_commit_callbacks):
    url = reverse("annuaire:structure_contact_request", kwargs={"slug": structure.slug})
    html = client.get(url).content.decode()
    assert "J&#x27;accepte que l&#x27;animatrice transmette ma demande" in html
    client.post(url, valid_data(share_with_structure="on"))
    client.post(url, valid_data())
    assert list(ContactRequest.objects.order_by("pk").values_list("share_with_structure", flat=True)) == [True, False]
