"""The agenda's dates and cards, kept by each process (agenda/views.py, `_days`; guichet.sharedcache.memo): drawn once,
then drawn again when the day changes, when a date starts, and when content is published — never stale for her."""

import datetime
from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from tests.factories import EventFactory
from tests.onboarding.test_catalogue import memo_on  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def _event(django_capture_on_commit_callbacks, title, starts_at):
    with django_capture_on_commit_callbacks(execute=True):
        return EventFactory(
            published=True, title=title, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2)
        )


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


@pytest.mark.usefixtures("memo_on")
def test_the_dates_are_drawn_once_then_kept(client, django_capture_on_commit_callbacks):
    next_week = timezone.now() + datetime.timedelta(days=7)
    _event(django_capture_on_commit_callbacks, "Atelier de la semaine prochaine", next_week)
    with mock.patch("agenda.views.render_to_string", wraps=render_to_string) as drawn:
        first = client.get("/agenda/").content.decode()
        second = client.get("/agenda/?departement=13").content.decode()
    assert drawn.call_count == 1
    assert "Atelier de la semaine prochaine" in first and "Atelier de la semaine prochaine" in second


@pytest.mark.usefixtures("memo_on")
def test_tomorrow_becomes_today_and_a_date_under_way_says_so(client, django_capture_on_commit_callbacks):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _event(django_capture_on_commit_callbacks, "Permanence de demain", _at(tomorrow, 10))
    assert "Demain, " in client.get("/agenda/").content.decode()
    with mock.patch("django.utils.timezone.now", return_value=_at(tomorrow, 8)):
        html = client.get("/agenda/").content.decode()
    assert "Aujourd&#x27;hui, " in html and "Demain, " not in html and "en cours" not in html
    with mock.patch("django.utils.timezone.now", return_value=_at(tomorrow, 11)):
        assert "en cours" in client.get("/agenda/").content.decode()


@pytest.mark.usefixtures("memo_on")
def test_a_publication_shows_at_the_next_visit(client, django_capture_on_commit_callbacks):
    soon = timezone.now() + datetime.timedelta(days=3)
    _event(django_capture_on_commit_callbacks, "Premier atelier", soon)
    assert "Premier atelier" in client.get("/agenda/").content.decode()
    _event(django_capture_on_commit_callbacks, "Atelier ajouté", soon + datetime.timedelta(hours=3))
    assert "Atelier ajouté" in client.get("/agenda/").content.decode()
