import datetime

import pytest
from django.utils import timezone

from agenda.models import Event, Occurrence
from tests.helpers import demo_rows

pytestmark = pytest.mark.django_db


def test_demo_agenda_covers_every_paca_departement_and_online_and_is_marked(client):
    demo_rows.put_back()
    events = Event.objects.published()
    assert {e.departement.code for e in events if e.departement} == {"04", "05", "06", "13", "83", "84"}
    assert events.filter(mode="en-ligne").exists()
    assert all(e.is_demo for e in Event.objects.all())
    assert not Event.objects.exclude(registration_phone="").exists()  # no invented phone number
    for event in events:
        event.full_clean()
        assert "démonstration" in client.get(event.get_absolute_url()).content.decode()
    # Never empty, never stale: there is something this week, and a past event for the archive.
    html = client.get("/agenda/?periode=mois").content.decode()
    assert "Aucun résultat" not in html
    assert Occurrence.objects.upcoming().filter(starts_at__lt=timezone.now() + datetime.timedelta(days=8)).exists()
    assert Occurrence.objects.past().exists()
    assert Occurrence.objects.upcoming().filter(is_cancelled=True).exists()


# Loading twice changes no row of any table: tests/test_demo.py, test_demo_loader_is_idempotent.
