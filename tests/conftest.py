import os
import threading
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import OrganisationFactory, UserFactory
from tests.helpers.cores import Shares, in_order, xdist_workers


@pytest.fixture(autouse=True)
def no_pending_page_views():
    """Reads of pages are counted in memory and written once a minute: each test starts with none pending, and no
    write from an earlier test's reads lands in its database."""
    import time

    from guichet import pageviews

    pageviews._pending.clear()
    pageviews._last_flush = time.monotonic()
    yield
    pageviews._pending.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and the page cache live in the cache: every test starts with an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content (`manage.py load_demo`, loaded once per process: tests/helpers/demo_rows.py), put in once for a
    module and rolled back after it: the module's tests run in savepoints on top of it. For tests that read the demo
    content; the loader's own tests call it."""
    from django.db import transaction

    from tests.helpers import demo_rows

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_rows.put_back()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Association propriétaire", slug="proprietaire")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Autre association", slug="autre")


@pytest.fixture
def people(organisation, other_organisation):
    """The same five people in every permission test."""
    return SimpleNamespace(
        anonymous=AnonymousUser(),
        owner_operator=UserFactory(operator=True, email="operatrice@proprietaire.fr", organisations=[organisation]),
        other_operator=UserFactory(operator=True, email="operatrice@autre.fr", organisations=[other_organisation]),
        coordinator=UserFactory(coordinator=True, email="animatrice@guichet.fr"),
        administrator=UserFactory(administrator=True, email="admin@guichet.fr"),
    )


@pytest.fixture
def client():
    """pytest-django's test client, whose `force_login` of a member of the team also gives her second factor, as
    allauth records it (tests/helpers/mfa.py): the back office requires it (guichet/staff_security.py)."""
    from tests.helpers.mfa import StaffClient

    return StaffClient()


def pytest_collection_modifyitems(config, items):
    """Mark `transactional` the tests that commit (django_db(transaction=True), a live server): their database is
    emptied after them, migrated vocabulary included, and put back as the template made it (pytest_runtest_teardown
    below), so that they run among the others on the cores `make test` spreads the suite over (pytest-xdist)."""
    misplaced = [item.nodeid for item in items if item.get_closest_marker("browser") and "/browser/" not in item.nodeid]
    if misplaced:
        raise pytest.UsageError(f"Tests du navigateur hors de tests/browser/ (make test les oublierait) : {misplaced}")
    for item in items:
        marker = item.get_closest_marker("django_db")
        committed = marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
        if committed or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.transactional)
    if os.environ.get("GUICHET_DATABASE_TESTS_ONLY") == "1":
        _keep_the_tests_using_the_database(config, items)
    if xdist_workers(config) > 1:
        in_order(items, _uses_the_database)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """The controller of several processes (pytest-xdist) migrates the template they copy (tests/helpers/template_db.py)
    while they start and collect, instead of their first test waiting the whole migration."""
    config = session.config
    if hasattr(config, "workerinput") or not (config.getvalue("numprocesses") or 0) > 1:
        return
    from pytest_django.plugin import blocking_manager_key

    from tests.helpers import template_db

    def migrate():
        try:
            with config.stash[blocking_manager_key].unblock():
                template_db.make_template()
        except Exception:  # noqa: BLE001 — the processes migrate it then, and report what fails
            pass

    _template_made.append(threading.Thread(target=migrate, name="gabarit"))
    _template_made[0].start()


# The controller's migration of the template (pytest_sessionstart).
_template_made: list = []


def pytest_sessionfinish(session):
    for thread in _template_made:
        thread.join()


def pytest_xdist_make_scheduler(config, log):
    """With `--dist loadfile` on several cores, files are handed out in the order `in_order` gives, the browser tests
    in one group per core (tests/helpers/cores.py)."""
    return Shares(config, log) if config.getvalue("dist") == "loadfile" else None


# The fixtures through which a test reaches the database (besides the django_db marker).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server", "django_db_reset_sequences"}


def _uses_the_database(item) -> bool:
    return bool(item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def _keep_the_tests_using_the_database(config, items):
    """The second pass of `make test`, on PostgreSQL: the tests that never reach the database (settings, static scans
    of the code, pure functions, subprocesses on a SQLite file of their own) run the same on both passes; they run once,
    on the first one."""
    kept, dropped = [], []
    for item in items:
        (kept if _uses_the_database(item) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """This process's test database: a copy of one migrated once for the whole run (tests/helpers/template_db.py),
    instead of migrating again in every process."""
    from tests.helpers import template_db

    with django_db_blocker.unblock():
        prepared = template_db.set_up()
    _database.update(prepared=prepared, blocker=django_db_blocker)
    yield
    _database.clear()
    with django_db_blocker.unblock():
        template_db.tear_down(prepared)


# This process's test database (django_db_setup), for the hooks below.
_database: dict = {}


def pytest_configure(config):
    """After a test that commits, Django empties every table (TransactionTestCase's flush, 0.3 to 0.8 s on
    PostgreSQL), then pytest_runtest_teardown below puts the template back, which that emptying only delayed: the
    template is put back instead."""
    from django.test import TransactionTestCase

    TransactionTestCase._fixture_teardown = lambda self: None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that commits (a browser's too) leaves its tables emptied, the migrations' vocabulary with them: once its
    fixtures are torn down, the database is put back as the template made it, so it may run among the other tests of
    a process. (The browser tests then put the demo content they start from: tests/browser/conftest.py.)"""
    yield
    if item.get_closest_marker("transactional") is not None and _database:
        from tests.helpers import template_db

        with _database["blocker"].unblock():
            template_db.restore(_database["prepared"])
