"""Visible focus (WCAG 2.4.7, RGAA 10.7): every element the Tab key stops at shows the focus — an outline or a ring —
on one page per public route and on the admin's pages. The first elements without one are named.

Pressing Tab from the browser costs two round trips per element (about 9 ms: 70 s for the walk); the page's own script
focuses the same elements in turn instead (Chromium shows `:focus-visible` on a focus moved by script once the keyboard
was used, as on the Tab key), and a real walk with the Tab key on a public form and an admin form checks that it stops
at no element the script would not focus. test_page_walks.py walks the pages with it."""

import pytest

from tests.browser.test_admin import staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "animatrice@demo.guichet.invalid"
MAX_TABS = 250  # the real walk with the Tab key

# How an element shows its focus, and its name in a report: an outline of 2 px at least, or a box shadow.
DESCRIBE = """
  const shows = e => {
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return outline || (style.boxShadow && style.boxShadow !== 'none');
  };
  const nameOf = e => {
    const href = e.getAttribute('href'), field = e.getAttribute('name');
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
      + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/ +/).join('.') : '')
      + (href ? '[' + href + ']' : '') + (field ? '[name=' + field + ']' : '');
  };
"""

# Every element the Tab key stops at (a tab index of 0 or more, not disabled), focused in turn by script: those that
# do not take the focus (hidden, inert, inside a closed disclosure) are the ones Tab skips as well. Returns, in the
# page's order, each element's place among the page's elements, its name and whether it shows its focus.
FOCUS_EACH = (
    """() => {"""
    + DESCRIBE
    + """
  const walked = [], all = [...document.querySelectorAll('*')];
  all.forEach((e, place) => {
    if (e.tabIndex < 0 || e.disabled) return;
    e.focus({focusVisible: true});
    if (document.activeElement !== e) return;
    walked.push({place: place, name: nameOf(e), shown: shows(e)});
  });
  return walked;
}"""
)

# After a press of the Tab key: the place among the page's elements of the one that has the focus.
FOCUSED_PLACE = """() => {
  const e = document.activeElement;
  return !e || e === document.body ? null : [...document.querySelectorAll('*')].indexOf(e);
}"""


@pytest.mark.parametrize("path", ["/annuaire/aismt-04/mise-en-relation/", "/admin/agenda/event/add/"])
def test_the_tab_key_stops_only_where_the_walk_by_script_goes(browser, demo_site, path):
    """The focus walk of test_page_walks.py against the Tab key on two forms (a public one, with the
    site's disclosure and links; the admin's, with its scripted widgets): every element Tab reaches is one the script
    focused, so the script's walk sees at least what the keyboard does."""
    base_url, _ = demo_site
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    if path.startswith("/admin/"):
        staff_login(page, base_url, COORDINATOR)
    page.goto(base_url + path)
    by_tab = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        place = page.evaluate(FOCUSED_PLACE)
        if place is None or place in by_tab:  # back to the start: the whole page was walked
            break
        by_tab.append(place)
    by_script = {element["place"] for element in page.evaluate(FOCUS_EACH)}
    context.close()
    assert len(by_tab) > 10
    assert set(by_tab) <= by_script, "Atteints par la touche Tab, pas par le parcours du script"


def test_the_walk_names_an_element_that_hides_its_focus(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_content(
        "<style>:focus-visible { outline: 3px solid; } .cache:focus-visible { outline: none; }</style>"
        '<a href="#a">vue</a><button class="cache">cachée</button><details><summary>plus</summary>'
        '<a href="#b">repliée</a></details><span tabindex="-1">hors tabulation</span>'
    )
    page.keyboard.press("Tab")
    walked = page.evaluate(FOCUS_EACH)
    context.close()
    assert [(element["name"], element["shown"]) for element in walked] == [
        ("a[#a]", True),
        ("button.cache", False),
        ("summary", True),
    ]
