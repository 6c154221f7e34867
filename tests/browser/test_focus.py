"""Visible focus (WCAG 2.4.7, RGAA 10.7): moving through a page with the Tab key, every element that takes the focus
shows it — an outline or a ring — on one page per public route and on the admin's pages. The first elements without
one are named."""

import pytest

from guichet.crawl import one_per_route
from tests.browser.test_admin import ADMIN_PAGES, staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "animatrice@demo.guichet.invalid"
MAX_TABS = 250

# The element that has the focus, and whether it shows it (outline of 2 px at least, or a box shadow), after Tab.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== 'none';
  const href = e.getAttribute('href'), field = e.getAttribute('name');
  const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/ +/).join('.') : '')
    + (href ? '[' + href + ']' : '')
    + (field ? '[name=' + field + ']' : '');
  if (!e.dataset.focusWalk) e.dataset.focusWalk = String(document.querySelectorAll('[data-focus-walk]').length + 1);
  return {id: e.dataset.focusWalk, name: name, shown: outline || ring};
}"""


def _walk(page, base_url, path, failures):
    page.goto(base_url + path)
    seen, hidden = set(), []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["id"] in seen:  # back to the start: the whole page was walked
            break
        seen.add(focused["id"])
        if not focused["shown"]:
            hidden.append(focused["name"])
    if hidden:
        failures[path] = ", ".join(hidden[:4])
    return len(seen)


def test_every_focused_element_shows_it(browser, demo_site):
    base_url, paths = demo_site
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    failures, reached = {}, 0
    for url in one_per_route(base_url + p for p in paths):
        reached += _walk(page, base_url, url.removeprefix(base_url), failures)
    staff_login(page, base_url, COORDINATOR)
    for path in ADMIN_PAGES:
        reached += _walk(page, base_url, path, failures)
    context.close()
    assert reached > 500  # the walk did move the focus, page after page
    assert not failures, "Focus invisible :\n" + "\n".join(f"{p} — {w}" for p, w in failures.items())
