"""The demo content loaded once per process of the suite, then put back into each test that reads it (issue 20,
point 6: "demo data loaded once per session").

`manage.py load_demo` costs one to two seconds (two thousand queries); a dozen modules read its content. The first
test that asks for it loads it in a savepoint, reads back every table the loader changed, and rolls it back. Each
test then gets those tables' rows written again inside its own transaction (a few hundredths of a second), which
the end of the test rolls back like anything else it wrote. The loader itself (idempotence, what it writes, its
files) is tested by calling it: tests/test_demo.py, tests/test_content_files.py.

SQLite: the rows as Python values, inserted again. PostgreSQL: each table's COPY text, copied in again, and the
sequences moved past the highest key (a sequence is not rolled back: the next keys are only higher)."""

from dataclasses import dataclass, field
from io import StringIO

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction


@dataclass
class Snapshot:
    """The tables `load_demo` changes and what they hold after it, on one database."""

    tables: list[str]
    rows: dict[str, bytes | tuple[list[str], list[tuple]]] = field(default_factory=dict)


_snapshots: dict[str, Snapshot] = {}


def _tables(connection) -> list[str]:
    return [name for name in connection.introspection.table_names() if name != "django_migrations"]


def _read(connection, table: str):
    raw = connection.connection
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
            return b"".join(bytes(block) for block in copy)
    cursor = raw.execute(f'SELECT * FROM "{table}"')
    return [column[0] for column in cursor.description], cursor.fetchall()


def _capture(connection) -> Snapshot:
    tables = _tables(connection)
    with transaction.atomic(using=connection.alias):
        before = {table: _read(connection, table) for table in tables}
        call_command("load_demo", force=True, stdout=StringIO())
        after = {table: _read(connection, table) for table in tables}
        transaction.set_rollback(True, using=connection.alias)
    changed = [table for table in tables if after[table] != before[table]]
    return Snapshot(changed, {table: after[table] for table in changed})


def put_back(alias: str = DEFAULT_DB_ALIAS) -> None:
    """The demo content, as `load_demo` writes it, in the current transaction (a test's)."""
    from django.apps import apps
    from django.core.management.color import no_style

    connection = connections[alias]
    connection.ensure_connection()
    if alias not in _snapshots:
        _snapshots[alias] = _capture(connection)
    snapshot = _snapshots[alias]
    assert not connection.get_autocommit(), "les lignes de démonstration s'écrivent dans la transaction d'un test"
    raw = connection.connection
    if connection.vendor == "postgresql":
        with raw.cursor() as cursor:
            # Foreign keys are checked at the commit (Django declares them deferrable): the order does not matter.
            for table in snapshot.tables:
                cursor.execute(f'DELETE FROM "{table}"')
            for table in snapshot.tables:
                with cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(snapshot.rows[table])
        models = [
            model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in snapshot.tables
        ]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    else:
        raw.execute("PRAGMA defer_foreign_keys = ON")
        for table in snapshot.tables:
            raw.execute(f'DELETE FROM "{table}"')
        for table in snapshot.tables:
            columns, rows = snapshot.rows[table]
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join("?" for _ in columns)
            raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
