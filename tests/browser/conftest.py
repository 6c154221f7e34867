"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser) against pytest-django's live server.

If Chromium is missing or cannot start, the run fails with a clear message: nothing is skipped silently.
"""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from guichet.crawl import crawl, page_paths

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the test are still synchronous.
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


@pytest.fixture
def demo_site(live_server, client, migrated_data):
    """The demo content on a live server, and the public pages found by crawling it."""
    from django.core import serializers

    from guichet.models import Territory

    if not Territory.objects.exists():
        for row in serializers.deserialize("json", migrated_data):
            row.save()
    call_command("load_demo", force=True, stdout=StringIO())

    def fetch(url):
        response = client.get(url)
        return response.status_code, response.content.decode() if response.status_code == 200 else ""

    found = crawl(fetch)
    return live_server.url, page_paths(url for url, status in found.items() if status == 200)
