"""Content stays current: one-click confirmation, grouped reminders sent once, the stale label on public pages."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from guichet.models import StatusChange
from tests.factories import AidFactory, EventFactory, SheetFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def days_ago(n):
    return timezone.now() - datetime.timedelta(days=n)


def test_the_public_page_warns_when_an_entry_is_long_overdue(client, organisation, settings):
    settings.GUICHET_REVIEW_AFTER_DAYS, settings.GUICHET_OUTDATED_GRACE_DAYS = 182, 61
    fresh = AidFactory(owner=organisation, published=True, reviewed_at=days_ago(100))
    due = AidFactory(owner=organisation, published=True, reviewed_at=days_ago(200))  # "à actualiser", no label yet
    old = AidFactory(owner=organisation, published=True, reviewed_at=days_ago(300))
    never = StructureFactory(owner=organisation, published=True, reviewed_at=None)
    assert "Information ancienne" not in client.get(fresh.get_absolute_url()).content.decode()
    assert "Information ancienne" not in client.get(due.get_absolute_url()).content.decode()
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Information ancienne, à vérifier." in html and "Vérifiée par l'équipe pour la dernière fois le" in html
    html = client.get(never.get_absolute_url()).content.decode()
    assert "Pas encore vérifiée par l'équipe." in html and "Information ancienne" not in html


def test_a_source_date_is_never_called_a_verification(client, organisation):
    sourced = dict(source_url="https://www.service-public.fr/page", source_date=datetime.date(2015, 9, 27))
    never = StructureFactory(owner=organisation, published=True, reviewed_at=None, **sourced)
    html = client.get(never.get_absolute_url()).content.decode()
    assert "Source datée du 27 septembre 2015" in html
    assert "pas encore vérifiée par l'équipe" in html and "Pas encore vérifiée par l'équipe." in html
    assert "vérifiée le 27 septembre 2015" not in html.lower() and "Information ancienne" not in html
    checked = AidFactory(owner=organisation, published=True, reviewed_at=days_ago(3), **sourced)
    html = client.get(checked.get_absolute_url()).content.decode()
    assert "Source datée du 27 septembre 2015" in html
    assert f"vérifiée le {timezone.localdate(checked.reviewed_at):%-d} " in html and "par l'équipe" in html
    assert "Pas encore vérifiée" not in html
    # A fictitious entry says it is fictitious, not that it waits for a verification.
    demo = EventFactory(owner=organisation, published=True, reviewed_at=None, is_demo=True)
    html = client.get(demo.get_absolute_url()).content.decode()
    assert "Événement fictif" in html and "Pas encore vérifiée par l'équipe." not in html


def test_one_click_confirms_that_an_entry_is_up_to_date(client, people, organisation):
    sheet = SheetFactory(owner=organisation, published=True, reviewed_at=days_ago(400), title="Fiche", slug="fiche")
    client.force_login(people.owner_operator)
    url = reverse("admin:ressources_sheet_change", args=[sheet.pk])
    assert "Enregistrer et confirmer que c" in client.get(url).content.decode()
    data = {
        "title": "Fiche",
        "slug": "fiche",
        "summary": sheet.summary,
        "body": "",
        "owner": organisation.pk,
        "source_url": "",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
        "_confirm_up_to_date": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    sheet.refresh_from_db()
    assert timezone.localdate(sheet.reviewed_at) == timezone.localdate()
    assert StatusChange.objects.filter(object_id=sheet.pk, note="Informations confirmées à jour.").exists()


def test_reminders_one_email_per_operator_a_summary_and_never_twice(organisation, other_organisation, settings):
    amina = UserFactory(operator=True, organisations=[organisation], email="amina@exemple.fr")
    berthe = UserFactory(operator=True, organisations=[organisation], email="berthe@exemple.fr")
    UserFactory(operator=True, organisations=[other_organisation], email="chloe@exemple.fr")  # nothing stale
    AidFactory(owner=organisation, published=True, title="Aide ancienne", reviewed_at=days_ago(200))
    SheetFactory(owner=organisation, title="Fiche jamais vérifiée", reviewed_at=None)
    EventFactory(owner=organisation, published=True, title="Permanence ancienne", reviewed_at=days_ago(190))
    AidFactory(owner=organisation, published=True, title="Aide récente", reviewed_at=days_ago(10))
    AidFactory(owner=other_organisation, published=True, title="Aide de l'autre", reviewed_at=days_ago(10))
    AidFactory(owner=organisation, status="archive", title="Archivée", reviewed_at=days_ago(900))

    out = StringIO()
    call_command("remind_stale_entries", stdout=out)
    assert "2 opératrice(s) prévenue(s)" in out.getvalue()
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {amina.email, berthe.email, settings.GUICHET_COORDINATOR_EMAIL}
    body = by_recipient[amina.email].body
    for title in ("Aide ancienne", "Fiche jamais vérifiée", "Permanence ancienne"):
        assert title in body
    assert "Aide récente" not in body and "Archivée" not in body and "/admin/" in body
    assert by_recipient[amina.email].subject == "Des informations à actualiser — Guichet unique"
    assert f"{organisation.name} : 3" in by_recipient[settings.GUICHET_COORDINATOR_EMAIL].body

    # Twice a day from cron: nothing new.
    call_command("remind_stale_entries", stdout=StringIO())
    assert len(mail.outbox) == 3


def test_a_failed_sending_is_tried_again(organisation, monkeypatch, settings):
    UserFactory(operator=True, organisations=[organisation], email="amina@exemple.fr")
    AidFactory(owner=organisation, published=True, reviewed_at=None)

    def broken(*args, **kwargs):
        raise ConnectionError("serveur de courrier indisponible")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with pytest.raises(ConnectionError):
        call_command("remind_stale_entries", stdout=StringIO())
    monkeypatch.undo()
    call_command("remind_stale_entries", stdout=StringIO())
    assert {m.to[0] for m in mail.outbox} == {"amina@exemple.fr", settings.GUICHET_COORDINATOR_EMAIL}
