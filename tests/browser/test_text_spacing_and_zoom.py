"""Text spacing (WCAG 1.4.12, RGAA 10.12) and text at 200 % (WCAG 1.4.4, RGAA 10.4): with the spacings a reader may
impose, and on a window zoomed to 200 %, no crawled page loses text — nothing cut by a box that hides its overflow,
nothing pushed sideways out of the window. The elements at fault are named. test_page_walks.py runs the check on the
pages; the check itself is tested here."""

import pytest

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
