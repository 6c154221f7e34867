"""Two people confirm for the last place at the same moment: one gets it, the other is on the waiting list.

Run on PostgreSQL only (make test runs the suite on both databases): SQLite serialises every write and has no row
locks, so it cannot show the race.
"""

import threading
import time

import pytest
from django.db import connection

from pairs import services
from pairs.enums import RegistrationStatus as Status
from pairs.models import Registration
from tests.factories import OrganisationFactory, PeerGroupFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only"),
]


def test_the_last_place_goes_to_one_person_only(monkeypatch):
    # By video: needs no vocabulary row (transactional tests may run after others emptied the tables).
    group = PeerGroupFactory(owner=OrganisationFactory(), published=True, capacity=1, video=True)
    counted = services._places_left

    def slow_count(group, now):
        # Widen the window between counting and writing: without the row lock, both would see a free place.
        left = counted(group, now)
        time.sleep(0.3)
        return left

    # Places go to confirmed people (issue 17): both signed up, both confirm at the same moment.
    pending = {
        email: services.sign_up(group, first_name=email[0], email=email) for email in ("a@exemple.fr", "b@exemple.fr")
    }
    assert group.registrations.holding_place().count() == 0
    monkeypatch.setattr(services, "_places_left", slow_count)
    barrier = threading.Barrier(2)
    errors = []

    def take(email):
        try:
            barrier.wait()
            services.confirm(pending[email])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(email,)) for email in ("a@exemple.fr", "b@exemple.fr")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == sorted([Status.CONFIRMED, Status.WAITING])
    assert group.registrations.holding_place().count() == 1
