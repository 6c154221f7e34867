"""Site-wide tests: every public page reachable from the home page, discovered by crawling the demo site."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from guichet.crawl import crawl, one_per_route, page_paths

pytestmark = pytest.mark.django_db

NONSENSE_PARAMETERS = {
    "page": ["zzz", "-1", "999999999999", "1.5"],
    "q": ["é" * 4000, "<script>alert(1)</script>", "\u202e", "' OR 1=1 --"],
    "phase": ["inconnue"],
    "statut": ["n-importe-quoi"],
    "departement": ["zz", "99999"],
    "theme": ["x" * 300],
    "du": ["pas-une-date"],
    "source": ["%00%ff", "\x00nul"],
}


@pytest.fixture(scope="module")
def demo_pages(demo_content, django_db_blocker):
    """The public pages of the demo content, found by crawling it once for the module."""
    visitor = Client()

    def fetch(url):
        response = visitor.get(url)
        html = response.content.decode() if response.status_code == 200 else ""
        _HTML[url] = html
        return response.status_code, html

    with django_db_blocker.unblock():
        found = crawl(fetch)
    # Every link works: a page, or a redirect (to the login page for /compte/).
    assert {u: s for u, s in found.items() if s not in (200, 302)} == {}
    return page_paths(url for url, status in found.items() if status == 200)


# url → the page's HTML, as a visitor read it while crawling (demo_pages).
_HTML: dict[str, str] = {}


def test_the_crawl_finds_the_sections_and_the_demo_content(demo_pages):
    paths = {urlsplit(url).path for url in demo_pages}
    for expected in ("/", "/ressources/", "/annuaire/", "/agenda/", "/groupes/", "/questionnaire/", "/actualites/"):
        assert expected in paths
    assert "/actualites/loi-5-fevrier-2025-cancer-du-sein/" in paths


def test_every_public_page_has_one_h1_french_and_a_title_naming_it(demo_pages):
    for url in demo_pages:
        html = _HTML[url]  # as the crawl read it
        assert '<html lang="fr">' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1)
        name = title.rsplit(" — Guichet unique", 1)[0].strip()
        assert title.endswith("— Guichet unique") and name and name != "Guichet unique", (url, title)


def test_no_public_page_answers_500_to_nonsense_parameters(client, demo_pages):
    # Parameters reach the view, whatever the entry: one page per route.
    for url in one_per_route(demo_pages):
        path = urlsplit(url).path
        for name, values in NONSENSE_PARAMETERS.items():
            for value in values:
                response = client.get(path, {name: value})
                assert response.status_code in (200, 400, 404), (path, name, value[:40], response.status_code)
        # Everything at once, and a repeated parameter.
        query = "&".join(f"{name}={values[0][:200]}" for name, values in NONSENSE_PARAMETERS.items())
        assert client.get(f"{path}?{query}&page=1&page=2").status_code in (200, 400, 404), path


def test_no_public_page_answers_500_to_a_post(client, demo_pages):
    # A post reaches the view, whatever the entry: one page per route.
    for url in one_per_route(demo_pages):
        response = client.post(urlsplit(url).path, {"q": "x"})
        assert response.status_code < 500, url


def test_one_page_per_route_and_kind():
    urls = [
        "/ressources/aides/a/",
        "/ressources/aides/b/",
        "/ressources/fiches/c/",
        "/ressources/aides/",
        "/ressources/fiches/",
        "/actualites/x/",
        "/actualites/y/",
        "/livret/13/",
        "/livret/04/",
        "/nulle-part/",
    ]
    assert one_per_route(urls) == [
        "/actualites/x/",
        "/livret/04/",
        "/ressources/aides/",
        "/ressources/aides/a/",
        "/ressources/fiches/",
        "/ressources/fiches/c/",
    ]


def test_the_crawl_skips_data_files():
    from guichet.crawl import internal_links

    html = (
        '<a href="/annuaire/export/structures.json">x</a><a href="/agenda/agenda.ics">y</a><a href="/annuaire/">z</a>'
    )
    assert internal_links(html) == ["/annuaire/"]
