"""Discover the public pages of the site by following links from the home page.

Used by the site-wide tests, the browser and accessibility gates and the benchmark, so that every new page reachable
from the home page is covered without maintaining a list by hand.
"""

from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

# Not public pages: the back office, account actions, files, and the error-report forms (reached by POST).
EXCLUDED_PREFIXES = ("/admin/", "/static/", "/media/", "/compte/logout/", "/signaler/")
# Data files (open data, calendar feeds, exports) are not pages.
EXCLUDED_SUFFIXES = (".json", ".ics", ".csv")


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)


def internal_links(html: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html)
    links = []
    for href in parser.links:
        href, _ = urldefrag(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(EXCLUDED_PREFIXES) or parts.path.endswith(EXCLUDED_SUFFIXES):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def crawl(fetch: Callable[[str], tuple[int, str]], start: str = "/", limit: int = 500) -> dict[str, int]:
    """Breadth-first crawl: `fetch(url)` returns (status, html). Returns every URL found with its status."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        status, html = fetch(url)
        seen[url] = status
        if status == 200:
            queue.extend(link for link in internal_links(html) if link not in seen)
    return seen


def page_paths(urls) -> list[str]:
    """One URL per distinct path (query-string variants of a page share its template)."""
    chosen: dict[str, str] = {}
    for url in urls:
        chosen.setdefault(urlsplit(url).path, url)
    return sorted(chosen.values())


# Parameters that name one entry among many of the same kind (an entry, a département's booklet); the others (a kind,
# a section) choose the page's kind.
ENTRY_PARAMETERS = {"slug", "pk", "id", "code"}


def one_per_route(urls) -> list[str]:
    """One URL per URL pattern and kind: the pages of a list or the details of many entries share a view and a
    template (`/ressources/aides/a/` and `/ressources/aides/b/` count once; `/ressources/fiches/c/` is another)."""
    from django.urls import Resolver404, resolve

    chosen: dict[tuple, str] = {}
    for url in sorted(urls):
        path = urlsplit(url).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        kind = tuple(sorted((k, v) for k, v in match.kwargs.items() if k not in ENTRY_PARAMETERS))
        chosen.setdefault((match.route, kind), url)
    return sorted(chosen.values())


def sample(paths, sizes: dict[str, int], heaviest: int = 8) -> list[str]:
    """The pages a check that costs a browser's visit looks at: one per route and kind (`one_per_route`: the pages of
    a view share its template), and the `heaviest` pages by HTML size (long texts, lists and tables that the first page
    of their route may not have)."""
    chosen = set(one_per_route(paths))
    chosen.update(sorted(paths, key=lambda path: (-sizes.get(path, 0), path))[:heaviest])
    return sorted(chosen)
