"""Accessibility gate: axe-core (shipped by the axe-playwright-python package, never fetched) on one public page per
route and kind and on the heaviest pages (guichet.crawl.sample), at a phone and a desktop viewport. Any violation of a
WCAG 2.1 A/AA rule fails the run, naming page, rule and element. Two rules are checked where they cost least: text
contrast at the desktop viewport only, the orientation lock on the site's stylesheets (tests/test_rgaa_markup.py).
The walks over the pages that run it are in test_page_walks.py."""

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORTS = {"téléphone": {"width": 390, "height": 844}, "ordinateur": {"width": 1280, "height": 800}}
# Text contrast depends on colours, which no width changes (test_the_colours_are_the_same_at_every_width): axe checks
# it at the desktop viewport only; every other rule at both.
CONTRAST_AT = "ordinateur"


def axe_violations(page, contrast: bool = True, stylesheets: bool = True) -> list[str]:
    """axe's WCAG 2.1 A/AA rules on the page. Without `contrast`, all but the text contrast (two thirds of axe's time,
    checked at the other viewport: see test_the_colours_are_the_same_at_every_width). Without `stylesheets`, axe does
    not fetch and read the page's stylesheets (a third of its time), which only its orientation rule (WCAG 1.3.4)
    needs: tests/test_rgaa_markup.py checks the site's own stylesheets for it."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):  # not brought by the context (with_axe)
        page.add_script_tag(path=str(AXE_SCRIPT))
    # Colours measured once they have settled: the admin's editor fades its disabled buttons in a quarter of a second
    # after it starts, and axe measuring mid-fade reads a contrast no one sees for long.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    result = page.evaluate(
        """async ([tags, contrast, stylesheets]) => await axe.run(document, {
          runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], preload: stylesheets,
          rules: {'color-contrast': {enabled: contrast}}})""",
        [WCAG_21_AA, contrast, stylesheets],
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def with_axe(context):
    """A browser context whose every page has axe-core from its start: about 0.12 s less per page than adding the
    script to each page after it loaded (0.34 → 0.22 s per page, measured)."""
    context.add_init_script(path=str(AXE_SCRIPT))
    return context
