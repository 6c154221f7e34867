"""RGAA 4.1.2 criteria 8.2 (valid code), 8.9 (no tag used only for presentation), 9.3 (lists marked up as lists) and
7.5 (status messages of the admin), on the sample of the self-assessment (guichet/rgaa.yaml): every public page found
by crawling the demo site, its forms sent empty, and the sample's admin pages as the coordinator and as an operator.
The strict reading is tests/helpers/html_check.py."""

import re

import pytest

from guichet.crawl import crawl, one_per_route, page_paths
from guichet.models import User
from tests.browser.test_admin import ADMIN_PAGES
from tests.factories import StructureFactory
from tests.helpers import demo_rows
from tests.helpers.html_check import paragraphs_as_list, read

pytestmark = pytest.mark.django_db

# The admin pages of the sample: dashboard, an application, the list and the form of a structure, and the other
# pages the browser tests walk (forms with the select2 autocompletes, the two-list selectors, the rich-text editor).
SAMPLE_ADMIN = ["/admin/annuaire/", "/admin/annuaire/structure/add/", *ADMIN_PAGES]
COORDINATOR, OPERATOR = "animatrice@demo.guichet.invalid", "operatrice@demo.guichet.invalid"


_RENDERED: dict[str, str] = {}


@pytest.fixture
def sample(client):
    """path → html of the sample's pages: public ones (and their forms sent empty), then the admin's. Rendered once
    for the module's tests (the pages are text; the data they came from is rolled back after the first test)."""
    if _RENDERED:
        return _RENDERED
    demo_rows.put_back()
    crawled = {}

    def fetch(url):
        response = client.get(url)
        crawled[url] = response.content.decode() if response.status_code == 200 else ""
        return response.status_code, crawled[url]

    found = crawl(fetch)
    paths = page_paths(url for url, status in found.items() if status == 200)
    pages = {path: crawled[path] for path in paths}  # as the crawl read them
    for path in one_per_route(paths):
        if 'method="post"' in pages[path] and not path.startswith("/recherche"):
            response = client.post(path, {})
            if response.status_code == 200:
                pages[f"{path} (envoyé vide)"] = response.content.decode()
    pages["/nexiste-pas/"] = client.get("/nexiste-pas/").content.decode()
    for email in (COORDINATOR, OPERATOR):
        client.force_login(User.objects.get(email=email))
        for path in SAMPLE_ADMIN if email == COORDINATOR else ["/admin/", "/admin/annuaire/structure/"]:
            response = client.get(path)
            assert response.status_code == 200, (email, path)
            pages[f"{path} ({email.split('@')[0]})"] = response.content.decode()
        response = client.post("/admin/annuaire/structure/add/", {})
        pages[f"/admin/annuaire/structure/add/ ({email.split('@')[0]}, envoyé vide)"] = response.content.decode()
    client.logout()
    assert len(pages) > 60
    _RENDERED.update(pages)
    return pages


def test_every_page_of_the_sample_is_valid_html(sample):
    """RGAA 8.2: tags, nesting, opening and closing, attributes, ids unique, references that exist, nothing obsolete."""
    failures = {path: reader.problems[:5] for path, html in sample.items() if (reader := read(html)).problems}
    assert not failures, "Code invalide :\n" + "\n".join(f"{p}\n  " + "\n  ".join(w) for p, w in failures.items())


def test_no_tag_is_used_only_for_presentation_and_lists_are_lists(sample):
    """RGAA 8.9 (no empty paragraph, no line breaks in a row to space things, no layout table) and 9.3 (no list
    written with dashes, bullets or numbers after line breaks or in paragraphs)."""
    failures = {}
    for path, html in sample.items():
        reader = read(html)
        found = reader.presentation + [f"liste écrite à la main : {items}" for items in reader.hand_lists]
        found += [f"liste en paragraphes : {items}" for items in paragraphs_as_list(html)]
        if found:
            failures[path] = found[:3]
    assert not failures, "\n".join(f"{p} — {', '.join(w)}" for p, w in failures.items())


# Office documents (RGAA 13.3): text, spreadsheets, presentations, PDF.
OFFICE = re.compile(r'href="([^"]+\.(?:pdf|docx?|odt|rtf|xlsx?|ods|csv|pptx?|odp|epub))(?:\?[^"]*)?"', re.I)


def test_the_only_documents_offered_are_the_admins_spreadsheets(sample):
    """RGAA 13.3: no public page of the sample offers an office document to download (the booklets and the parcours
    are pages, printed by the browser); in the admin, only the spreadsheets of tests/test_rgaa_documents.py."""
    public = {path: OFFICE.findall(html) for path, html in sample.items() if not path.startswith("/admin/")}
    assert {path: found for path, found in public.items() if found} == {}
    admin = {link for path, html in sample.items() if path.startswith("/admin/") for link in OFFICE.findall(html)}
    attendance = re.compile(r"^/admin/pairs/peergroup/\d+/emargement\.csv$")
    assert {link for link in admin if link != "?format=csv" and not attendance.match(link)} == set()


def test_the_reader_finds_what_it_looks_for():
    """The check itself, on small pages written wrong on purpose."""
    good = '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><p>Un<br>deux</p><ul><li>a<li>b</ul>'
    assert read(good + "</body></html>").problems == []
    cases = {
        '<div id="a"></div><span id="a"></span>': "id « a » répété",
        "<p><div>x</div></p>": "</p> sans ouverture",
        "<p><span><div>x</div></span></p>": "dans un <p>",
        "<a href=/><button>x</button></a>": "interactif dans <a>",
        '<span class="a" class="b">x</span>': "attribut class doublé",
        "<li>x</li>": "<li> dans <body>",
        '<label for="nul">x</label>': "for vers « nul », absent",
        "<center>x</center>": "élément obsolète",
        "<em><strong>x</em></strong>": "non fermé",
        '<td align="left">x</td>': "attribut obsolète align",
    }
    for fragment, message in cases.items():
        problems = read(f"<!DOCTYPE html><html><body>{fragment}</body></html>").problems
        assert any(message in problem for problem in problems), (fragment, problems)
    assert read("<!DOCTYPE html><p>a</p><p></p>").presentation == ["paragraphe vide <p></p>"]
    assert read("<!DOCTYPE html><p>- un<br>- deux<br>- trois</p>").hand_lists
    assert paragraphs_as_list("<p>1. un</p><p>2. deux</p>")


def test_the_admin_says_its_messages_as_a_status(client, people, organisation):
    """RGAA 7.5: the admin's message after an action is in a role="status" list, as on
    the public site; the counter of ticked rows, which the admin's script updates, is a status too."""
    StructureFactory(owner=organisation, name="Maison des entrepreneuses")
    client.force_login(people.coordinator)
    path = "/admin/annuaire/structure/"
    assert '<span class="action-counter" role="status"' in client.get(path).content.decode()
    html = client.post(path, {"action": "delete_selected", "index": "0"}, follow=True).content.decode()
    assert '<ul class="messagelist" role="status">' in html and "doivent être sélectionnés" in html
