"""Paper complete (issue 19, point 3): every printed kind carries, on paper only, the site's name, the page's address
with a QR code to it, the print date and the team's verification date; the booklet says how to reach the Guichet and
reads without glitches on the real content; an aid says where to get its paper form."""

import datetime
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from django.utils.formats import date_format

from annuaire.models import Structure
from guichet import answers as answers_cookie
from guichet.models import Territory
from onboarding.models import SourceCode
from ressources.models import Aid, Sheet
from tests.factories import AidFactory, SheetFactory, StructureFactory

pytestmark = pytest.mark.django_db

SITE = "https://guichet.example"


class _PrintOnly(HTMLParser):
    """The text and markup inside the elements a screen hides and paper shows (class "print-only")."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "path", "rect"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.blocks = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.blocks[-1].append(self.get_starttag_text())
            if tag not in self.VOID:
                self.depth += 1
        elif "print-only" in classes:
            self.blocks.append([])
            self.depth = 1

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.blocks[-1].append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if self.depth:
                self.blocks[-1].append(f"</{tag}>")

    def handle_data(self, data):
        if self.depth:
            self.blocks[-1].append(data)


def print_only(html: str) -> str:
    parser = _PrintOnly()
    parser.feed(html)
    assert len(parser.blocks) == 1, f"{len(parser.blocks)} blocs « print-only »"
    return "".join(parser.blocks[0])


def text_of(markup: str) -> str:
    """The words as read: inline tags vanish, others separate."""
    markup = re.sub(r"</?(?:strong|em|a|span)\b[^>]*>", "", markup)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", markup))).replace("\u2019", "'").strip()


def day(value) -> str:
    return date_format(value, "j F Y")


def assert_paper(html: str, address: str, *, verified=None):
    """The print-only block: name, address, a QR code, "Imprimé le" today and the verification sentence."""
    block = print_only(html)
    words = text_of(block)
    assert "Guichet unique" in words
    assert f"{SITE}{address}" in words, words
    assert re.search(r"<svg[^>]*class=\"qr\"", block) and "<path" in block
    assert f"Imprimé le {day(timezone.localdate())}" in words
    if verified is not None:
        assert verified in words, words
    return words


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.GUICHET_SITE_URL = SITE
    settings.GUICHET_COORDINATOR_EMAIL = "animatrice@guichet.example"


def test_print_block_is_hidden_on_screen_and_shown_on_paper():
    css = (Path(django_settings.BASE_DIR) / "static/css/site.css").read_text()
    screen, _, paper = css.partition("@media print {\n  .print-only")
    assert ".print-only { display: none; }" in screen
    assert paper.lstrip().startswith("{ display: block !important; }")


def test_an_aid_on_paper_with_its_verification_date_and_paper_form(client, organisation):
    reviewed = timezone.now() - datetime.timedelta(days=40)
    aid = AidFactory(
        owner=organisation,
        published=True,
        title="Indemnités journalières",
        reviewed_at=reviewed,
        paper_form="À demander à votre caisse d'assurance maladie",
    )
    html = client.get(aid.get_absolute_url()).content.decode()
    assert_paper(html, aid.get_absolute_url(), verified=f"Vérifié le {day(timezone.localdate(reviewed))}")
    assert "<dt>Formulaire papier</dt><dd>À demander à votre caisse d&#x27;assurance maladie</dd>" in html


def test_an_unverified_sheet_is_never_called_verified(client, organisation):
    sheet = SheetFactory(owner=organisation, published=True, title="Le temps partiel thérapeutique")
    Sheet.objects.filter(pk=sheet.pk).update(reviewed_at=None, source_date=datetime.date(2025, 3, 1))
    words = assert_paper(client.get(sheet.get_absolute_url()).content.decode(), sheet.get_absolute_url())
    assert "Informations non encore vérifiées par l'équipe (source datée du 1 mars 2025)" in words
    assert "Vérifié" not in words


def test_a_structure_on_paper(client, organisation):
    structure = StructureFactory(owner=organisation, published=True, name="Maison bien-être")
    html = client.get(structure.get_absolute_url()).content.decode()
    assert_paper(html, structure.get_absolute_url(), verified=f"Vérifié le {day(timezone.localdate())}")


def test_listings_draw_no_qr_code(client, organisation):
    AidFactory(owner=organisation, published=True)
    for url in ("/", "/ressources/aides/", "/annuaire/"):
        html = client.get(url).content.decode()
        assert "print-only" not in html and 'class="qr"' not in html, url


def test_the_printed_parcours(client, organisation):
    AidFactory(owner=organisation, published=True, title="IJ des indépendantes", statuses=["artisane"])
    AidFactory(owner=organisation, title="Brouillon")
    answers = {"status": "artisane", "phase": "traitement", "departement": "13"}
    client.cookies[answers_cookie.COOKIE_NAME] = answers_cookie.seal("cookie", {"a": answers, "l": "test"})
    html = client.get("/mon-parcours/imprimer/").content.decode()
    assert "IJ des indépendantes" in html
    words = assert_paper(html, "/mon-parcours/")
    today = day(timezone.localdate())
    assert "Toutes les informations ont été vérifiées par l'équipe" in words
    assert f"la plus ancienne vérification date du {today}" in words


def test_the_booklet_on_paper_says_how_to_reach_the_guichet(client, organisation):
    old = timezone.now() - datetime.timedelta(days=90)
    AidFactory(owner=organisation, published=True, title="ALD", reviewed_at=old)
    AidFactory(owner=organisation, published=True, title="Aide jamais vérifiée", reviewed_at=None)
    html = client.get("/livret/13/").content.decode()
    words = assert_paper(html, "/livret/13/")
    assert f"(la plus ancienne vérification date du {day(timezone.localdate(old))})" in words
    assert "ne sont pas encore vérifiées par l'équipe" in words
    assert "animatrice@guichet.example" in html and f"{SITE}/annuaire/mise-en-relation/" in html


def test_the_booklet_never_prints_the_development_address_as_a_contact(client, settings):
    settings.GUICHET_COORDINATOR_EMAIL = "animatrice@localhost"
    html = client.get("/livret/13/").content.decode()
    assert "animatrice@localhost" not in html and "Joindre le Guichet unique" in html


def test_aid_lines_of_the_booklet_are_sentences(client, organisation):
    AidFactory(owner=organisation, published=True, title="Sans contact")
    AidFactory(
        owner=organisation,
        published=True,
        title="Avec son année",
        amount="3 000 € (2025).",
        amount_year=2025,
        apply_organisation="URSSAF.",
        paper_form="Cerfa à demander à l'URSSAF",
    )
    AidFactory(owner=organisation, published=True, title="Avec un téléphone", apply_phone="36 46")
    words = text_of(client.get("/livret/13/").content.decode())
    assert "Sans contact." in words
    assert "Avec son année — 3 000 € (2025). URSSAF. Formulaire papier : Cerfa à demander à l'URSSAF." in words
    assert "Avec un téléphone. Tél. 36 46." in words
    assert not re.search(r"\.\s*\.", words)


def test_the_field_kit_links_to_each_booklet(client, people):
    code = SourceCode.objects.create(code="salon-2027", label="Salon 2027")
    client.force_login(people.coordinator)
    html = client.get(f"/admin/onboarding/sourcecode/{code.pk}/flyer/").content.decode()
    for departement in Territory.objects.covered():
        assert f'href="/livret/{departement.code}/"' in html


# --- The booklet on the real content (content/*.yaml, loaded by load_demo) -------------------------------------------


@pytest.fixture(scope="module")
def demo(demo_content):
    """The demo content, loaded once for this module (tests/conftest.py)."""


@pytest.mark.parametrize("code", ["04", "05", "06", "13", "83", "84"])
def test_the_booklet_on_the_real_content_has_no_glitch(demo, client, code):
    html = client.get(f"/livret/{code}/").content.decode()
    article = html.split('<article class="booklet">', 1)[1].split("</article>", 1)[0]
    for item in re.findall(r"<(?:li|p)\b[^>]*>(.*?)</(?:li|p)>", article, flags=re.S):
        words = text_of(item)
        assert not re.search(r"\.\s*\.(?!\.)", words.replace("…", "")), words
        assert not re.search(r"\((\d{4})\)\s*\(\1\)", words), words
        assert not re.search(r",\s*[.,]", words), words
    assert_paper(html, f"/livret/{code}/")
    assert "Joindre le Guichet unique" in html


def test_real_aids_with_an_amount_print_its_year_once(demo, client):
    aids = Aid.objects.published().exclude(amount="")
    assert aids.exists()
    words = text_of(client.get("/livret/13/").content.decode())
    for aid in aids:
        if aid.title in words:
            assert words.count(f"({aid.amount_year}) ({aid.amount_year})") == 0


def test_printed_kinds_stay_light_with_their_qr_code(demo, client):
    """HTML and stylesheet under 100 KB on the real content, with the print block's QR code (a few KB)."""
    css = len((Path(django_settings.BASE_DIR) / "static/css/site.css").read_bytes())
    pages = [f"/livret/{code}/" for code in ("04", "13")]
    for model in (Aid, Sheet, Structure):
        pages += [entry.get_absolute_url() for entry in model.objects.published()]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) + css <= 100_000, (url, len(response.content))
