"""Scheduled commands run once, however many servers cron starts them on.

Every command cron starts derives from ScheduledCommand: before doing anything it takes a lock named after the
command. On PostgreSQL, a session advisory lock (pg_try_advisory_lock): the database itself says who runs, and the
lock goes with the connection if the process dies. Elsewhere (SQLite, one machine), an entry added to the shared
cache (`cache.add` is atomic), which expires after LOCK_TIMEOUT should the process die. A run that does not get the
lock says so and stops, without error: another server is doing the work. Each command stays safe to run twice in a
row (a run that starts after the first one ended finds nothing left to do).

A connection pooler in front of PostgreSQL must keep one server session per client session (PgBouncer's `session`
mode), or connect directly: in `transaction` mode, a session lock is not held by the command's session.
"""

import contextlib
import hashlib
import secrets

from django.core.cache import cache
from django.core.management.base import BaseCommand, OutputWrapper
from django.db import DatabaseError, connections

# The fallback lock's lifetime: longer than any command takes, short enough that a crash does not stop the next runs.
LOCK_TIMEOUT = 30 * 60


def advisory_key(name: str) -> int:
    """A stable signed 64-bit number for PostgreSQL's advisory locks (Python's hash() changes between processes)."""
    return int.from_bytes(hashlib.sha256(f"guichet:{name}".encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def held(name: str, using: str = "default"):
    """Yields True when this process now holds the lock `name` (released on exit), False when someone else does."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        key = advisory_key(name)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            acquired = cursor.fetchone()[0]
        try:
            yield acquired
        finally:
            if acquired:
                with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                    # A connection lost meanwhile already released it.
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    key, token = f"lock:{name}", secrets.token_hex(8)
    acquired = cache.add(key, token, LOCK_TIMEOUT)
    try:
        yield acquired
    finally:
        if acquired and cache.get(key) == token:
            cache.delete(key)


class ScheduledCommand(BaseCommand):
    """A command cron starts on every server: only the run that gets the lock does the work."""

    def execute(self, *args, **options):
        name = self.__module__.rsplit(".", 1)[-1]
        with held(f"command:{name}") as acquired:
            if acquired:
                return super().execute(*args, **options)
            if options.get("stdout"):
                self.stdout = OutputWrapper(options["stdout"])
            self.stdout.write(f"{name} est déjà en cours (sur ce serveur ou un autre) : rien à faire ici.")
            return ""
