"""Calendar files: valid RFC 5545 read back with the icalendar library, stable, filtered, cached, never leaking."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def parse(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events(calendar):
    return [component for component in calendar.walk("VEVENT")]


@pytest.fixture
def permanence(organisation):
    """Every Tuesday 14 h – 17 h across the spring daylight-saving change, in the future (March 2099 style dates
    would be beyond the horizon: use the next March)."""
    today = timezone.localdate()
    year = today.year + 1
    start = datetime.datetime(year, 3, 1, 14, tzinfo=PARIS)
    while start.weekday() != 1:
        start += datetime.timedelta(days=1)
    return EventFactory(
        owner=organisation,
        published=True,
        title="Permanence du mardi",
        slug="permanence-du-mardi",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        repeat="hebdomadaire",
        repeat_until=datetime.date(year, 4, 30),
    )


def test_feed_is_valid_with_time_zone_data_and_local_times(client, permanence, settings):
    settings.GUICHET_AGENDA_HORIZON_DAYS = 800
    permanence.save()
    calendar = parse(client.get("/agenda/agenda.ics"))
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    items = events(calendar)
    assert len(items) == permanence.occurrences.count() >= 8
    for item in items:
        start = item.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Paris" and start.hour == 14
        assert item.decoded("DTEND").hour == 17
        assert item["DTSTART"].params["TZID"] == "Europe/Paris"
        assert "DTSTAMP" in item and "UID" in item and item["SUMMARY"] == "Permanence du mardi"
        assert item["URL"].endswith("/agenda/permanence-du-mardi/")
    # Across the change, UTC offsets differ but the wall clock does not.
    offsets = {item.decoded("DTSTART").utcoffset() for item in items}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}
    assert len({str(item["UID"]) for item in items}) == len(items)


def test_uids_and_content_are_stable_and_the_etag_answers_not_modified(client, permanence):
    first = client.get("/agenda/agenda.ics")
    second = client.get("/agenda/agenda.ics")
    assert first.content == second.content
    assert first["ETag"] and "max-age" in first["Cache-Control"]
    assert client.get("/agenda/agenda.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    uids = [str(item["UID"]) for item in events(parse(first))]
    # New hours for the series: every date keeps its UID.
    permanence.starts_at += datetime.timedelta(hours=1)
    permanence.ends_at += datetime.timedelta(hours=1)
    permanence.save()
    cache.clear()  # the site cache keeps the feed for five minutes
    changed = client.get("/agenda/agenda.ics")
    assert changed["ETag"] != first["ETag"]
    assert [str(item["UID"]) for item in events(parse(changed))] == uids


def test_a_cancelled_date_is_marked_cancelled_in_the_feed(client, permanence):
    occurrence = permanence.occurrences.order_by("starts_at")[1]
    occurrence.is_cancelled = True
    occurrence.save()
    statuses = [str(item["STATUS"]) for item in events(parse(client.get("/agenda/agenda.ics")))]
    assert statuses[1] == "CANCELLED"
    assert set(statuses[:1] + statuses[2:]) == {"CONFIRMED"}


def test_filtered_feed_carries_its_filter(client, organisation):
    EventFactory(owner=organisation, published=True, title="Atelier", themes=["bien-etre"])
    EventFactory(owner=organisation, published=True, title="Réunion", kind="information")
    EventFactory(owner=organisation, published=True, title="En ligne", kind="information", online=True)
    calendar = parse(client.get("/agenda/agenda.ics?type=information&departement=06"))
    assert [str(item["SUMMARY"]) for item in events(calendar)] == ["En ligne"]
    name = str(calendar["X-WR-CALNAME"])
    assert "Réunion d'information" in name and "Alpes-Maritimes" in name
    assert [str(i["SUMMARY"]) for i in events(parse(client.get("/agenda/agenda.ics?theme=bien-etre")))] == ["Atelier"]


def test_unpublished_and_past_events_are_not_in_the_feed(client, organisation):
    EventFactory(owner=organisation, title="Brouillon")
    EventFactory(
        owner=organisation,
        published=True,
        title="Passé",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2, hours=-1),
    )
    EventFactory(owner=organisation, published=True, title="Publié")
    assert [str(i["SUMMARY"]) for i in events(parse(client.get("/agenda/agenda.ics")))] == ["Publié"]


@pytest.mark.parametrize("query", ["departement=zz", "du=not-a-date", "periode=hier", "au=31/02/2027"])
def test_a_bad_filter_in_a_feed_address_is_explained(client, query):
    response = client.get(f"/agenda/agenda.ics?{query}")
    assert response.status_code == 400
    assert "filtre invalide" in response.content.decode()


def test_single_event_file_for_ajouter_a_mon_agenda(client, permanence, organisation):
    calendar = parse(client.get("/agenda/permanence-du-mardi.ics"))
    assert len(events(calendar)) == permanence.occurrences.count()
    assert 'filename="permanence-du-mardi.ics"' in client.get("/agenda/permanence-du-mardi.ics")["Content-Disposition"]
    one_off = EventFactory(
        owner=organisation, published=True, title="Réunion", online_url="https://visio.example/x", mode="les-deux"
    )
    [item] = events(parse(client.get(f"/agenda/{one_off.slug}.ics")))
    assert str(item["UID"]) == f"{one_off.uid}@guichet-unique"
    assert "et en ligne" in str(item["LOCATION"]) and "https://visio.example/x" in str(item["DESCRIPTION"])


def test_feed_costs_the_same_queries_whatever_the_number_of_events(client, organisation, django_assert_max_num_queries):
    EventFactory(owner=organisation, published=True)
    with django_assert_max_num_queries(6) as few:
        client.get("/agenda/agenda.ics?departement=13")
    for _n in range(30):
        EventFactory(
            owner=organisation,
            published=True,
            repeat="hebdomadaire",
            repeat_until=timezone.localdate() + datetime.timedelta(days=20),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/agenda/agenda.ics?departement=13")


def test_feeds_cover_six_months_soonest_first(client, organisation):
    soon = timezone.now() + datetime.timedelta(days=10)
    far = timezone.now() + datetime.timedelta(days=300)
    EventFactory(
        owner=organisation, published=True, title="Bientôt", starts_at=soon, ends_at=soon + datetime.timedelta(hours=1)
    )
    EventFactory(
        owner=organisation,
        published=True,
        title="Dans dix mois",
        starts_at=far,
        ends_at=far + datetime.timedelta(hours=1),
    )
    assert [str(i["SUMMARY"]) for i in events(parse(client.get("/agenda/agenda.ics")))] == ["Bientôt"]
