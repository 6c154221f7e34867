import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from annuaire import services
from annuaire.contact import ContactRequest, RequestState
from guichet.working_days import add_working_days
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db

HEALTH_WORDS = ("cancer", "chimio", "sein", "traitement")


@pytest.fixture
def structure(organisation):
    return StructureFactory(owner=organisation, published=True, name="Maison Bien-Être")


def valid_data(**overrides):
    data = {
        "message": "Je suis en chimiothérapie pour un cancer du sein et je cherche de l'aide pour ma boutique.",
        "phase": "traitement",
        "professional_status": "commercante",
        "contact_method": "email",
        "email": "elle@exemple.fr",
        "phone": "",
        "preferred_times": "le matin",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_request_reaches_the_coordinator_first_with_neutral_emails(
    client, structure, mailoutbox, settings, django_capture_on_commit_callbacks
):
    url = reverse("annuaire:structure_contact_request", kwargs={"slug": structure.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, valid_data(), follow=True)
    html = response.content.decode()
    assert "Votre demande est envoyée" in html and "au plus tard le" in html

    request = ContactRequest.objects.get()
    assert request.structure == structure and request.state == RequestState.NEW
    assert request.consented_at is not None and request.phase == "traitement"

    coordinator, acknowledgement = mailoutbox
    assert coordinator.to == [settings.GUICHET_COORDINATOR_EMAIL]
    assert coordinator.subject == "[Guichet unique] Nouvelle demande de mise en relation"
    assert f"/admin/annuaire/contactrequest/{request.pk}/change/" in coordinator.body
    assert acknowledgement.to == ["elle@exemple.fr"]
    assert acknowledgement.subject == "Votre demande au Guichet unique"
    promised = add_working_days(timezone.localdate(), settings.GUICHET_CALLBACK_WORKING_DAYS)
    assert f"au plus tard le {date_format(promised, 'l j F Y')}" in acknowledgement.body
    for mail in mailoutbox:
        text = f"{mail.subject} {mail.body}".lower()
        assert not any(word in text for word in HEALTH_WORDS), mail.subject
        assert "boutique" not in text and "commerçante" not in text


def test_nothing_is_stored_without_consent_and_what_was_typed_is_kept(client, structure, mailoutbox):
    url = reverse("annuaire:contact_request")
    response = client.post(url, valid_data(consent=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sans votre accord, nous ne pouvons pas enregistrer votre demande." in html
    assert "je cherche de l&#x27;aide pour ma boutique" in html
    assert 'value="elle@exemple.fr"' in html
    assert ContactRequest.objects.count() == 0 and mailoutbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"message": ""}, "message", "Décrivez en quelques mots"),
        ({"message": "aide"}, "message", "trop court"),
        ({"contact_method": ""}, "contact_method", "Choisissez comment"),
        ({"contact_method": "pigeon"}, "contact_method", "Choisissez dans la liste"),
        ({"contact_method": "telephone", "phone": ""}, "phone", "Indiquez le numéro"),
        ({"contact_method": "telephone", "phone": "12ab"}, "phone", "pas valide"),
        ({"contact_method": "email", "email": ""}, "email", "Indiquez l&#x27;adresse"),
        ({"email": "pas-une-adresse"}, "email", "pas valide"),
        ({"phase": "bientot"}, "phase", "Choisissez dans la liste"),
    ],
)
def test_bad_input_gets_french_errors_next_to_the_field(client, overrides, field, message):
    response = client.post(reverse("annuaire:contact_request"), valid_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert ContactRequest.objects.count() == 0


def test_phone_only_request_sends_no_acknowledgement(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("annuaire:contact_request"),
            valid_data(contact_method="telephone", phone="06 12 34 56 78", email=""),
        )
    assert [mail.subject for mail in mailoutbox] == ["[Guichet unique] Nouvelle demande de mise en relation"]


def test_honeypot_and_rate_limit(client, settings):
    settings.GUICHET_REQUESTS_PER_HOUR = 2
    assert client.post(reverse("annuaire:contact_request"), valid_data(website="http://spam")).status_code == 302
    assert ContactRequest.objects.count() == 0
    for _ in range(2):
        assert client.post(reverse("annuaire:contact_request"), valid_data()).status_code == 302
    response = client.post(reverse("annuaire:contact_request"), valid_data())
    assert "Réessayez dans une heure" in response.content.decode()
    assert ContactRequest.objects.count() == 2


def test_unknown_or_unpublished_structure_is_404(client, organisation):
    draft = StructureFactory(owner=organisation)
    for slug in (draft.slug, "inconnue"):
        url = reverse("annuaire:structure_contact_request", kwargs={"slug": slug})
        assert client.get(url).status_code == 404


def make_request(**fields):
    values = {
        "message": "Besoin d'aide",
        "contact_method": "email",
        "email": "a@exemple.fr",
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return ContactRequest.objects.create(**values)


def test_workflow_records_first_contact_and_closing_and_needs_reasons(structure):
    request = make_request()
    assert request.first_contact_at is None
    services.change_contact_request(request, state=RequestState.IN_PROGRESS)
    assert request.first_contact_at is not None and request.promise_kept is True
    request.state = RequestState.REFUSED
    with pytest.raises(ValidationError, match="motif du refus"):
        request.full_clean()
    request.state = RequestState.ORIENTED
    with pytest.raises(ValidationError, match="structure vers laquelle"):
        request.full_clean()
    request.oriented_to = structure
    request.full_clean()
    request.state = RequestState.CLOSED
    with pytest.raises(ValidationError, match="motif de la clôture"):
        request.full_clean()
    request.closing_reason = "repondue"
    request.full_clean()
    request.save()
    assert request.closed_at is not None


def test_only_the_coordinator_sees_requests(client, people):
    request = make_request()
    change = reverse("admin:annuaire_contactrequest_change", args=[request.pk])
    for person, status in (
        (people.owner_operator, 403),
        (people.other_operator, 403),
        (people.coordinator, 200),
        (people.administrator, 200),
    ):
        client.force_login(person)
        assert client.get(change).status_code == status, person
    client.logout()
    assert client.get(change).status_code == 302


def test_requests_are_anonymised_after_the_retention_period(settings):
    old = make_request(state=RequestState.CLOSED, internal_notes="Orientée vers Caire 13", phone="0612345678")
    ContactRequest.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=settings.GUICHET_REQUEST_RETENTION_DAYS + 1)
    )
    recent = make_request(state=RequestState.CLOSED)
    open_request = make_request()
    call_command("anonymise_contact_requests", stdout=StringIO())
    old.refresh_from_db()
    assert (old.message, old.email, old.phone, old.internal_notes) == ("", "", "", "")
    assert old.anonymised_at is not None and old.state == RequestState.CLOSED
    recent.refresh_from_db()
    open_request.refresh_from_db()
    assert recent.message and open_request.message


def test_working_days_skip_weekends():
    friday = datetime.date(2026, 11, 20)
    assert add_working_days(friday, 1) == datetime.date(2026, 11, 23)
    assert add_working_days(friday, 5) == datetime.date(2026, 11, 27)


def test_working_days_skip_french_public_holidays():
    # Christmas 2026 is a Friday: a request of Thursday 24 December is called back on Monday 28.
    assert add_working_days(datetime.date(2026, 12, 24), 1) == datetime.date(2026, 12, 28)
    # 8 May 2026 (Friday) and Ascension (Thursday 14 May 2026).
    assert add_working_days(datetime.date(2026, 5, 7), 1) == datetime.date(2026, 5, 11)
    assert add_working_days(datetime.date(2026, 5, 13), 2) == datetime.date(2026, 5, 18)
    # Easter Monday 2027 is 29 March: two working days after Friday 26 March are Tuesday 30 and Wednesday 31.
    assert add_working_days(datetime.date(2027, 3, 26), 2) == datetime.date(2027, 3, 31)
    # New Year's Day across the year's end.
    assert add_working_days(datetime.date(2026, 12, 31), 1) == datetime.date(2027, 1, 4)


def test_the_call_back_promised_in_christmas_week_skips_christmas(settings):
    settings.GUICHET_CALLBACK_WORKING_DAYS = 5
    request = make_request()
    ContactRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 12, 23, 10))
    )
    request.refresh_from_db()
    # Wednesday 23 December: Thursday 24, (Friday 25 off), Monday 28, Tuesday 29, Wednesday 30, Thursday 31.
    assert request.promised_by == datetime.date(2026, 12, 31)


def test_structure_page_offers_the_request(client, structure):
    html = client.get(structure.get_absolute_url()).content.decode()
    assert f'href="{structure.get_absolute_url()}mise-en-relation/"' in html
