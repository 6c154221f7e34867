"""The test database is migrated once, then copied for each process of the suite (issue 20, point 6).

Migrating from scratch costs about eight seconds of work, most of it Django rebuilding its model states; `make test`
used to pay it in every process of every run (both cores, then the browser's, then the committing tests, on SQLite
and on PostgreSQL). Now the first process to need it migrates a *template* database, under a file lock, and every
process copies it: SQLite's online backup into its in-memory database, PostgreSQL's `CREATE DATABASE … TEMPLATE`.

A template is named after a fingerprint of the project's Python code and its locked dependencies (migrations,
the code they import, third-party apps' migrations), so that any change migrates a new one; on PostgreSQL the older
templates of the same database are dropped when a new one is made. What a migration does is still checked: the
template *is* a migrated database, and `make migrations-check` and tests/test_settings.py check the migrations
match the models.
"""

import fcntl
import hashlib
import os
import sqlite3
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"
FOLDER = Path(tempfile.gettempdir()) / "guichet-test-databases"


def fingerprint() -> str:
    """What the migrated database depends on: the project's code (outside the tests) and the locked dependencies."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    digest.update(settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"].encode())
    packages = [folder for folder in base.iterdir() if (folder / "__init__.py").exists() and folder.name != "tests"]
    paths = sorted(path for package in packages for path in package.rglob("*.py"))
    for path in [*paths, base / "requirements-dev.txt"]:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(name: str):
    FOLDER.mkdir(exist_ok=True)
    with open(FOLDER / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass
class Prepared:
    alias: str
    original_name: str
    test_name: str
    template: str
    # On PostgreSQL, what the template holds (Django's serialisation), for `restore`.
    contents: str | None = None


def _point_at(connection, alias: str, name: str) -> None:
    connection.close()
    settings.DATABASES[alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _migrate_into(connection, alias: str, name: str) -> None:
    """Django's own creation of a test database (migrations included), under the given name."""
    original = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    wanted = test_settings.get("NAME")
    test_settings["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        test_settings["NAME"] = wanted
        _point_at(connection, alias, original)


def _forget_old_templates(*, keep: Path) -> None:
    """SQLite templates and PostgreSQL templates' contents of earlier code, unused for a day, are deleted (another
    checkout may still use a recent one)."""
    day_ago = time.time() - 86400
    for old in FOLDER.glob(f"{keep.name.split('-', 1)[0]}-*"):
        if old != keep and old.stat().st_mtime < day_ago:
            old.unlink(missing_ok=True)


def sqlite_template() -> Path:
    """Where the SQLite template of the current code is (made by the first process that needs it)."""
    return FOLDER / f"sqlite-{fingerprint()}.sqlite3"


def _sqlite(connection, alias: str) -> Prepared:
    key = fingerprint()
    template = sqlite_template()
    with _locked(f"sqlite-{key}"):
        if not template.exists():
            building = template.with_suffix(f".{os.getpid()}.building")
            _migrate_into(connection, alias, str(building))
            os.replace(building, template)
            _forget_old_templates(keep=template)
    original = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    _point_at(connection, alias, test_name)
    connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return Prepared(alias, original, test_name, str(template))


def _postgresql(connection, alias: str) -> Prepared:
    original = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    prefix = f"{test_name.rsplit('_gw', 1)[0]}_tpl_"
    template = f"{prefix}{fingerprint()}"
    with _locked(template):
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix.replace("_", r"\_") + "%"])
            existing = {row[0] for row in cursor.fetchall()}
        if template not in existing:
            with connection.creation._nodb_cursor() as cursor:
                for stale in existing:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{stale}"')
            _migrate_into(connection, alias, template)
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{test_name}"')
            cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
    _point_at(connection, alias, test_name)
    connection.ensure_connection()
    # What the template holds, read once from the first copy of it (for `restore`).
    contents = FOLDER / f"postgresql-{template}.json"
    with _locked(f"{template}.json"):
        if not contents.exists():
            building = contents.with_suffix(f".{os.getpid()}.building")
            building.write_text(connection.creation.serialize_db_to_string(), encoding="utf-8")
            os.replace(building, contents)
            _forget_old_templates(keep=contents)
    return Prepared(alias, original, test_name, template, contents.read_text(encoding="utf-8"))


def set_up(alias: str = DEFAULT_DB_ALIAS) -> Prepared:
    """This process's test database, a copy of the migrated template (migrated first if there is none yet)."""
    connection = connections[alias]
    engine = connection.settings_dict["ENGINE"]
    if engine == SQLITE:
        return _sqlite(connection, alias)
    if engine == POSTGRESQL:
        return _postgresql(connection, alias)
    raise NotImplementedError(f"Base de test non prévue : {engine}")


def restore(prepared: Prepared) -> None:
    """After a test that committed, whose tables were emptied (the migrations' vocabulary with them): the database as
    the template made it, so that the next tests of this process find what they expect. SQLite copies the template
    back; PostgreSQL empties the tables once more (Django's flush had recreated content types and permissions under
    new keys) and loads back what the template held."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style

    connection = connections[prepared.alias]
    if connection.settings_dict["ENGINE"] == SQLITE:
        connection.ensure_connection()
        source = sqlite3.connect(prepared.template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        call_command(
            "flush",
            database=prepared.alias,
            interactive=False,
            verbosity=0,
            inhibit_post_migrate=True,
            reset_sequences=False,
        )
        connection.creation.deserialize_db_from_string(prepared.contents)
        # Rows came back with their keys: each sequence goes on from the highest.
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    ContentType.objects.clear_cache()


def tear_down(prepared: Prepared) -> None:
    connections[prepared.alias].creation.destroy_test_db(prepared.original_name, verbosity=0)
