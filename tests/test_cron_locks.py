"""Scheduled commands run once when several servers start them at once (issue 17, point 6; guichet/locks.py).

Finding: two overlapping `remind_contact_requests` runs sent the reminder twice.
"""

import contextlib
import datetime
import threading
import time
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.db import connection, connections
from django.utils import timezone

from annuaire.contact import ContactRequest
from guichet import locks

# Every command cron starts (README, "Mise en production"): each takes the lock.
SCHEDULED = [
    "purge_personal_data",
    "anonymise_contact_requests",
    "anonymise_group_registrations",
    "extend_agenda",
    "remind_group_sessions",
    "remind_stale_entries",
    "remind_contact_requests",
    "release_group_holds",
    "send_alerts",
]


@contextlib.contextmanager
def held_by_another_server(name):
    """The lock `name` held by someone else: another database session on PostgreSQL (advisory locks are re-entrant
    within one session), the shared cache elsewhere."""
    if connection.vendor == "postgresql":
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [locks.advisory_key(name)])
                yield
                # (Closing the session would release it too, a moment later.)
                cursor.execute("SELECT pg_advisory_unlock(%s)", [locks.advisory_key(name)])
        finally:
            other.close()
    else:
        with locks.held(name) as acquired:
            assert acquired
            yield


@pytest.mark.django_db
@pytest.mark.parametrize("name", SCHEDULED)
def test_a_scheduled_command_does_nothing_while_another_server_runs_it(name):
    command = load_command_class(get_commands()[name], name)
    assert isinstance(command, locks.ScheduledCommand)
    with held_by_another_server(f"command:{name}"), mock.patch.object(type(command), "handle") as handle:
        output = StringIO()
        call_command(name, stdout=output)
    handle.assert_not_called()
    assert "déjà en cours" in output.getvalue()
    # Once the other run is over, it runs.
    with mock.patch.object(type(command), "handle", return_value="") as handle:
        call_command(name, stdout=StringIO())
    handle.assert_called_once()


@pytest.mark.django_db
def test_the_lock_is_released_when_the_command_fails():
    with mock.patch("annuaire.services.remind_unanswered", side_effect=RuntimeError("panne")):
        with pytest.raises(RuntimeError):
            call_command("remind_contact_requests", stdout=StringIO())
    with locks.held("command:remind_contact_requests") as acquired:
        assert acquired


def _waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_reminder(mailoutbox):
    """Two servers start `remind_contact_requests` at the same moment. To make them overlap for sure, the requests'
    table is locked while both start: without a lock of the command, both wait on the table, then both read the same
    waiting request and both send the reminder."""
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks: PostgreSQL (the second pass of make test)")
    waiting = ContactRequest.objects.create(
        message="Besoin d'aide pour ma boutique",
        contact_method="email",
        email="a@exemple.fr",
        consented_at=timezone.now(),
    )
    ContactRequest.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - datetime.timedelta(days=14))

    outputs = []

    def server():
        output = StringIO()
        try:
            call_command("remind_contact_requests", stdout=output)
        finally:
            connection.close()
            outputs.append(output.getvalue())

    blocker = connections.create_connection("default")
    try:
        with blocker.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f'LOCK TABLE "{ContactRequest._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
            threads = [threading.Thread(target=server) for _ in range(2)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                waiters = _waiting_on_a_lock()
                if waiters >= 2 or (waiters >= 1 and outputs):
                    break
                time.sleep(0.05)
            cursor.execute("COMMIT")
    finally:
        blocker.close()
    for thread in threads:
        thread.join(timeout=30)

    assert len(mailoutbox) == 1, outputs
    assert sorted("déjà en cours" in output for output in outputs) == [False, True], outputs
