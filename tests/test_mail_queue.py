"""Issue 17, point 4: mail down never means a 500 nor a lost e-mail. Every e-mail goes to a queue in the database
(django-mailer) in the same transaction as what it tells; the worker sends it, and tries again later when the server
refuses or does not answer."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from mailer.models import Message, MessageLog

import config.settings as project_settings
from annuaire.models import ContactRequest
from courriel import queue
from guichet.models import ErrorReport, User
from pairs import services as pairs_services
from pairs.enums import RegistrationStatus as Status
from pairs.models import Registration
from tests.annuaire.test_contact_requests import valid_data
from tests.factories import AnnouncementFactory, PeerGroupFactory, StructureFactory
from tests.onboarding.test_parcours import ANSWERS, set_answers

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    """The real server refuses: an SMTP error."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class UnreachableBackend(BaseEmailBackend):
    """The real server does not answer."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture(params=[RefusingBackend, UnreachableBackend], ids=["smtp-error", "connection-refused"])
def mail_down(request, settings):
    settings.EMAIL_BACKEND = project_settings.EMAIL_BACKEND  # the production path, not the tests' locmem
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.{request.param.__name__}"
    return settings


def run_worker(settings, *, after_minutes=0):
    """The worker, `after_minutes` from now."""
    now = timezone.now() + datetime.timedelta(minutes=after_minutes)
    return queue.send_queued(now)


def mail_comes_back(settings):
    """The server is down for the worker's first pass, then works again: the message goes out after the delay."""
    assert not mail.outbox
    call_command("send_queued_mail", stdout=StringIO())
    assert not mail.outbox and queue.failed().count() == Message.objects.count() > 0
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    run_worker(settings)  # too early: the first retry waits GUICHET_MAIL_RETRY_MINUTES
    assert not mail.outbox
    run_worker(settings, after_minutes=settings.GUICHET_MAIL_RETRY_MINUTES + 1)
    assert mail.outbox and not Message.objects.exists()
    return mail.outbox


def test_the_production_backend_is_the_queue():
    assert project_settings.EMAIL_BACKEND == "mailer.backend.DbBackend"
    assert project_settings.MAILER_EMAIL_BACKEND != project_settings.EMAIL_BACKEND
    assert project_settings.MAILER_EMAIL_LOG_MESSAGE_DATA is False


def test_contact_request_with_mail_down(client, organisation, mail_down):
    structure = StructureFactory(owner=organisation, published=True, name="Maison Bien-Être")
    url = reverse("annuaire:structure_contact_request", kwargs={"slug": structure.slug})
    response = client.post(url, valid_data(), follow=True)
    assert response.status_code == 200 and "Votre demande est envoyée" in response.content.decode()
    assert "vous allez recevoir un accusé de réception" in response.content.decode()
    request = ContactRequest.objects.get()
    assert request.message.startswith("Je suis en chimiothérapie") and request.email == "elle@exemple.fr"
    sent = mail_comes_back(mail_down)
    assert {m.subject for m in sent} == {
        "[Guichet unique] Nouvelle demande de mise en relation",
        "Votre demande au Guichet unique",
    }


def test_group_sign_up_with_mail_down(client, organisation, mail_down):
    group = PeerGroupFactory(owner=organisation, published=True, slug="reprendre", capacity=2)
    data = {"first_name": "Nadia", "email": "nadia@exemple.fr", "charter": "on", "consent": "on"}
    response = client.post(f"/groupes/{group.slug}/inscription/", data, follow=True)
    assert response.status_code == 200 and "Regardez votre boîte e-mail" in response.content.decode()
    assert Registration.objects.get().first_name == "Nadia"
    [message] = mail_comes_back(mail_down)
    assert message.subject == "Confirmez votre inscription — Guichet unique" and message.to == ["nadia@exemple.fr"]
    assert "/groupes/confirmer/" in message.body


def test_error_report_with_mail_down(organisation, mail_down):
    entry = AnnouncementFactory(owner=organisation, published=True, title="Délais de cotisations URSSAF")
    url = reverse("guichet:report_error", kwargs={"model_label": "guichet.announcement", "pk": entry.pk})
    response = Client().post(url, {"message": "Le numéro a changé.", "email": "", "website": ""}, follow=True)
    assert response.status_code == 200 and "Merci ! Votre signalement a bien été transmis" in response.content.decode()
    assert ErrorReport.objects.get().message == "Le numéro a changé."
    [message] = mail_comes_back(mail_down)
    assert message.subject == "[Guichet unique] Signalement sur « Délais de cotisations URSSAF »"
    assert "Le numéro a changé." in message.body


def test_send_parcours_with_mail_down(client, mail_down):
    set_answers(client, ANSWERS)
    response = client.post("/mon-parcours/envoyer/", {"email": "elle@exemple.fr"}, follow=True)
    assert response.status_code == 200
    [message] = mail_comes_back(mail_down)
    assert message.subject == "Votre parcours — Guichet unique" and message.to == ["elle@exemple.fr"]
    assert "/mon-parcours/?r=" in message.body


def test_account_sign_up_with_mail_down(client, mail_down):
    password = "un-mot-de-passe-long"
    response = client.post(
        "/compte/signup/", {"email": "entrepreneuse@exemple.fr", "password1": password, "password2": password}
    )
    assert response.status_code == 302
    assert User.objects.filter(email="entrepreneuse@exemple.fr").exists()
    [message] = mail_comes_back(mail_down)
    assert message.subject == "Confirmez votre adresse e-mail — Guichet unique"
    assert "/compte/confirm-email/" in message.body


def test_release_group_holds_with_mail_down_promotes_and_the_offer_follows(organisation, people, mail_down):
    group = PeerGroupFactory(owner=organisation, published=True, capacity=1)
    now = timezone.now()
    by = people.coordinator  # offered a place at once (a sign-up from the form waits for her confirmation)
    first = pairs_services.sign_up(group, first_name="Awa", email="awa@exemple.fr", now=now, added_by=by)
    second = pairs_services.sign_up(group, first_name="Bea", email="bea@exemple.fr", now=now, added_by=by)
    assert (first.status, second.status) == (Status.PENDING, Status.WAITING)
    Message.objects.all().delete()

    later = now + datetime.timedelta(hours=mail_down.GUICHET_GROUP_HOLD_HOURS, minutes=1)
    assert pairs_services.release_expired_holds(now=later) == 1
    second.refresh_from_db()
    assert second.status == Status.PENDING and second.hold_expires_at > later
    subjects = mail_comes_back(mail_down)
    assert {m.subject for m in subjects} == {
        "Une place s'est libérée — Guichet unique",
        "Votre inscription n'a pas été confirmée à temps — Guichet unique",
    }


def test_retries_back_off_then_give_up_and_show_on_the_desk(client, people, settings):
    settings.EMAIL_BACKEND = project_settings.EMAIL_BACKEND
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    settings.GUICHET_MAIL_MAX_RETRIES = 3
    mail.send_mail("Votre inscription — Guichet unique", "Bonjour", None, ["nadia@exemple.fr"])
    tries = []
    for minutes in range(0, 60):
        before = MessageLog.objects.count()
        run_worker(settings, after_minutes=minutes)
        if MessageLog.objects.count() > before:
            tries.append(minutes)
    assert tries == [0, 5, 15, 35]  # the delay doubles; three retries, then it waits for a person
    assert queue.given_up().count() == 1
    assert not MessageLog.objects.exclude(message_data=None).exists()  # the log keeps no content
    assert set(MessageLog.objects.values_list("log_message", flat=True)) == {"SMTPServerDisconnected"}

    client.force_login(people.coordinator)
    html = client.get("/admin/").content.decode()
    assert "1 e-mail non envoyé" in html and reverse("admin:courriel_failedmessage_changelist") in html
    listing = client.get(reverse("admin:courriel_failedmessage_changelist")).content.decode()
    assert "n…@exemple.fr" in listing and "nadia@exemple.fr" not in listing and "abandonné" in listing

    message = Message.objects.get()
    client.post(
        reverse("admin:courriel_failedmessage_changelist"),
        {"action": "retry_now", "_selected_action": [message.pk]},
    )
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    run_worker(settings, after_minutes=60)
    assert [m.subject for m in mail.outbox] == ["Votre inscription — Guichet unique"]


def test_sent_messages_leave_no_content_and_old_failures_are_deleted(settings):
    settings.EMAIL_BACKEND = project_settings.EMAIL_BACKEND
    settings.MAILER_EMAIL_BACKEND = LOCMEM
    mail.send_mail("Votre parcours — Guichet unique", "Phase : en traitement", None, ["elle@exemple.fr"])
    run_worker(settings)
    assert len(mail.outbox) == 1 and not Message.objects.exists()
    assert not MessageLog.objects.exclude(message_data=None).exists()
    MessageLog.objects.update(message_data="reste d'une ancienne version")
    settings.MAILER_EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    settings.GUICHET_MAIL_MAX_RETRIES = 1
    mail.send_mail("Votre parcours — Guichet unique", "Phase : en traitement", None, ["elle@exemple.fr"])
    run_worker(settings)
    run_worker(settings, after_minutes=6)
    assert queue.given_up().count() == 1 and not MessageLog.objects.exclude(message_data=None).exists()
    call_command("purge_personal_data", stdout=StringIO())
    assert Message.objects.count() == 1  # kept a while for the coordinator to see it
    run_worker(settings, after_minutes=queue.FAILED_RETENTION_DAYS * 24 * 60 + 1)
    assert not Message.objects.exists() and not MessageLog.objects.exists()
