"""Recurring permanences: one rule, each date stored; cancelling or moving one date touches no other."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from agenda import recurrence
from agenda.models import Event
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.UTC


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def local_times(event):
    return [
        (timezone.localtime(o.starts_at).strftime("%a %d/%m %H:%M"), timezone.localtime(o.ends_at).strftime("%H:%M"))
        for o in event.occurrences.order_by("starts_at")
    ]


def test_weekly_permanence_keeps_its_local_hours_across_the_spring_daylight_saving_change(settings):
    # Summer time begins on Sunday 28 March 2027.
    event = EventFactory(
        starts_at=paris(2027, 3, 16, 14),
        ends_at=paris(2027, 3, 16, 17),
        repeat="hebdomadaire",
        repeat_until=datetime.date(2027, 4, 6),
    )
    assert local_times(event) == [
        ("Tue 16/03 14:00", "17:00"),
        ("Tue 23/03 14:00", "17:00"),
        ("Tue 30/03 14:00", "17:00"),
        ("Tue 06/04 14:00", "17:00"),
    ]
    utc_hours = [o.starts_at.astimezone(UTC).hour for o in event.occurrences.order_by("starts_at")]
    assert utc_hours == [13, 13, 12, 12]


def test_autumn_change_too():
    # Winter time begins on Sunday 31 October 2027; a Saturday-to-Monday span keeps its wall-clock duration.
    event = EventFactory(
        starts_at=paris(2027, 10, 24, 10),
        ends_at=paris(2027, 10, 24, 12),
        repeat="hebdomadaire",
        repeat_until=datetime.date(2027, 11, 7),
    )
    assert [t[0] for t in local_times(event)] == ["Sun 24/10 10:00", "Sun 31/10 10:00", "Sun 07/11 10:00"]
    assert [o.starts_at.astimezone(UTC).hour for o in event.occurrences.order_by("starts_at")] == [8, 9, 9]


def test_first_tuesday_of_every_month():
    event = EventFactory(
        starts_at=paris(2027, 3, 2, 14),
        ends_at=paris(2027, 3, 2, 17),
        repeat="mensuelle-jour",
        repeat_until=datetime.date(2027, 6, 30),
    )
    assert [t[0] for t in local_times(event)] == [
        "Tue 02/03 14:00",
        "Tue 06/04 14:00",
        "Tue 04/05 14:00",
        "Tue 01/06 14:00",
    ]
    assert event.recurrence_text == "tous les premiers mardis du mois, jusqu'au 30 juin 2027"


def test_a_fifth_weekday_means_the_last_one_of_each_month():
    # Tuesday 30 March 2027 is the fifth Tuesday: the rule becomes "the last Tuesday".
    event = EventFactory(
        starts_at=paris(2027, 3, 30, 9),
        ends_at=paris(2027, 3, 30, 11),
        repeat="mensuelle-jour",
        repeat_until=datetime.date(2027, 5, 31),
    )
    assert [t[0] for t in local_times(event)] == ["Tue 30/03 09:00", "Tue 27/04 09:00", "Tue 25/05 09:00"]
    assert event.recurrence_text.startswith("tous les derniers mardis du mois")


def test_every_two_weeks_and_same_date_each_month():
    fortnightly = EventFactory(
        starts_at=paris(2027, 1, 7, 18),
        ends_at=paris(2027, 1, 7, 20),
        repeat="hebdomadaire",
        repeat_interval=2,
        repeat_until=datetime.date(2027, 2, 5),
    )
    assert [t[0] for t in local_times(fortnightly)] == ["Thu 07/01 18:00", "Thu 21/01 18:00", "Thu 04/02 18:00"]
    assert fortnightly.recurrence_text.startswith("toutes les 2 semaines, le jeudi")

    on_the_31st = EventFactory(
        starts_at=paris(2027, 1, 31, 10),
        ends_at=paris(2027, 1, 31, 11),
        repeat="mensuelle-date",
        repeat_until=datetime.date(2027, 5, 31),
    )
    # Months without a 31st are skipped, as RFC 5545 says.
    assert [t[0] for t in local_times(on_the_31st)] == ["Sun 31/01 10:00", "Wed 31/03 10:00", "Mon 31/05 10:00"]


def test_an_open_ended_series_stops_at_the_horizon_and_extend_agenda_moves_it(settings):
    settings.GUICHET_AGENDA_HORIZON_DAYS = 60
    start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3), repeat="hebdomadaire")
    count = event.occurrences.count()
    assert 8 <= count <= 9
    last = event.occurrences.order_by("starts_at").last().starts_at
    assert last <= timezone.now() + datetime.timedelta(days=60)

    settings.GUICHET_AGENDA_HORIZON_DAYS = 120
    out = StringIO()
    call_command("extend_agenda", stdout=out)
    assert event.occurrences.count() > count + 7
    assert "date(s) ajoutée(s)" in out.getvalue()
    # Running it again changes nothing.
    total = event.occurrences.count()
    call_command("extend_agenda", stdout=StringIO())
    assert event.occurrences.count() == total


def test_cancelling_or_moving_one_date_survives_edits_of_the_event():
    event = EventFactory(
        starts_at=paris(2027, 3, 2, 14),
        ends_at=paris(2027, 3, 2, 17),
        repeat="mensuelle-jour",
        repeat_until=datetime.date(2027, 6, 30),
    )
    april, may = event.occurrences.order_by("starts_at")[1:3]
    april.is_cancelled = True
    april.save()
    may.starts_at, may.ends_at, may.is_moved = paris(2027, 5, 5, 10), paris(2027, 5, 5, 12), True
    may.save()

    # A later change of hours applies to every date but the moved one; the cancelled one stays cancelled.
    event = Event.objects.get(pk=event.pk)
    event.starts_at, event.ends_at = paris(2027, 3, 2, 15), paris(2027, 3, 2, 18)
    event.title = "Permanence renommée"
    event.save()
    rows = {timezone.localtime(o.original_start).date(): o for o in event.occurrences.all()}
    assert len(rows) == 4
    assert rows[datetime.date(2027, 4, 6)].is_cancelled
    assert timezone.localtime(rows[datetime.date(2027, 4, 6)].starts_at).hour == 15
    assert timezone.localtime(rows[datetime.date(2027, 5, 4)].starts_at) == paris(2027, 5, 5, 10)
    assert timezone.localtime(rows[datetime.date(2027, 6, 1)].starts_at).hour == 15

    # Shortening the series removes the dates the rule no longer gives.
    event.repeat_until = datetime.date(2027, 4, 30)
    event.save()
    assert event.occurrences.count() == 2


def test_a_one_off_event_moves_with_its_only_date():
    event = EventFactory(starts_at=paris(2027, 3, 2, 14), ends_at=paris(2027, 3, 2, 17))
    occurrence = event.occurrences.get()
    occurrence.is_cancelled = True
    occurrence.save()
    event.starts_at, event.ends_at = paris(2027, 3, 9, 14), paris(2027, 3, 9, 17)
    event.save()
    moved = event.occurrences.get()
    assert moved.pk == occurrence.pk and moved.is_cancelled
    assert timezone.localtime(moved.starts_at) == paris(2027, 3, 9, 14)


def test_describe_in_plain_french():
    start = paris(2027, 3, 4, 18)
    assert recurrence.describe("", start=start) == ""
    assert recurrence.describe("hebdomadaire", start=start) == "chaque jeudi"
    assert recurrence.describe("mensuelle-date", start=start) == "le 4 de chaque mois"
    assert recurrence.describe("mensuelle-jour", start=start, interval=2) == "le premier jeudi du mois, tous les 2 mois"
