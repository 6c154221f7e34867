"""The send_alerts digest: published changes only, one message per alert per run, never twice, and the cleanup."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alertes import services
from alertes.models import Alert
from guichet.enums import EditorialStatus
from tests.alertes.helpers import follow_and_confirm, link_in, path_of
from tests.factories import AidFactory, EventFactory, PeerGroupFactory
from tests.pairs.helpers import take
from tests.test_cron_locks import held_by_another_server

pytestmark = pytest.mark.django_db


def run():
    output = StringIO()
    call_command("send_alerts", stdout=output)
    return output.getvalue()


@pytest.fixture
def aid():
    return AidFactory(published=True, title="Indemnités journalières", amount="22 € par jour", amount_year=2026)


def test_a_published_amount_change_yields_exactly_one_message_then_none(client, aid):
    follow_and_confirm(client, aid)
    mail.outbox.clear()
    run()
    assert mail.outbox == []  # nothing changed yet

    aid.amount = "25 € par jour"
    aid.save()
    run()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Du nouveau sur le Guichet unique"
    assert "Indemnités journalières" in message.body
    assert "Le montant a changé." in message.body
    assert aid.get_absolute_url() in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/alertes/desinscription/" in message.extra_headers["List-Unsubscribe"]
    assert "/alertes/desinscription/" in link_in(message, "/alertes/desinscription/")

    run()
    assert len(mail.outbox) == 1


def test_subjects_carry_no_health_word(client, aid):
    follow_and_confirm(client, aid)
    aid.amount = "25 € par jour"
    aid.save()
    run()
    for message in mail.outbox:
        for word in ("cancer", "santé", "maladie", "traitement", "sein", "indemnités"):
            assert word not in message.subject.lower()


def test_a_draft_or_a_verification_is_not_a_change(client, aid):
    follow_and_confirm(client, aid)
    mail.outbox.clear()
    aid.reviewed_at = timezone.now()
    aid.summary = "Un autre résumé."
    aid.save()
    run()
    assert mail.outbox == []


def test_an_archived_aid_is_told(client, aid):
    follow_and_confirm(client, aid)
    mail.outbox.clear()
    aid.status = EditorialStatus.ARCHIVED
    aid.save()
    run()
    assert len(mail.outbox) == 1
    assert "n'est plus publiée" in mail.outbox[0].body


def test_several_changes_are_one_message(client, aid):
    follow_and_confirm(client, aid)
    mail.outbox.clear()
    aid.amount = "25 € par jour"
    aid.save()
    aid.conditions = "12 mois d'affiliation"
    aid.save()
    run()
    assert len(mail.outbox) == 1
    assert "Le montant a changé." in mail.outbox[0].body
    assert "Les conditions ont changé." in mail.outbox[0].body


def test_weekly_alerts_wait_a_week(client, aid):
    alert = follow_and_confirm(client, aid, rhythm="hebdo")
    mail.outbox.clear()
    aid.amount = "25 € par jour"
    aid.save()
    run()
    assert mail.outbox == []
    services.run(now=alert.last_digest_at + datetime.timedelta(days=7, minutes=1))
    assert len(mail.outbox) == 1


def test_an_event_date_change_is_told(client):
    event = EventFactory(published=True, title="Atelier prévoyance")
    follow_and_confirm(client, event)
    mail.outbox.clear()
    event.starts_at += datetime.timedelta(days=1)
    event.ends_at += datetime.timedelta(days=1)
    event.save()
    run()
    assert len(mail.outbox) == 1
    assert "La date ou l'heure de début a changé." in mail.outbox[0].body


def test_a_place_freed_in_a_followed_full_group(client):
    group = PeerGroupFactory(published=True, capacity=1)
    registration = take(group, first_name="Anne", email="anne@exemple.fr")
    follow_and_confirm(client, group)
    mail.outbox.clear()
    run()
    assert mail.outbox == []
    registration.delete()
    mail.outbox.clear()
    run()
    to_her = [message for message in mail.outbox if message.to == ["elle@exemple.fr"]]
    assert len(to_her) == 1
    assert "Une place s'est libérée" in to_her[0].body


def test_nothing_sent_twice_when_two_runs_read_the_same_alerts(client, aid):
    """Two servers past the lock (or a lock lost): each alert is claimed once, by moving its last digest date."""
    follow_and_confirm(client, aid)
    mail.outbox.clear()
    aid.amount = "25 € par jour"
    aid.save()
    now = timezone.now()
    first, second = list(Alert.objects.all()), list(Alert.objects.all())
    assert services.send_digest(first[0], now=now) is True
    assert services.send_digest(second[0], now=now) is False
    assert len(mail.outbox) == 1


def test_a_run_does_nothing_while_another_server_runs_it(client, aid):
    follow_and_confirm(client, aid)
    mail.outbox.clear()
    aid.amount = "25 € par jour"
    aid.save()
    with held_by_another_server("command:send_alerts"):
        assert "déjà en cours" in run()
    assert mail.outbox == []
    run()
    assert len(mail.outbox) == 1


def test_unconfirmed_alerts_are_deleted_after_seven_days(client, aid):
    client.post(f"/alertes/suivre/ressources.aid/{aid.pk}/", {"email": "elle@exemple.fr", "rhythm": "immediat"})
    services.run(now=timezone.now() + datetime.timedelta(days=6))
    assert Alert.objects.exists()
    services.run(now=timezone.now() + datetime.timedelta(days=7, minutes=1))
    assert not Alert.objects.exists()


def test_renewal_asked_at_eleven_months_and_deletion_at_twelve(client, aid):
    alert = follow_and_confirm(client, aid)
    mail.outbox.clear()
    start = alert.last_confirmed_at
    services.run(now=start + datetime.timedelta(days=336))
    services.run(now=start + datetime.timedelta(days=337))
    assert len(mail.outbox) == 1  # asked once
    message = mail.outbox[0]
    assert message.subject == "Souhaitez-vous continuer à recevoir nos alertes ?"
    assert "/alertes/desinscription/" in message.extra_headers["List-Unsubscribe"]
    services.run(now=start + datetime.timedelta(days=366))
    assert not Alert.objects.exists()


def test_renewing_keeps_the_alert(client, aid):
    alert = follow_and_confirm(client, aid)
    mail.outbox.clear()
    start = alert.last_confirmed_at
    with mock.patch("django.utils.timezone.now", return_value=start + datetime.timedelta(days=336)):
        services.run()
    confirm = path_of(link_in(mail.outbox[0], "/alertes/confirmer/"))
    with mock.patch("django.utils.timezone.now", return_value=start + datetime.timedelta(days=340)):
        client.post(confirm)
    services.run(now=start + datetime.timedelta(days=366))
    assert Alert.objects.filter(pk=alert.pk).exists()


def test_a_followed_structure_tells_her_its_new_hours_in_french(client):
    from tests.factories import StructureFactory

    structure = StructureFactory(published=True, name="Espace ressources", opening_hours="Mo-Fr 09:00-12:00")
    page = client.get(structure.get_absolute_url()).content.decode()
    assert f'href="/alertes/suivre/annuaire.structure/{structure.pk}/"' in page
    follow_and_confirm(client, structure)
    mail.outbox.clear()
    structure.opening_hours = "Mo-Fr 09:00-12:00; We 14:00-17:00"
    structure.phone = "04 00 00 00 00"
    structure.save()
    run()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Les horaires ont changé." in body
    assert "Désormais :" in body and "14 h" in body and "We 14:00" not in body
    assert "Le numéro de téléphone a changé." in body
