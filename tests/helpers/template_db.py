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


def fingerprint(*, pages: bool = False) -> str:
    """What the migrated database depends on: the project's code (outside the tests) and the locked dependencies.
    With `pages`, also what the demo content and the pages showing it are made of: every file of the apps (templates,
    translations), the content files and the site's templates."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    digest.update(settings.DATABASES[DEFAULT_DB_ALIAS]["ENGINE"].encode())
    packages = [folder for folder in base.iterdir() if (folder / "__init__.py").exists() and folder.name != "tests"]
    if pages:
        folders = [*packages, base / "content", base / "templates"]
        paths = sorted(
            p for folder in folders for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
    else:
        paths = sorted(path for package in packages for path in package.rglob("*.py"))
    for path in [*paths, base / "requirements-dev.txt"]:
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def locked(name: str):
    """A lock between the processes of the run (and of other runs on this machine), held while building."""
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


def forget_old_files(*, keep: Path) -> None:
    """The files of the same kind as `keep` (templates, the demo) kept for earlier code and unused for a day are
    deleted (another checkout may still use a recent one)."""
    day_ago = time.time() - 86400
    for old in FOLDER.glob(f"{keep.name.split('-', 1)[0]}-*"):
        if old != keep and old.stat().st_mtime < day_ago:
            old.unlink(missing_ok=True)


def sqlite_template() -> Path:
    """Where the SQLite template of the current code is (made by the first process that needs it)."""
    return FOLDER / f"sqlite-{fingerprint()}.sqlite3"


def _sqlite_template(connection, alias: str) -> str:
    template = sqlite_template()
    with locked(template.stem):
        if not template.exists():
            building = template.with_suffix(f".{os.getpid()}.building")
            _migrate_into(connection, alias, str(building))
            os.replace(building, template)
            forget_old_files(keep=template)
    return str(template)


def _sqlite(connection, alias: str) -> Prepared:
    template = _sqlite_template(connection, alias)
    original = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    _point_at(connection, alias, test_name)
    connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    return Prepared(alias, original, test_name, template)


def _drop(cursor, name: str) -> None:
    """Drops a database that sessions of ours may still use. Not `WITH (FORCE)`: that refuses, for a role that is
    not a superuser, when one of them is an autovacuum worker (found on CI after a test that wrote many rows; no role
    has the right to stop it), where a plain DROP stops the autovacuum workers itself. Our own sessions are closed
    first; a plain DROP waits up to 5 s for them to go."""
    cursor.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
        [name],
    )
    cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _copy_of_template(connection, test_name: str, template: str) -> None:
    """This process's database, made again as a copy of the template, whoever of ours is still connected to the old
    one: PostgreSQL copies the files (0.3 s a time, where PostgreSQL 15's default of copying through its log took
    0.4 s)."""
    with connection.creation._nodb_cursor() as cursor:
        _drop(cursor, test_name)
        cursor.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}" STRATEGY FILE_COPY')


def _postgresql_template(connection, alias: str) -> str:
    """Named after the test database without pytest-xdist's suffix (test_guichet_gw0 → test_guichet_tpl_…), so that
    every process of the run, and the controller of several, find the same one. Migrated under another name, then
    renamed: a migration cut short leaves no template behind."""
    prefix = f"{connection.creation._get_test_db_name().rsplit('_gw', 1)[0]}_tpl_"
    template = f"{prefix}{fingerprint()}"
    with locked(template):
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix.replace("_", r"\_") + "%"])
            existing = {row[0] for row in cursor.fetchall()}
        if template not in existing:
            building = f"{template}_building"
            with connection.creation._nodb_cursor() as cursor:
                for stale in existing:
                    _drop(cursor, stale)
            _migrate_into(connection, alias, building)
            with connection.creation._nodb_cursor() as cursor:
                cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    return template


def _postgresql(connection, alias: str) -> Prepared:
    template = _postgresql_template(connection, alias)
    original = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    with locked(template):
        _copy_of_template(connection, test_name, template)
    _point_at(connection, alias, test_name)
    connection.ensure_connection()
    return Prepared(alias, original, test_name, template)


def make_template(alias: str = DEFAULT_DB_ALIAS) -> None:
    """The migrated template of the current code, made now if there is none (for the controller of several
    processes, which migrates it while they start: tests/conftest.py)."""
    connection = connections[alias]
    engine = connection.settings_dict["ENGINE"]
    if engine == SQLITE:
        _sqlite_template(connection, alias)
    elif engine == POSTGRESQL:
        _postgresql_template(connection, alias)


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
    the template made it, so that the next tests of this process find what they expect, under the same keys. SQLite
    copies the template back into its database; PostgreSQL makes the database again from the template (0.3 s, where
    emptying the tables again and loading back what the template held took 0.6 to 1 s)."""
    from django.contrib.contenttypes.models import ContentType

    connection = connections[prepared.alias]
    if connection.settings_dict["ENGINE"] == SQLITE:
        connection.ensure_connection()
        source = sqlite3.connect(prepared.template)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        connection.close()
        with locked(prepared.template):
            _copy_of_template(connection, prepared.test_name, prepared.template)
    ContentType.objects.clear_cache()


def tear_down(prepared: Prepared) -> None:
    connections[prepared.alias].creation.destroy_test_db(prepared.original_name, verbosity=0)
