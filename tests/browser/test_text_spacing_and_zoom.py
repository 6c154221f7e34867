"""Text spacing (WCAG 1.4.12, RGAA 10.12) and text at 200 % (WCAG 1.4.4, RGAA 10.4): with the spacings a reader may
impose, and on a window zoomed to 200 %, no crawled page loses text — nothing cut by a box that hides its overflow,
nothing pushed sideways out of the window. The elements at fault are named."""

import pytest

from guichet.crawl import one_per_route
from tests.browser.test_admin import ADMIN_PAGES, staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG 1.4.12's four spacings, imposed over the site's own styles (as a reader's style sheet or extension does).
SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p, li, dd, dt, label, legend, h1, h2, h3, h4 { margin-bottom: 2em !important; }
"""

# Boxes that hide what overflows them and do overflow, with text in them. Deliberately hidden text (the visually
# hidden labels, 1 px wide; the robots' trap, off screen; an icon button's name) is not shown to anyone: left out.
CLIPPED = """() => {
  const name = e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '')
    + (e.id ? '#' + e.id : '');
  const found = [];
  for (const e of document.querySelectorAll('body *')) {
    const style = getComputedStyle(e);
    const hides = v => v === 'hidden' || v === 'clip';
    if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
    if (e.clientWidth <= 2 || e.clientHeight <= 2 || e.closest('.honeypot')) continue;
    // An icon button whose name is pushed out of its box on purpose (the admin's "image replacement"): the icon is
    // what one sees, the text is for screen readers.
    if (parseFloat(style.textIndent) < -99) continue;
    if (!e.innerText || !e.innerText.trim()) continue;
    const x = hides(style.overflowX) && e.scrollWidth > e.clientWidth + 1;
    const y = hides(style.overflowY) && e.scrollHeight > e.clientHeight + 1;
    if (x || y) found.push(name(e) + ' (' + e.scrollWidth + '×' + e.scrollHeight + ' dans ' + e.clientWidth + '×'
      + e.clientHeight + ')');
  }
  return found.slice(0, 3);
}"""

COORDINATOR = "animatrice@demo.guichet.invalid"
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _check(page, base_url, path, failures, *, spacing=False):
    page.goto(base_url + path)
    if spacing:
        page.add_style_tag(content=SPACING)
    problems = page.evaluate(CLIPPED)
    overflow = page.evaluate(SIDEWAYS)
    if overflow > 0:
        problems.append(f"{overflow} px de défilement horizontal")
    if problems:
        failures[path] = ", ".join(problems)


def test_no_text_is_lost_with_the_wcag_text_spacings(browser, demo_site):
    """One public page per route and kind and the heaviest (guichet.crawl.sample) on a phone, and the back office's
    pages (the coordinator's) on a laptop."""
    base_url, paths = demo_site.base_url, demo_site.sample
    # A reader's own style sheet is not bound by the site's Content-Security-Policy: neither is this one.
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    failures = {}
    for path in paths:
        _check(page, base_url, path, failures, spacing=True)
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    staff_login(page, base_url, COORDINATOR)
    for path in ADMIN_PAGES:
        _check(page, base_url, path, failures, spacing=True)
    context.close()
    assert not failures, "Texte perdu avec les espacements WCAG :\n" + "\n".join(
        f"{p} — {w}" for p, w in failures.items()
    )


def test_no_text_is_lost_at_200_percent(browser, demo_site):
    """A 1280 px window zoomed to 200 %: the page lays out in 640 CSS pixels, each drawn twice as large."""
    base_url, paths = demo_site
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2, locale="fr-FR")
    page = context.new_page()
    failures = {}
    for path in one_per_route(base_url + p for p in paths):
        _check(page, base_url, path.removeprefix(base_url), failures)
    staff_login(page, base_url, COORDINATOR)
    for path in ADMIN_PAGES:
        _check(page, base_url, path, failures)
    context.close()
    assert not failures, "Texte perdu à 200 % :\n" + "\n".join(f"{p} — {w}" for p, w in failures.items())


def test_the_check_finds_text_cut_by_a_box(browser):
    """The check itself: a box of fixed height that hides its overflow, and text taller than it, is named."""
    page = browser.new_page()
    page.set_content(
        '<p class="boite" style="height: 1.2em; overflow: hidden; width: 200px">Un texte assez long pour passer sur '
        "plusieurs lignes dans une boîte de hauteur fixe.</p>"
        '<span class="visually-hidden" style="position: absolute; width: 1px; height: 1px; overflow: hidden">'
        "Lu par les lecteurs d'écran.</span>"
    )
    assert [finding.split(" ")[0] for finding in page.evaluate(CLIPPED)] == ["p.boite"]
    page.close()
