"""The whole life of a sign-up, as she lives it: form, e-mails, links, waiting list — and the bad inputs."""

import datetime
import re
from io import StringIO

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from pairs import services, tokens
from pairs.enums import RegistrationStatus as Status
from pairs.models import Registration
from tests.factories import PeerGroupFactory
from tests.helpers.tokens import altered

pytestmark = pytest.mark.django_db

GOOD = {
    "first_name": "Nadia",
    "email": "nadia@exemple.fr",
    "phone": "06 12 34 56 78",
    "expectations": "Parler de la reprise.",
    "charter": "on",
    "consent": "on",
}


@pytest.fixture
def group(organisation):
    return PeerGroupFactory(
        owner=organisation, published=True, name="Reprendre après un cancer", slug="reprendre", capacity=2
    )


def sign_up(client, group, **overrides):
    return client.post(f"/groupes/{group.slug}/inscription/", {**GOOD, **overrides})


def link(message, kind):
    return re.search(rf"https?://[^\s]+/groupes/{kind}/[^\s]+/", message.body).group(0).split("8000", 1)[-1]


def test_every_email_has_a_neutral_subject_and_her_cancel_link(client, group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, group)
        sign_up(client, group, email="b@exemple.fr")
        sign_up(client, group, email="c@exemple.fr")
        sign_up(client, group)  # again: her link again
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("nadia@exemple.fr", "b@exemple.fr", "c@exemple.fr"):  # c: full, waiting list
            services.confirm(Registration.objects.get(email=email))
        sign_up(client, group)  # again, confirmed
        services.cancel(Registration.objects.get(email="b@exemple.fr"))  # frees a place for c
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [
        "Confirmez votre inscription — Guichet unique",
        "Confirmez votre inscription — Guichet unique",
        "Confirmez votre inscription — Guichet unique",
        "Confirmez votre inscription — Guichet unique",
        "Votre inscription est confirmée — Guichet unique",
        "Votre inscription est confirmée — Guichet unique",
        "Vous êtes sur la liste d'attente — Guichet unique",
        "Votre inscription — Guichet unique",
        "Votre désinscription est enregistrée — Guichet unique",
        "Une place s'est libérée — Guichet unique",
    ]
    for message in mail.outbox:
        assert "cancer" not in message.subject.lower() and group.name not in message.subject
        if "désinscription" not in message.subject:
            assert "/groupes/annuler/" in message.body, message.subject


def test_sign_up_confirm_and_receive_the_sessions(client, group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, group)
    assert response.status_code == 302 and response["Location"] == "/groupes/reprendre/inscription/envoyee/"
    registration = Registration.objects.get()
    assert registration.status == Status.PENDING and registration.consented_at
    assert registration.hold_expires_at is None and group.places_left_now() == 2  # no place before she confirms
    [message] = mail.outbox
    assert message.to == ["nadia@exemple.fr"] and "48 heures" in message.body
    confirm_url = link(message, "confirmer")

    # Opening the link (or a mail scanner following it) confirms nothing: a button does.
    page = client.get(confirm_url)
    assert page.status_code == 200 and "Je confirme mon inscription" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(confirm_url)
    assert "Votre inscription est confirmée" in done.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and registration.confirmed_at
    confirmed = mail.outbox[-1]
    assert "Deuxième étage, code 1234." in confirmed.body  # access details, only now
    assert "Ce qui se dit dans le groupe reste dans le groupe" in confirmed.body
    [(filename, content, mimetype)] = confirmed.attachments
    assert filename == "seances.ics" and mimetype == "text/calendar"
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert len(events) == 4
    assert all("cancer" not in str(e["SUMMARY"]).lower() for e in events)
    assert {e.decoded("DTSTART").hour for e in events} == {18}

    # The same link again: already done, nothing changes.
    again = client.post(confirm_url)
    assert "déjà confirmée" in again.content.decode()
    assert len(mail.outbox) == 2


def test_an_offered_place_is_released_after_48_hours_and_offered_to_the_waiting_list(
    group, people, django_capture_on_commit_callbacks
):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sign_up(group, first_name="A", email="a@exemple.fr", now=now, added_by=people.coordinator)
        services.sign_up(group, first_name="B", email="b@exemple.fr", now=now, added_by=people.coordinator)
        waiting = services.sign_up(group, first_name="C", email="c@exemple.fr", now=now, added_by=people.coordinator)
    assert waiting.status == Status.WAITING and waiting.waiting_position == 1
    mail.outbox.clear()

    later = now + datetime.timedelta(hours=49)
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(Registration.objects.get(email="b@exemple.fr"), now=now + datetime.timedelta(hours=1))
        assert services.release_expired_holds(now=later) == 1
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.EXPIRED
    assert waiting.status == Status.PENDING and waiting.hold_expires_at > later
    subjects = {m.to[0]: m.subject for m in mail.outbox[1:]}
    assert subjects == {
        "a@exemple.fr": "Votre inscription n'a pas été confirmée à temps — Guichet unique",
        "c@exemple.fr": "Une place s'est libérée — Guichet unique",
    }
    # Running it again changes nothing and sends nothing.
    count = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("release_group_holds", stdout=StringIO())
    assert len(mail.outbox) == count


def test_a_late_confirmation_still_gets_the_place_when_nobody_needs_it(group, people):
    now = timezone.now()
    registration = services.sign_up(group, first_name="A", email="a@exemple.fr", now=now, added_by=people.coordinator)
    assert services.confirm(registration, now=now + datetime.timedelta(hours=50)) == services.Outcome.CONFIRMED


def test_cancelling_frees_the_place_for_the_first_on_the_waiting_list(
    client, group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("a@exemple.fr", "b@exemple.fr", "c@exemple.fr", "d@exemple.fr"):
            sign_up(client, group, email=email)
            services.confirm(Registration.objects.get(email=email))
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@exemple.fr": Status.CONFIRMED,
        "b@exemple.fr": Status.CONFIRMED,
        "c@exemple.fr": Status.WAITING,
        "d@exemple.fr": Status.WAITING,
    }
    cancel_url = link(mail.outbox[0], "annuler")
    assert "Oui, j'annule" in client.get(cancel_url).content.decode()
    assert Registration.objects.get(email="a@exemple.fr").status == Status.CONFIRMED  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["a@exemple.fr"] == Status.CANCELLED and statuses["c@exemple.fr"] == Status.PENDING
    assert statuses["d@exemple.fr"] == Status.WAITING
    assert Registration.objects.get(email="d@exemple.fr").waiting_position == 1
    # The capacity is never exceeded.
    assert group.registrations.holding_place().count() == 2
    # The cancel link, again: already done.
    assert "déjà annulée" in client.post(cancel_url).content.decode()


def test_signing_up_twice_reveals_nothing_and_creates_nothing(client, group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = sign_up(client, group)
        second = sign_up(client, group, email="NADIA@exemple.fr", first_name="Quelqu'un d'autre")
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    # Not confirmed yet: her confirmation link again (an e-mail lost or deleted is not the end).
    assert mail.outbox[-1].subject == "Confirmez votre inscription — Guichet unique"
    assert link(mail.outbox[-1], "confirmer") and mail.outbox[-1].to == ["nadia@exemple.fr"]
    services.confirm(Registration.objects.get())
    with django_capture_on_commit_callbacks(execute=True):
        third = sign_up(client, group, first_name="Quelqu'un d'autre")
    assert third["Location"] == first["Location"] and Registration.objects.count() == 1
    assert "Vous y êtes déjà inscrite" in mail.outbox[-1].body


@pytest.mark.parametrize(
    "token_change",
    ["tampered", "other_purpose", "anonymised"],
)
def test_bad_links_are_refused_clearly(client, group, token_change):
    registration = services.sign_up(group, first_name="A", email="a@exemple.fr")
    token = tokens.make(registration, tokens.CONFIRM)
    if token_change == "tampered":
        token = altered(token)
    elif token_change == "other_purpose":
        response = client.get(f"/groupes/annuler/{token}/")
        assert response.status_code == 400 and "Ce lien n'est pas valable" in response.content.decode()
        return
    else:
        registration.anonymise()
    response = client.get(f"/groupes/confirmer/{token}/")
    assert response.status_code == 400
    assert "pas valable" in response.content.decode()
    assert client.post(f"/groupes/confirmer/{token}/").status_code == 400


def test_an_expired_confirmation_link_says_so(client, group, settings):
    registration = services.sign_up(group, first_name="A", email="a@exemple.fr")
    token = tokens.make(registration, tokens.CONFIRM)
    settings.GUICHET_GROUP_HOLD_HOURS = 0
    response = client.get(f"/groupes/confirmer/{token}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "Ce lien a expiré" in html and 'href="/groupes/reprendre/"' in html


def test_the_cancel_link_ends_with_the_group(client, organisation):
    past = timezone.now() - datetime.timedelta(days=30)
    group = PeerGroupFactory(owner=organisation, published=True, sessions=[past])
    registration = services.sign_up(group, first_name="A", email="a@exemple.fr")
    response = client.get(f"/groupes/annuler/{tokens.make(registration, tokens.CANCEL)}/")
    assert response.status_code == 410 and "Ce groupe est terminé" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "Indiquez un prénom ou un pseudonyme."),
        ("first_name", "   ", "Indiquez un prénom ou un pseudonyme."),
        ("first_name", "x" * 61, "60 caractères au plus"),
        ("email", "", "Indiquez votre adresse e-mail"),
        ("email", "nadia@", "Cette adresse e-mail n&#x27;est pas valide"),
        ("phone", "12", "Ce numéro n&#x27;est pas valide"),
        ("phone", "0" * 40, "Ce numéro est trop long"),
        ("expectations", "x" * 1001, "1000 caractères au plus"),
        ("charter", "", "acceptez sa charte"),
        ("consent", "", "Sans votre accord"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(client, group, field, value, message):
    data = {**GOOD, field: value}
    if not value and field in ("charter", "consent"):
        data.pop(field)
    response = client.post(f"/groupes/{group.slug}/inscription/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Votre inscription n'est pas encore envoyée" in html
    for kept in ("Nadia", "nadia@exemple.fr", "Parler de la reprise."):
        if kept not in (GOOD.get(field),):
            assert kept in html
    assert not Registration.objects.exists()


def test_robots_and_floods_are_stopped(client, group, settings):
    response = sign_up(client, group, website="http://spam.example")
    assert response.status_code == 302 and not Registration.objects.exists()
    settings.GUICHET_SIGNUPS_PER_HOUR = 2
    sign_up(client, group, email="a@exemple.fr")
    sign_up(client, group, email="b@exemple.fr")
    response = sign_up(client, group, email="c@exemple.fr")
    assert response.status_code == 200 and "Réessayez dans une heure" in response.content.decode()
    assert "c@exemple.fr" in response.content.decode()
    assert Registration.objects.count() == 2


def test_closed_over_and_unpublished_groups_take_no_sign_up(client, organisation):
    closed = PeerGroupFactory(owner=organisation, published=True, is_open=False)
    over = PeerGroupFactory(owner=organisation, published=True, sessions=[timezone.now() - datetime.timedelta(days=3)])
    draft = PeerGroupFactory(owner=organisation)
    for group in (closed, over):
        response = sign_up(client, group)
        assert response.status_code == 200 and "Les inscriptions sont fermées" in response.content.decode()
    assert sign_up(client, draft).status_code == 404
    assert not Registration.objects.exists()
