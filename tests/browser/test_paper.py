"""On paper only (issue 19, point 3): in print media, a detail page and the booklet show the site's name, the page's
address, a QR code that decodes to that address and the dates; on screen, none of it."""

import io

import pytest
import zxingcpp
from django.core import serializers
from PIL import Image

from guichet.models import Territory
from tests.factories import AidFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    """Four device pixels per CSS pixel: closer to a printer's resolution than a screen's (a 3 cm code is about 110
    CSS pixels)."""
    return {**browser_context_args, "device_scale_factor": 4}


@pytest.fixture
def site(live_server, migrated_data, settings):
    if not Territory.objects.exists():
        for row in serializers.deserialize("json", migrated_data):
            row.save()
    settings.GUICHET_SITE_URL = "https://guichet.example"
    return live_server.url


def test_the_print_block_shows_on_paper_only_and_its_qr_code_opens_the_page(page, site):
    aid = AidFactory(owner=OrganisationFactory(), published=True, title="Indemnités journalières")
    for path in (aid.get_absolute_url(), "/livret/13/"):
        page.goto(site + path)
        footer = page.locator(".print-footer")
        assert not footer.is_visible(), path
        page.emulate_media(media="print")
        assert footer.is_visible(), path
        text = footer.inner_text()
        assert "Guichet unique" in text and f"https://guichet.example{path}" in text and "Imprimé le" in text
        png = footer.locator("svg.qr").screenshot()
        [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
        assert decoded.text == f"https://guichet.example{path}"
        page.emulate_media(media="screen")
