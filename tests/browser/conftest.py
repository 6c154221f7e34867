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


@pytest.fixture
def demo_site(live_server, client):
    """The demo content on a live server, and the public pages found by crawling it."""
    call_command("load_demo", force=True, stdout=StringIO())

    def fetch(url):
        response = client.get(url)
        return response.status_code, response.content.decode() if response.status_code == 200 else ""

    found = crawl(fetch)
    return live_server.url, page_paths(url for url, status in found.items() if status == 200)
