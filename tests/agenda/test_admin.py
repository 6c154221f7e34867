"""Operators enter their organisation's events, cancel or move one date, duplicate, import; nothing more."""

import datetime

import pytest
import tablib
from django.urls import reverse
from django.utils import timezone

from agenda.models import Event
from agenda.resources import EventResource
from guichet.enums import EditorialStatus
from tests.factories import EventFactory, _departement

pytestmark = pytest.mark.django_db


def form_data(organisation, **overrides):
    start = timezone.localtime() + datetime.timedelta(days=3)
    data = {
        "title": "Permanence juridique",
        "slug": "permanence-juridique",
        "kind": "permanence",
        "summary": "Un juriste répond à vos questions.",
        "description": "",
        "organiser_name": "Association organisatrice",
        "mode": "sur-place",
        "city": "Toulon",
        "postal_code": "83000",
        "departement": _departement("83").pk,
        "starts_at_0": start.strftime("%d/%m/%Y"),
        "starts_at_1": "14:00",
        "ends_at_0": start.strftime("%d/%m/%Y"),
        "ends_at_1": "17:00",
        "repeat": "hebdomadaire",
        "repeat_interval": "1",
        "repeat_until": (start + datetime.timedelta(days=21)).strftime("%d/%m/%Y"),
        "is_free": "on",
        "registration": "libre",
        "owner": organisation.pk,
        "status": "a-relire",
        "occurrences-TOTAL_FORMS": "0",
        "occurrences-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_an_operator_enters_a_recurring_permanence_as_a_draft_for_review(client, people, organisation):
    client.force_login(people.owner_operator)
    response = client.post(reverse("admin:agenda_event_add"), form_data(organisation))
    assert response.status_code == 302, response.content.decode()[-2000:]
    event = Event.objects.get(slug="permanence-juridique")
    assert event.owner == organisation and event.status == EditorialStatus.REVIEW
    assert event.occurrences.count() == 4
    assert all(timezone.localtime(o.starts_at).hour == 14 for o in event.occurrences.all())


def test_bad_input_in_the_admin_form_is_explained_next_to_the_field(client, people, organisation):
    client.force_login(people.owner_operator)
    response = client.post(
        reverse("admin:agenda_event_add"),
        form_data(organisation, ends_at_1="13:00", city="", registration="inscription", organiser_name=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "La fin doit venir après le début.",
        "Indiquez la commune du lieu.",
        "Indiquez un lien ou un téléphone",
        "Choisissez l&#x27;organisateur",
    ):
        assert message in html, message
    assert 'value="Permanence juridique"' in html
    assert not Event.objects.exists()


def test_cancel_or_move_one_date_from_the_event_page(client, people, organisation):
    event = EventFactory(
        owner=organisation, repeat="hebdomadaire", repeat_until=timezone.localdate() + datetime.timedelta(days=21)
    )
    first, second = event.occurrences.order_by("starts_at")[:2]
    client.force_login(people.owner_operator)
    url = reverse("admin:agenda_event_change", args=[event.pk])
    page = client.get(url).content.decode()
    assert "prochaines dates" in page.lower()
    data = form_data(
        organisation,
        title=event.title,
        slug=event.slug,
        city="Marseille",
        postal_code="13001",
        departement=_departement("13").pk,
        status="brouillon",
    )
    local = timezone.localtime(event.starts_at)
    data.update(
        {
            "starts_at_0": local.strftime("%d/%m/%Y"),
            "starts_at_1": local.strftime("%H:%M"),
            "ends_at_0": local.strftime("%d/%m/%Y"),
            "ends_at_1": timezone.localtime(event.ends_at).strftime("%H:%M"),
            "repeat_until": (timezone.localdate() + datetime.timedelta(days=21)).strftime("%d/%m/%Y"),
        }
    )
    occurrences = list(event.occurrences.order_by("starts_at"))
    data.update({"occurrences-TOTAL_FORMS": str(len(occurrences)), "occurrences-INITIAL_FORMS": str(len(occurrences))})
    for i, occurrence in enumerate(occurrences):
        start, end = timezone.localtime(occurrence.starts_at), timezone.localtime(occurrence.ends_at)
        data.update(
            {
                f"occurrences-{i}-id": occurrence.pk,
                f"occurrences-{i}-event": event.pk,
                f"occurrences-{i}-starts_at_0": start.strftime("%d/%m/%Y"),
                f"occurrences-{i}-starts_at_1": start.strftime("%H:%M"),
                f"occurrences-{i}-ends_at_0": end.strftime("%d/%m/%Y"),
                f"occurrences-{i}-ends_at_1": end.strftime("%H:%M"),
                f"occurrences-{i}-note": "",
            }
        )
    data["occurrences-0-is_cancelled"] = "on"
    data["occurrences-1-starts_at_1"] = "10:00"
    data["occurrences-1-ends_at_1"] = "12:00"
    data["occurrences-1-note"] = "Exceptionnellement le matin"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_cancelled and not first.is_moved
    assert second.is_moved and timezone.localtime(second.starts_at).hour == 10
    assert second.note == "Exceptionnellement le matin"
    # The others are untouched.
    assert event.occurrences.filter(is_cancelled=False, is_moved=False).count() == len(occurrences) - 2


def test_operators_of_another_organisation_see_nothing(client, people, organisation):
    event = EventFactory(owner=organisation)
    client.force_login(people.other_operator)
    assert event.title not in client.get(reverse("admin:agenda_event_changelist")).content.decode()
    assert client.get(reverse("admin:agenda_event_change", args=[event.pk])).status_code == 302
    client.force_login(people.coordinator)
    assert event.title in client.get(reverse("admin:agenda_event_changelist")).content.decode()


def test_duplicate_makes_a_draft_copy(client, people, organisation):
    event = EventFactory(owner=organisation, published=True, themes=["bien-etre"], phases=["traitement"])
    client.force_login(people.owner_operator)
    response = client.post(
        reverse("admin:agenda_event_changelist"), {"action": "duplicate", "_selected_action": [event.pk]}
    )
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("admin:agenda_event_change", args=[copy.pk])
    assert copy.status == EditorialStatus.DRAFT and copy.owner == organisation
    assert copy.slug == f"{event.slug}-copie" and copy.uid != event.uid
    assert [t.slug for t in copy.themes.all()] == ["bien-etre"] and [p.code for p in copy.phases.all()] == [
        "traitement"
    ]
    assert copy.occurrences.count() == 1
    # The other organisation's operator cannot duplicate it.
    client.force_login(people.other_operator)
    client.post(reverse("admin:agenda_event_changelist"), {"action": "duplicate", "_selected_action": [event.pk]})
    assert Event.objects.count() == 2


HEADERS = [
    "adresse",
    "organisation",
    "title",
    "kind",
    "summary",
    "organiser_name",
    "mode",
    "city",
    "departement",
    "debut",
    "fin",
    "repeat",
    "repeat_interval",
]


def row(slug="atelier-gap", **values):
    base = {
        "adresse": slug,
        "organisation": "",
        "title": "Atelier de Gap",
        "kind": "atelier",
        "summary": "Un atelier.",
        "organiser_name": "Association de Gap",
        "mode": "sur-place",
        "city": "Gap",
        "departement": "05",
        "debut": "14/03/2030 14:00",
        "fin": "14/03/2030 16:00",
        "repeat": "",
        "repeat_interval": "1",
    }
    base.update(values)
    return [base[h] for h in HEADERS]


def test_an_operator_imports_events_as_drafts_for_her_organisation(people, organisation):
    data = tablib.Dataset(row(), row("permanence-gap", repeat="mensuelle-jour", title="Permanence"), headers=HEADERS)
    result = EventResource(user=people.owner_operator).import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    events = Event.objects.order_by("slug")
    assert [e.owner for e in events] == [organisation, organisation]
    assert {e.status for e in events} == {EditorialStatus.DRAFT}
    atelier = Event.objects.get(slug="atelier-gap")
    assert timezone.localtime(atelier.starts_at) == datetime.datetime(
        2030, 3, 14, 14, tzinfo=timezone.get_current_timezone()
    )
    assert Event.objects.get(slug="permanence-gap").occurrences.count() == 1  # beyond the horizon: the first date


def test_import_errors_are_french_and_import_nothing(people):
    data = tablib.Dataset(
        row(), row("b", debut="demain"), row("c", departement="93x"), row("d", fin="14/03/2030 13:00"), headers=HEADERS
    )
    # As in the admin: a first pass reports every bad line; nothing is written.
    result = EventResource(user=people.owner_operator).import_data(data, dry_run=True)
    assert result.has_validation_errors()
    messages = " ".join(
        str(e) for invalid in result.invalid_rows for errors in invalid.error_dict.values() for e in errors
    )
    assert "14/03/2027 14:00" in messages and "Département inconnu : « 93x »" in messages
    assert "La fin doit venir après le début." in messages
    assert not Event.objects.exists()


def test_admin_offers_import_to_operators(client, people):
    client.force_login(people.owner_operator)
    assert client.get(reverse("admin:agenda_event_import")).status_code == 200
