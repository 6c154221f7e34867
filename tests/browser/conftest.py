"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) against pytest-django's live server.

If Chromium is missing or cannot start, the run fails with a clear message: nothing is skipped silently.
"""

import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from guichet.crawl import crawl, page_paths, sample
from tests.helpers import template_db

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test are still synchronous.
# Set when the browser tests are collected, so for the whole process: Playwright's loop stays until the end of the
# run, and the other tests of a process that ran browser tests call the ORM under it too (the site has no async code
# for the guard to protect).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium est introuvable ({CHROMIUM}) : installez le paquet Debian « chromium » "
            "(make test le fait : apt-get install chromium).",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """The vocabulary the data migrations create, captured once before any browser test flushes it.

    Django's `serialized_rollback` cannot be used here: once Playwright runs its event loop in the test thread, Django's
    connections become context-local and the connection of the test is not the one the contents were stored on.
    """
    from django.core import serializers

    from guichet.models import PhaseTag, StatusTag, Territory, Theme

    with django_db_blocker.unblock():
        assert Theme.objects.exists(), (
            "Le vocabulaire des migrations a été effacé avant les tests du navigateur : un test transactionnel "
            "(django_db(transaction=True)) a tourné avant eux ; sautez-le par un marqueur (skipif), pas dans son corps."
        )
        rows = [
            *Territory.objects.exclude(kind="departement"),  # regions before their départements
            *Territory.objects.filter(kind="departement"),
            *Theme.objects.all(),
            *PhaseTag.objects.all(),
            *StatusTag.objects.all(),
        ]
        return serializers.serialize("json", rows)


@dataclass(frozen=True)
class DemoSite:
    """The live server's address, every public page found by crawling it, and the sample a check that costs a
    browser's visit per page looks at (`guichet.crawl.sample`: one page per route and kind, and the heaviest).
    Unpacks as (base_url, paths)."""

    base_url: str
    paths: list[str]
    sample: list[str]

    def __iter__(self):
        return iter((self.base_url, self.paths))


# The demo content as loaded and crawled in this process: an in-memory SQLite copy of the whole database, restored at
# the start of each browser test (milliseconds, where loading and crawling took about nine seconds), and its pages.
_demo: dict = {}


def _kept_demo() -> tuple[Path, Path]:
    """Where the first process to need them keeps the demo database and its pages for the others (SQLite): named
    after what they are made of (the project's files: tests/helpers/template_db.py; this file and the test settings)
    and the day (the demo's dates are drawn from today)."""
    made_by = hashlib.sha256(Path(__file__).read_bytes() + (Path(__file__).parents[1] / "settings.py").read_bytes())
    key = f"{template_db.fingerprint(pages=True)}-{made_by.hexdigest()[:8]}-{timezone.localdate().isoformat()}"
    return template_db.FOLDER / f"demo-{key}.sqlite3", template_db.FOLDER / f"demo-{key}.json"


@pytest.fixture
def demo_site(live_server, client, migrated_data):
    """The demo content on a live server, and the public pages found by crawling it."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if connection.vendor != "sqlite":
        return _load_and_crawl(live_server, client, migrated_data)
    if "copy" not in _demo:
        database, pages = _kept_demo()
        with template_db.locked(database.stem):
            if not database.exists():
                site = _load_and_crawl(live_server, client, migrated_data)
                kept = sqlite3.connect(database.with_suffix(".building"))
                connection.connection.backup(kept)
                kept.close()
                pages.write_text(json.dumps({"paths": site.paths, "sample": site.sample}), encoding="utf-8")
                os.replace(database.with_suffix(".building"), database)
                template_db.forget_old_files(keep=database)
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            source = sqlite3.connect(database)
            source.backup(copy)
            source.close()
            _demo.update(copy=copy, **json.loads(pages.read_text(encoding="utf-8")))
    connection.ensure_connection()
    _demo["copy"].backup(connection.connection)
    ContentType.objects.clear_cache()  # the flush after the last test drew new ones; the copy has the first
    return DemoSite(live_server.url, _demo["paths"], _demo["sample"])


def _load_and_crawl(live_server, client, migrated_data) -> DemoSite:
    from django.core import serializers

    from guichet.models import Territory

    if not Territory.objects.exists():
        for row in serializers.deserialize("json", migrated_data):
            row.save()
    call_command("load_demo", force=True, stdout=StringIO())
    sizes = {}

    def fetch(url):
        response = client.get(url)
        if response.status_code != 200:
            return response.status_code, ""
        html = response.content.decode()
        sizes[url] = len(html)
        return 200, html

    found = crawl(fetch)
    paths = page_paths(url for url, status in found.items() if status == 200)
    return DemoSite(live_server.url, paths, sample(paths, sizes))
