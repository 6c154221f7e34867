"""Reminders the day before, sent once; anonymisation after the group ends; the privacy page says so."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from pairs import services
from pairs.enums import RegistrationStatus as Status
from pairs.models import Registration
from tests.factories import PeerGroupFactory

pytestmark = pytest.mark.django_db


def tomorrow_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_reminders_go_to_confirmed_participants_once(organisation, django_capture_on_commit_callbacks):
    group = PeerGroupFactory(
        owner=organisation, published=True, sessions=[tomorrow_at(18), tomorrow_at(18) + datetime.timedelta(days=14)]
    )
    for email in ("a@exemple.fr", "b@exemple.fr", "c@exemple.fr"):
        services.sign_up(group, first_name=email[0], email=email)
    for email in ("a@exemple.fr", "b@exemple.fr"):
        services.confirm(Registration.objects.get(email=email))
    services.cancel(Registration.objects.get(email="b@exemple.fr"))
    mail.outbox.clear()

    out = StringIO()
    call_command("remind_group_sessions", stdout=out)
    assert "1 rappel(s) envoyé(s)" in out.getvalue()
    [reminder] = mail.outbox
    assert reminder.to == ["a@exemple.fr"]
    assert reminder.subject == "Rappel : rendez-vous demain — Guichet unique"
    assert "de 18 h à 20 h" in reminder.body and "/groupes/annuler/" in reminder.body
    assert "Deuxième étage, code 1234." in reminder.body

    call_command("remind_group_sessions", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_a_failed_sending_is_retried_next_time(organisation, monkeypatch):
    group = PeerGroupFactory(owner=organisation, published=True, sessions=[tomorrow_at(10)])
    services.confirm(services.sign_up(group, first_name="A", email="a@exemple.fr"))
    mail.outbox.clear()

    def broken(self, *args, **kwargs):
        raise ConnectionError("serveur de courrier indisponible")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(ConnectionError):
        services.send_reminders()
    monkeypatch.undo()
    assert services.send_reminders() == 1


def test_sign_ups_are_anonymised_months_after_the_last_session(organisation, settings):
    settings.GUICHET_GROUP_RETENTION_DAYS = 92
    old = PeerGroupFactory(owner=organisation, published=True, sessions=[timezone.now() - datetime.timedelta(days=100)])
    recent = PeerGroupFactory(
        owner=organisation, published=True, sessions=[timezone.now() - datetime.timedelta(days=30)]
    )
    for group in (old, recent):
        registration = Registration.objects.create(
            group=group,
            first_name="Nadia",
            email=f"n{group.pk}@exemple.fr",
            phone="0612345678",
            expectations="Parler.",
            status=Status.CONFIRMED,
            consented_at=timezone.now(),
        )
    out = StringIO()
    call_command("anonymise_group_registrations", stdout=out)
    assert "1 inscription(s) anonymisée(s)" in out.getvalue()
    gone = Registration.objects.get(group=old)
    assert (gone.first_name, gone.email, gone.phone, gone.expectations) == ("", "", "", "")
    assert gone.status == Status.CONFIRMED and gone.anonymised_at  # still counted
    assert Registration.objects.get(group=recent).email == f"n{recent.pk}@exemple.fr"
    assert registration  # the recent one is untouched
    call_command("anonymise_group_registrations", stdout=StringIO())
    assert Registration.objects.filter(anonymised_at__isnull=False).count() == 1


def test_privacy_page_states_the_retention(client, settings):
    settings.GUICHET_GROUP_RETENTION_DAYS = 92
    html = client.get("/confidentialite/").content.decode()
    assert "groupes de pairs" in html.lower() and "92 jours" in html
