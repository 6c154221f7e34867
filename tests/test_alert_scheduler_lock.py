"""Two servers start `send_alerts` at once: one message (issue 18, point 1; guichet/locks.py).

In its own file at the top of tests/, so that it runs after the browser tests: a transactional test flushes the
database at its end, and with it the vocabulary of the migrations the browser tests capture first. Skipped by a
marker, before the fixtures (skipped in its body, it would still flush).
"""

import pytest
from django.core import mail
from django.db import connection

from alertes.models import Alert
from tests.alertes.helpers import follow_and_confirm
from tests.alertes.test_digest import run
from tests.factories import AidFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks: PostgreSQL (the second pass)")
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_send_one_message(client):
    """Two servers start `send_alerts` at the same moment (the alerts' table is locked while both start, so that
    they overlap for sure): one does the work, the other says so and stops."""
    import threading
    import time

    from django.db import connections

    aid = AidFactory(published=True, title="Indemnités journalières", amount="22 € par jour", amount_year=2026)
    follow_and_confirm(client, aid)
    aid.amount = "25 € par jour"
    aid.save()
    mail.outbox.clear()
    outputs = []

    def server():
        try:
            outputs.append(run())
        finally:
            connection.close()

    blocker = connections.create_connection("default")
    try:
        with blocker.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f'LOCK TABLE "{Alert._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
            threads = [threading.Thread(target=server) for _ in range(2)]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not outputs:
                time.sleep(0.2)
                with connection.cursor() as probe:
                    probe.execute(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                    )
                    if probe.fetchone()[0] >= 1:
                        break
            cursor.execute("COMMIT")
    finally:
        blocker.close()
    for thread in threads:
        thread.join(timeout=30)
    assert len(mail.outbox) == 1, outputs
    assert sorted("déjà en cours" in output for output in outputs) == [False, True], outputs
