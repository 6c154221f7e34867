"""Issue 17, point 7: retention complete. Requests in every state anonymised after their period, unhandled error
reports deleted after a longer one, the admin's log entries anonymised with their record; and signing up with an
address that has an account is not told apart from a new sign-up."""

import datetime
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from annuaire.contact import ContactRequest, RequestState
from guichet.models import ErrorReport, User
from pairs import services
from pairs.enums import RegistrationStatus as Status
from pairs.models import Registration
from tests.annuaire.test_contact_requests import make_request
from tests.factories import AnnouncementFactory, PeerGroupFactory, StructureFactory, UserFactory

pytestmark = pytest.mark.django_db


def log(user, obj, message):
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj),
        action_flag=CHANGE,
        change_message=message,
    )


@pytest.mark.parametrize("state", [RequestState.NEW, RequestState.IN_PROGRESS, RequestState.ORIENTED])
def test_requests_left_open_are_anonymised_after_the_period_with_their_log(state, settings, people, organisation):
    extra = {"oriented_to": StructureFactory(owner=organisation)} if state == RequestState.ORIENTED else {}
    old = make_request(state=state, phone="0612345678", internal_notes="Rappeler Nadia Benali", **extra)
    recent = make_request(state=state, **extra)
    long_ago = timezone.now() - datetime.timedelta(days=settings.GUICHET_REQUEST_RETENTION_DAYS + 1)
    ContactRequest.objects.filter(pk=old.pk).update(created_at=long_ago, updated_at=long_ago)
    entry = log(people.coordinator, old, '[{"changed": {"fields": ["notes internes"]}}] Nadia Benali')

    call_command("anonymise_contact_requests", stdout=StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.message, old.phone, old.internal_notes) == ("", "", "") and old.anonymised_at
    assert old.state == state  # still counted
    assert recent.message and recent.anonymised_at is None
    entry.refresh_from_db()
    assert "Nadia" not in entry.object_repr + entry.change_message and entry.user == people.coordinator


def test_unhandled_reports_are_deleted_after_a_longer_period(organisation, settings):
    entry = AnnouncementFactory(owner=organisation, published=True)
    now = timezone.now()

    def report(days_old):
        created = ErrorReport.objects.create(entry=entry, entry_title="x", entry_url="/", message="Erreur")
        ErrorReport.objects.filter(pk=created.pk).update(created_at=now - datetime.timedelta(days=days_old))
        return created.pk

    kept = report(settings.GUICHET_REPORT_RETENTION_DAYS + 10)  # unhandled: kept longer than a handled one
    gone = report(settings.GUICHET_REPORT_UNHANDLED_RETENTION_DAYS + 1)
    assert settings.GUICHET_REPORT_UNHANDLED_RETENTION_DAYS > settings.GUICHET_REPORT_RETENTION_DAYS
    call_command("purge_personal_data", stdout=StringIO())
    assert set(ErrorReport.objects.values_list("pk", flat=True)) == {kept}
    assert gone != kept


def test_anonymised_sign_ups_leave_no_name_in_the_admin_log(client, organisation, people, settings):
    group = PeerGroupFactory(
        owner=organisation, published=True, sessions=[timezone.now() - datetime.timedelta(days=100)]
    )
    registration = Registration.objects.create(
        group=group, first_name="Nadia", email="n@exemple.fr", status=Status.CONFIRMED, consented_at=timezone.now()
    )
    entry = log(people.coordinator, registration, '[{"changed": {"fields": ["Prénom"]}}] Nadia')
    settings.GUICHET_GROUP_RETENTION_DAYS = 92
    call_command("anonymise_group_registrations", stdout=StringIO())
    entry.refresh_from_db()
    assert "Nadia" not in entry.object_repr and "Nadia" not in entry.change_message
    client.force_login(people.coordinator)
    assert "Nadia" not in client.get("/admin/").content.decode()  # "Mes actions"


def test_unconfirmed_sign_ups_erased_at_expiry_leave_no_name_in_the_admin_log(client, organisation, people, settings):
    group = PeerGroupFactory(owner=organisation, published=True)
    client.post(
        f"/groupes/{group.slug}/inscription/",
        {"first_name": "Nadia", "email": "n@exemple.fr", "charter": "on", "consent": "on"},
    )
    registration = Registration.objects.get()
    entry = log(people.coordinator, registration, "Nadia")
    later = timezone.now() + datetime.timedelta(hours=settings.GUICHET_GROUP_HOLD_HOURS + 1)
    services.release_expired_holds(now=later)
    entry.refresh_from_db()
    assert "Nadia" not in entry.object_repr + entry.change_message


def test_signing_up_with_an_existing_address_looks_and_costs_the_same(client, monkeypatch):
    UserFactory(email="entrepreneuse@exemple.fr")
    hashes = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        hashes.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    password = "un-mot-de-passe-long"
    answers = []
    for email in ("entrepreneuse@exemple.fr", "nouvelle@exemple.fr"):
        hashes.clear()
        response = client.post("/compte/signup/", {"email": email, "password1": password, "password2": password})
        answers.append((response.status_code, response["Location"], len(hashes)))
        client.logout()
    assert answers[0] == answers[1]  # same page, same number of password hashes (the slow part)
    assert answers[0][2] >= 1
    assert User.objects.filter(email="nouvelle@exemple.fr").exists()
    assert User.objects.filter(email__iexact="entrepreneuse@exemple.fr").count() == 1
    assert len(mail.outbox) == 2  # the owner of the existing account is told, the new one gets her link
