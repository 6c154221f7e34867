"""Issue 16, point 6: the desk and the figures show, per closed month, the median delay to the first call-back and
the share of requests called back within the promise."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from annuaire import services
from annuaire.contact import ContactRequest, RequestState
from backoffice import figures
from guichet.working_days import add_working_days

pytestmark = pytest.mark.django_db


def first_monday_of(month: datetime.date) -> datetime.date:
    return month + datetime.timedelta(days=(7 - month.weekday()) % 7)


def received(day: datetime.date, *, called_after=None, **fields):
    """A request received `day` at 10:00, first called back `called_after` working days later (through the service)."""
    request = ContactRequest.objects.create(
        message="Besoin d'aide", contact_method="email", email="a@exemple.fr", consented_at=timezone.now()
    )
    created = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    ContactRequest.objects.filter(pk=request.pk).update(created_at=created)
    request.refresh_from_db()
    if called_after is not None:
        services.change_contact_request(request, state=RequestState.IN_PROGRESS)
        called = timezone.make_aware(datetime.datetime.combine(add_working_days(day, called_after), datetime.time(11)))
        ContactRequest.objects.filter(pk=request.pk).update(first_contact_at=called)
    elif fields:
        services.change_contact_request(request, **fields)
    return request


@pytest.fixture
def call_backs(settings):
    settings.GUICHET_CALLBACK_WORKING_DAYS = 5
    last, before = figures.closed_months(timezone.localdate(), 2)
    monday = first_monday_of(last)
    for delay in (1, 2, 3, 7, 8):
        received(monday, called_after=delay)
    received(monday)  # still waiting, weeks past the promise: late
    received(monday, state=RequestState.REFUSED, refusal_reason="abus")  # never called: not counted
    for delay in (1, 9):
        received(first_monday_of(before), called_after=delay)
    return last, before


def test_median_delay_and_share_within_the_promise_per_closed_month(call_backs):
    last, before = call_backs
    rows = figures.call_backs([last, before])
    assert [row.month for row in rows] == [last, before]
    assert (rows[0].count, rows[0].median_days, rows[0].within) == (6, 5, 3)
    assert (rows[0].count_shown, rows[0].median_shown, rows[0].share_shown) == ("6", "5 jours ouvrés", "50 %")
    # Two requests: no median, no share, only "< 5".
    assert (rows[1].count_shown, rows[1].median_shown, rows[1].share_shown) == ("< 5", "—", "—")


def test_a_request_called_back_records_its_first_contact_once(settings):
    request = received(timezone.localdate())
    assert request.first_contact_at is None
    services.change_contact_request(request, state=RequestState.IN_PROGRESS)
    first = request.first_contact_at
    assert first is not None
    services.change_contact_request(request, state=RequestState.CLOSED, closing_reason="repondue")
    assert request.first_contact_at == first


def test_the_desk_shows_the_call_backs_of_closed_months(client, people, call_backs):
    last, _ = call_backs
    client.force_login(people.coordinator)
    html = client.get(reverse("admin:index")).content.decode()
    section = html.split("Premier rappel des demandes de mise en relation, par mois</h2>")[1].split("</table>")[0]
    row = f'<th scope="row">{figures.month_label(last)}</th><td>6</td><td>5 jours ouvrés</td><td>50 %</td>'
    assert row in section
    assert "<td>&lt; 5</td>" in section
    current = figures.month_label(timezone.localdate().replace(day=1))
    assert current not in section  # the current month is never shown


def test_the_figures_page_and_its_csv_show_the_call_backs(client, people, call_backs):
    last, _ = call_backs
    client.force_login(people.coordinator)
    month = f"{last:%Y-%m}"
    html = client.get("/admin/onboarding/usagecount/", {"start": month, "end": month, "kind": "questionnaire"})
    section = html.content.decode().split("Premier rappel des demandes de mise en relation, par mois</h2>")[1]
    assert "<td>6</td><td>5 jours ouvrés</td><td>50 %</td>" in section.split("</table>")[0]
    text = client.get("/admin/onboarding/usagecount/", {"format": "csv"}).content.decode()
    label = figures.month_label(last)
    assert f"Premier rappel des demandes reçues en {label};Délai médian;5 jours ouvrés" in text
    assert f"Premier rappel des demandes reçues en {label};Dans le délai promis;50 %" in text
