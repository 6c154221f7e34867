"""Printed things: the flyer's and the poster's QR codes decode to the right address; the booklet prints to PDF."""

import io
import re

import pytest
import zxingcpp
from PIL import Image

from tests.helpers.mfa import sign_in_in_the_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base_url):
    sign_in_in_the_browser(page, base_url, "animatrice@demo.guichet.invalid", "guichet-demo")


def test_flyer_and_poster_qr_codes_open_the_questionnaire_with_the_event_code(page, demo_site, settings):
    from onboarding.models import SourceCode

    base_url, _ = demo_site
    code = SourceCode.objects.get(code="demo-salon-creation-marseille")
    login(page, base_url)
    # Page width in PDF points: A5 is 148 mm (about 420 pt), A4 210 mm (about 595 pt).
    for name, width in (("flyer", 420), ("affiche", 595)):
        page.goto(f"{base_url}/admin/onboarding/sourcecode/{code.pk}/{name}/")
        png = page.locator("svg.qr").screenshot()
        [decoded] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
        assert decoded.text == f"{settings.GUICHET_SITE_URL}/questionnaire/?source=demo-salon-creation-marseille"
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1, name
        page_width = float(re.search(rb"/MediaBox \[0 0 ([\d.]+) ", pdf).group(1))
        assert abs(page_width - width) < 2, (name, page_width)
        page.emulate_media(media="screen")


def test_the_booklet_prints_to_a_few_pages_with_its_sections(page, demo_site):
    base_url, _ = demo_site
    page.goto(base_url + "/livret/13/")
    for heading in ("Les aides selon votre statut", "Près de chez vous", "Numéros nationaux", "Prochains rendez-vous"):
        assert page.get_by_role("heading", name=heading).is_visible()
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pdf.startswith(b"%PDF") and 1 <= pages <= 8, pages
    assert not page.locator(".site-search").is_visible()
