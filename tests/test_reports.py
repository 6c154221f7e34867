import pytest
from django.test import Client
from django.urls import reverse

from guichet.models import ErrorReport
from tests.factories import AnnouncementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(organisation):
    return AnnouncementFactory(owner=organisation, published=True, title="Délais de cotisations URSSAF")


def report_url(entry):
    return reverse("guichet:report_error", kwargs={"model_label": "guichet.announcement", "pk": entry.pk})


def test_every_detail_page_carries_the_report_form(client, entry):
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "Signaler une information erronée ou périmée" in html
    assert f'action="{report_url(entry)}"' in html
    # No per-visitor token: the page can be shared by the page cache (the form is CSRF-exempt, see the view).
    assert "csrfmiddlewaretoken" not in html


def test_a_report_is_stored_and_emailed_to_the_coordinator(
    entry, mailoutbox, settings, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            report_url(entry),
            {"message": "Le numéro de téléphone a changé.", "email": "visiteuse@exemple.fr", "website": ""},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == entry.get_absolute_url()
    assert "Merci ! Votre signalement a bien été transmis" in response.content.decode()

    report = ErrorReport.objects.get()
    assert report.entry == entry
    assert report.message == "Le numéro de téléphone a changé."
    assert report.email == "visiteuse@exemple.fr"
    assert report.entry_url.endswith(entry.get_absolute_url())
    assert len(report.fingerprint) == 32 and "127.0.0.1" not in report.fingerprint

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [settings.GUICHET_COORDINATOR_EMAIL]
    assert mail.subject == "[Guichet unique] Signalement sur « Délais de cotisations URSSAF »"
    assert "Le numéro de téléphone a changé." in mail.body
    assert "Elle souhaite une réponse à : visiteuse@exemple.fr" in mail.body
    assert f"/admin/guichet/errorreport/{report.pk}/change/" in mail.body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"message": "", "email": ""}, "message", "Décrivez en quelques mots"),
        ({"message": "  ", "email": ""}, "message", "Décrivez en quelques mots"),
        ({"message": "ok", "email": ""}, "message", "trop court"),
        ({"message": "x" * 3001, "email": ""}, "message", "trop long"),
        ({"message": "Le montant est faux.", "email": "pas-une-adresse"}, "email", "pas valide, par exemple"),
    ],
)
def test_bad_input_gets_a_french_error_next_to_the_field_and_keeps_what_was_typed(
    client, entry, mailoutbox, data, field, message
):
    response = client.post(report_url(entry), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert f'aria-describedby="id_{field}_helptext id_{field}_error"' in html
    if data["email"]:
        assert f'value="{data["email"]}"' in html
    if data["message"].strip():
        assert data["message"][:50] in html
    assert ErrorReport.objects.count() == 0
    assert mailoutbox == []


def test_hostile_input_is_escaped_and_stored_as_text(client, entry, mailoutbox):
    hostile = '<script>alert("x")</script> et \x00 du texte'
    response = client.post(report_url(entry), {"message": hostile, "email": ""})
    # A NUL character is refused by Django's CharField: a clear error, never a 500.
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    response = client.post(report_url(entry), {"message": '<script>alert("x")</script>', "email": ""})
    assert response.status_code == 302
    assert ErrorReport.objects.get().message == '<script>alert("x")</script>'


def test_robots_filling_the_honeypot_are_thanked_but_nothing_is_stored(client, entry, mailoutbox):
    response = client.post(
        report_url(entry), {"message": "Achetez nos produits", "email": "", "website": "http://spam.example"}
    )
    assert response.status_code == 302
    assert ErrorReport.objects.count() == 0
    assert mailoutbox == []


def test_reports_are_rate_limited_per_address(client, entry, mailoutbox, settings):
    settings.GUICHET_REPORTS_PER_HOUR = 2
    for number in range(2):
        assert client.post(report_url(entry), {"message": f"Erreur numéro {number}"}).status_code == 302
    response = client.post(report_url(entry), {"message": "Encore une erreur"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "réessayez dans une heure" in html
    assert "Encore une erreur" in html
    assert ErrorReport.objects.count() == 2
    # Another address is not affected.
    assert client.post(report_url(entry), {"message": "Autre erreur"}, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_only_published_editorial_entries_can_be_reported(client, organisation, people):
    draft = AnnouncementFactory(owner=organisation)
    assert client.post(report_url(draft), {"message": "Texte assez long"}).status_code == 404
    for label, pk in [("guichet.user", people.coordinator.pk), ("nimporte.quoi", 1), ("pasdepoint", 1)]:
        url = reverse("guichet:report_error", kwargs={"model_label": label, "pk": pk})
        assert client.post(url, {"message": "Texte assez long"}).status_code == 404
    assert ErrorReport.objects.count() == 0


def test_reports_reach_the_coordinator_not_the_operators(client, entry, people):
    client.post(report_url(entry), {"message": "Le lien officiel ne marche plus."})
    report = ErrorReport.objects.get()
    change = reverse("admin:guichet_errorreport_change", args=[report.pk])
    client.force_login(people.owner_operator)
    assert client.get(change).status_code == 403
    client.force_login(people.coordinator)
    response = client.get(change)
    assert response.status_code == 200
    assert "Le lien officiel ne marche plus." in response.content.decode()


def test_purge_clears_fingerprints_after_a_day_and_handled_reports_after_retention(entry, settings):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    now = timezone.now()
    old = ErrorReport.objects.create(
        entry=entry, entry_title="x", entry_url="/", message="Ancien", fingerprint="a" * 32, handled_at=now
    )
    ErrorReport.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=2))
    expired = ErrorReport.objects.create(
        entry=entry,
        entry_title="x",
        entry_url="/",
        message="Traité il y a longtemps",
        handled_at=now - timedelta(days=settings.GUICHET_REPORT_RETENTION_DAYS + 1),
    )
    fresh = ErrorReport.objects.create(
        entry=entry, entry_title="x", entry_url="/", message="Récent", fingerprint="b" * 32
    )

    call_command("purge_personal_data", stdout=StringIO())

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.fingerprint == ""
    assert fresh.fingerprint == "b" * 32
    assert not ErrorReport.objects.filter(pk=expired.pk).exists()
