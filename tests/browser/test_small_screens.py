"""Reflow (WCAG 1.4.10, RGAA 10.11): on a 320 px wide screen, no page scrolls sideways; the widest element is named
when one does. The pages: one per route and kind and the heaviest (guichet.crawl.sample, walked by
test_page_walks.py with this script), the filtered listings and her parcours for four profiles (here). Long words
and addresses in any entry are wrapped by the stylesheet (`overflow-wrap` on the body), which tests/test_rgaa_markup.py
checks."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > limit + 1);
  const last = wide.filter(e => !wide.some(child => child !== e && e.contains(child)));
  const name = e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '');
  return last.slice(0, 3).map(e => name(e) + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)');
}"""


# Pages the crawl does not reach: filtered listings (the feed's address is long) and her parcours.
FILTERED = ["/agenda/?departement=13&theme=bien-etre&periode=mois", "/groupes/?departement=13&places=libres"]
# The longest statuts, a relative asking for her, every phase.
PROFILES = [
    {"status": "liberale-non-reglementee", "phase": "traitement", "departement": "13", "themes": ["bien-etre"]},
    {"status": "gerante-majoritaire", "phase": "apres", "departement": "84", "for_whom": "proche"},
    {"status": "presidente-sas", "phase": "prevention", "departement": "06", "paid_mandate": "non"},
    {"status": "ne-sait-pas", "phase": "traitement", "departement": "75", "twelve_months": "ne-sait-pas"},
]


def _overflow(page, base_url, path, failures, label=""):
    page.goto(base_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        failures[path + label] = f"{overflow} px de trop : " + ", ".join(page.evaluate(WIDEST))


def test_filtered_listings_and_her_parcours_do_not_scroll_sideways_at_320_px(browser, demo_site):
    """The pages the crawl does not reach; the sample's are walked at 320 px by test_page_walks.py."""
    from guichet import answers

    base_url = demo_site.base_url
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="fr-FR")
    page = context.new_page()
    failures = {}
    for path in FILTERED:
        _overflow(page, base_url, path, failures)
    for profile in PROFILES:
        context.add_cookies(
            [{"name": answers.COOKIE_NAME, "value": answers.seal("cookie", {"a": profile}), "url": base_url}]
        )
        for path in ("/mon-parcours/", "/mon-parcours/imprimer/"):
            _overflow(page, base_url, path, failures, f" ({profile['status']}, {profile['phase']})")
    context.close()
    assert not failures, "Défilement horizontal à 320 px :\n" + "\n".join(f"{p} — {w}" for p, w in failures.items())
