"""Issue 16, point 6: a ladder for requests nobody calls back. The coordinator is reminded the day after the promised
call-back, the administrators GUICHET_REQUEST_ESCALATION_WORKING_DAYS working days later; each reminder once."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from annuaire import services
from annuaire.contact import ContactRequest, RequestState

pytestmark = pytest.mark.django_db


def received(day: datetime.date, **fields) -> ContactRequest:
    values = {
        "message": "Je suis en chimiothérapie et je cherche de l'aide",
        "contact_method": "email",
        "email": "a@exemple.fr",
        "consented_at": timezone.now(),
    }
    request = ContactRequest.objects.create(**{**values, **fields})
    ContactRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    )
    request.refresh_from_db()
    return request


def run_on(day: datetime.date):
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(7)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: at)
        out = StringIO()
        call_command("remind_contact_requests", stdout=out)
    return out.getvalue()


def test_the_coordinator_then_the_administrators_each_once(people, mailoutbox, settings):
    settings.GUICHET_CALLBACK_WORKING_DAYS = 5
    settings.GUICHET_REQUEST_ESCALATION_WORKING_DAYS = 3
    monday = datetime.date(2026, 11, 16)  # promised by Monday 23, administrators told on Thursday 26
    late = received(monday)
    answered = received(monday)
    services.change_contact_request(answered, state=RequestState.IN_PROGRESS)
    refused = received(monday)
    services.change_contact_request(refused, state=RequestState.REFUSED, refusal_reason="abus")
    within = received(datetime.date(2026, 11, 20))  # promised by Friday 27
    mailoutbox.clear()  # she is told her request is "en cours" (issue 18): only the ladder's e-mails from here

    assert run_on(datetime.date(2026, 11, 23)) and mailoutbox == []  # the promise still runs that day
    assert "Rappel à l'animatrice : 1 demande(s)" in run_on(datetime.date(2026, 11, 24))
    (coordinator,) = mailoutbox
    assert coordinator.to == [settings.GUICHET_COORDINATOR_EMAIL]
    assert f"Demande n° {late.pk}," in coordinator.body
    for other in (answered, refused, within):
        assert f"Demande n° {other.pk}," not in coordinator.body
    assert "26 novembre 2026" in coordinator.body  # when the administrators will be told
    run_on(datetime.date(2026, 11, 24))
    run_on(datetime.date(2026, 11, 25))
    assert len(mailoutbox) == 1  # sent once, recorded
    late.refresh_from_db()
    assert late.reminded_at is not None and late.escalated_at is None

    run_on(datetime.date(2026, 11, 26))
    assert len(mailoutbox) == 2
    administrators = mailoutbox[1]
    assert administrators.to == [people.administrator.email]
    assert f"Demande n° {late.pk}," in administrators.body and f"Demande n° {within.pk}," not in administrators.body
    run_on(datetime.date(2026, 11, 27))
    run_on(datetime.date(2026, 11, 30))
    # The next step is the coordinator's reminder about the other request, never again about the first.
    assert [mail.to for mail in mailoutbox[2:]] == [[settings.GUICHET_COORDINATOR_EMAIL]]
    assert f"Demande n° {late.pk}," not in mailoutbox[2].body and f"Demande n° {within.pk}," in mailoutbox[2].body
    late.refresh_from_db()
    assert late.escalated_at is not None
    for mail in mailoutbox:
        assert "chimio" not in mail.body.lower() and "chimio" not in mail.subject.lower()


def test_a_request_called_back_in_time_is_never_reminded(mailoutbox, settings):
    settings.GUICHET_CALLBACK_WORKING_DAYS = 5
    request = received(datetime.date(2026, 11, 16))
    services.change_contact_request(request, state=RequestState.IN_PROGRESS)
    mailoutbox.clear()  # she is told her request is "en cours" (issue 18)
    run_on(datetime.date(2026, 12, 15))
    assert mailoutbox == []


def test_without_an_administrator_the_step_waits(mailoutbox, settings):
    settings.GUICHET_CALLBACK_WORKING_DAYS = 5
    request = received(datetime.date(2026, 11, 16))
    run_on(datetime.date(2026, 12, 15))
    assert [mail.to for mail in mailoutbox] == [[settings.GUICHET_COORDINATOR_EMAIL]]
    request.refresh_from_db()
    assert request.reminded_at is not None and request.escalated_at is None
