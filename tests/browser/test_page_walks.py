"""The checks that cost a browser's visit per page, run on one visit per page: the page is loaded once, then laid out
again at each width a check needs (a new width lays the same page out as a new load would: the HTML is the same, only
the style sheet's media queries change) and printed. A page load costs the server's render and the browser's parsing;
the checks themselves are scripts on the loaded page.

The public pages (guichet.crawl.sample: one per route and kind, and the heaviest) on a phone, then at the other
widths; on a computer, then on paper; the back office's pages (the coordinator's), on a laptop, then at the other
widths. What each check is and why it looks where it does is told beside its script:
- axe's WCAG 2.1 A/AA rules, with the error state of every form — test_accessibility.py;
- fields, buttons and the focus indicator at 3:1 (RGAA 3.3), styles that reorder the content (10.3), labels next to
  their fields (11.4), the tab order (12.8) — test_rgaa_more.py;
- the focus shown on every element the Tab key stops at (10.7) — test_focus.py;
- no sideways scrolling at 320 px (10.11) — test_small_screens.py;
- no text lost at 200 % (10.4) nor with the WCAG text spacings (10.12) — test_text_spacing_and_zoom.py;
- paper (the print style sheet) — test_navigation.py's former PDF check, here;
- the back office under the strict Content-Security-Policy: nothing blocked, no script error — test_admin.py's former
  check of the coordinator's pages, here.

Every finding is collected; the test fails at the end naming the criterion, the page and the elements."""

from collections import defaultdict

import pytest

from guichet.crawl import one_per_route
from tests.browser.test_accessibility import CONTRAST_AT, VIEWPORTS, axe_violations, with_axe
from tests.browser.test_admin import ADMIN_PAGES, staff_login
from tests.browser.test_focus import FOCUS_EACH
from tests.browser.test_rgaa_more import (
    COMPONENTS,
    LABELS,
    ORDER_ADMIN,
    ORDER_PUBLIC,
    REORDERED,
    SAMPLE_ADMIN,
    _focus_problems,
    _tab_order,
)
from tests.browser.test_small_screens import WIDEST
from tests.browser.test_text_spacing_and_zoom import CLIPPED, SIDEWAYS, SPACING

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COORDINATOR = "animatrice@demo.guichet.invalid"
PHONE, COMPUTER = VIEWPORTS["téléphone"], VIEWPORTS["ordinateur"]
NARROW = {"width": 320, "height": 640}  # RGAA 10.11
# A 1280 px window zoomed to 200 %: the page lays out in 640 CSS pixels (RGAA 10.4).
ZOOMED = {"width": 640, "height": 400}
# Pages on which the focus indicator's contrast is measured: its style is one rule per site (test_rgaa_more.py).
FOCUS_CONTRAST_PUBLIC = ["/", "/annuaire/aismt-04/mise-en-relation/"]
FOCUS_CONTRAST_ADMIN = ["/admin/annuaire/structure/", "/admin/agenda/event/add/"]
# The forms of the public pages, and the reporting form of the details, submitted empty (test_accessibility.py).
FORMS = ("main form[method=post]:not(#signaler form)", "#signaler form")


class Findings:
    """What the checks found, by criterion and page."""

    def __init__(self):
        self.found: dict[str, dict[str, list[str]]] = defaultdict(dict)

    def add(self, criterion: str, path: str, problems) -> None:
        if problems := list(problems):
            self.found[criterion][path] = problems

    def report(self) -> str:
        return "\n".join(
            f"{criterion}\n" + "\n".join(f"  {path}\n    " + "\n    ".join(lines) for path, lines in pages.items())
            for criterion, pages in self.found.items()
        )


def _relayout(page, size: dict) -> None:
    """The same page at another width: the focus left where it was, the layout redone for that width."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.set_viewport_size(size)


def _sideways(page) -> list[str]:
    overflow = page.evaluate(SIDEWAYS)
    return [f"{overflow} px de trop : " + ", ".join(page.evaluate(WIDEST))] if overflow > 0 else []


def _text_lost(page) -> list[str]:
    problems = page.evaluate(CLIPPED)
    if (overflow := page.evaluate(SIDEWAYS)) > 0:
        problems.append(f"{overflow} px de défilement horizontal")
    return problems


def _with_text_spacing(page) -> list[str]:
    """WCAG 1.4.12's spacings over the site's styles, as a reader's style sheet does: a style sheet built by script,
    which the site's Content-Security-Policy does not block (as it would block a <style> added to the page)."""
    page.evaluate(
        """css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
                    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""",
        SPACING,
    )
    assert page.evaluate("getComputedStyle(document.body).wordSpacing") != "0px", "espacements non appliqués"
    return _text_lost(page)


def _reordered(page) -> list[str]:
    return page.evaluate(REORDERED) + [f"étiquette loin de son champ : {found}" for found in page.evaluate(LABELS)]


def _focus_hidden(page) -> tuple[list[str], int]:
    page.keyboard.press("Tab")  # the keyboard is in use: focus moved by script shows as on the Tab key
    walked = page.evaluate(FOCUS_EACH)
    return [element["name"] for element in walked if not element["shown"]][:4], len(walked)


def _paper(page) -> list[str]:
    page.emulate_media(media="print")
    problems = []
    pdf = page.pdf(format="A4", print_background=False)
    if not (pdf.startswith(b"%PDF") and len(pdf) > 1000):
        problems.append("PDF vide")
    # The navigation and forms are hidden on paper; the content is not; closed FAQ answers are printed too.
    if page.locator(".main-nav").is_visible():
        problems.append("navigation imprimée")
    if not page.locator("h1").is_visible():
        problems.append("titre absent du papier")
    if page.locator("details.faq").count() and not page.locator("details.faq p").first.is_visible():
        problems.append("réponses de la FAQ fermées sur papier")
    page.emulate_media(media="screen")
    return problems


def _form_errors(page, url: str, contrast: bool):
    """Each form of the page submitted empty: its error state, through axe. The first is submitted from the page as
    the checks left it (they change styles, focus and width, not what a form sends); the page is loaded again for
    the next."""
    forms = [form for form in FORMS if page.locator(form).count()]
    for number, form in enumerate(forms):
        if number:
            page.goto(url)
        if form == "#signaler form":
            page.locator("#signaler summary").click()
        page.locator(f"{form} button[type=submit]").first.click()
        page.wait_for_load_state()
        yield form, axe_violations(page, contrast=contrast, stylesheets=False)


def test_public_pages_on_a_phone_then_at_320_px_at_200_percent_and_with_text_spacing(browser, demo_site):
    base_url, sample = demo_site.base_url, demo_site.sample
    routes = set(one_per_route(demo_site.paths))
    context = with_axe(browser.new_context(viewport=PHONE, locale="fr-FR"))
    page = context.new_page()
    found, submitted = Findings(), 0
    for path in sample:
        page.goto(base_url + path)
        found.add("axe (téléphone)", path, axe_violations(page, contrast=CONTRAST_AT == "téléphone", stylesheets=False))
        if path in routes:
            found.add("RGAA 10.3 et 11.4 : ordre et étiquettes (téléphone)", path, _reordered(page))
        if path in ORDER_PUBLIC:  # before any focus moves: the Tab key starts from the top of the page
            found.add("RGAA 12.8 : ordre de tabulation (téléphone)", path, _tab_order(page))
        _relayout(page, NARROW)
        found.add("RGAA 10.11 : défilement horizontal à 320 px", path, _sideways(page))
        if path in routes:
            _relayout(page, ZOOMED)
            found.add("RGAA 10.4 : texte perdu à 200 %", path, _text_lost(page))
        _relayout(page, PHONE)
        found.add("RGAA 10.12 : texte perdu avec les espacements WCAG (téléphone)", path, _with_text_spacing(page))
        if path in routes:
            for form, violations in _form_errors(page, base_url + path, contrast=CONTRAST_AT == "téléphone"):
                found.add("axe (téléphone), formulaire en erreur", f"{path} ({form})", violations)
                submitted += 1
    context.close()
    assert submitted >= 20  # the forms were submitted, route after route
    assert not found.found, "\n" + found.report()


def test_public_pages_on_a_computer_then_on_paper(browser, demo_site):
    base_url, sample = demo_site.base_url, demo_site.sample
    routes = set(one_per_route(demo_site.paths))
    context = with_axe(browser.new_context(viewport=COMPUTER, locale="fr-FR"))
    page = context.new_page()
    found, focused, submitted = Findings(), 0, 0
    for path in sample:
        page.goto(base_url + path)
        found.add(
            "axe (ordinateur)", path, axe_violations(page, contrast=CONTRAST_AT == "ordinateur", stylesheets=False)
        )
        if path in routes:
            found.add("RGAA 3.3 : champs et boutons", path, [f"composant {x}" for x in page.evaluate(COMPONENTS)])
        if path in FOCUS_CONTRAST_PUBLIC:
            found.add("RGAA 3.3 : contraste du focus", path, _focus_problems(page))
        if path in routes:
            hidden, reached = _focus_hidden(page)
            found.add("RGAA 10.7 : focus invisible", path, hidden)
            focused += reached
        found.add("Papier", path, _paper(page))
        if path in routes:
            for form, violations in _form_errors(page, base_url + path, contrast=CONTRAST_AT == "ordinateur"):
                found.add("axe (ordinateur), formulaire en erreur", f"{path} ({form})", violations)
                submitted += 1
    context.close()
    assert focused > 300 and submitted >= 20  # the focus walk moved the focus, the forms were submitted
    assert not found.found, "\n" + found.report()


def test_the_back_office_pages_on_a_laptop_then_at_200_percent_at_320_px_and_with_text_spacing(browser, demo_site):
    """The coordinator's pages (test_admin.py's ADMIN_PAGES) and the sample of guichet/rgaa.yaml (test_rgaa_more.py's
    SAMPLE_ADMIN), which the public gate does not cover: axe with text contrast, fields and buttons, the focus, the
    order, the labels; then zoomed, narrow and with the text spacings. On every page, and on a group's attendance
    sheet, the back office works under the strict Content-Security-Policy: nothing blocked, no script error (the
    browser's console), and the admin's own scripts run (typing a title fills in the address)."""
    from pairs.models import PeerGroup

    base_url = demo_site.base_url
    context = with_axe(browser.new_context(viewport=COMPUTER, locale="fr-FR"))
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    staff_login(page, base_url, COORDINATOR)
    found, focused = Findings(), 0
    group = PeerGroup.objects.get(slug="demo-visio-entreprendre-pendant-les-traitements")
    attendance = f"/admin/pairs/peergroup/{group.pk}/emargement/"
    for path in dict.fromkeys([*SAMPLE_ADMIN, *ADMIN_PAGES, attendance]):
        console.clear()
        response = page.goto(base_url + path)
        found.add("Réponse", path, [] if response.status == 200 else [f"statut {response.status}"])
        # What the page and its scripts did while loading (the checks' own scripts come after).
        found.add("Console : blocages (CSP) et erreurs de script", path, list(console))
        if path in SAMPLE_ADMIN:
            found.add("axe et RGAA 3.3 (administration)", path, axe_violations(page))
            found.add("RGAA 3.3 : champs et boutons", path, [f"composant {x}" for x in page.evaluate(COMPONENTS)])
            found.add("RGAA 10.3 et 11.4 : ordre et étiquettes", path, _reordered(page))
        if path in ORDER_ADMIN:  # first: the Tab key starts from the top of the page
            found.add("RGAA 12.8 : ordre de tabulation", path, _tab_order(page))
        if path in FOCUS_CONTRAST_ADMIN:
            found.add("RGAA 3.3 : contraste du focus", path, _focus_problems(page))
        if path in ADMIN_PAGES:
            hidden, reached = _focus_hidden(page)
            found.add("RGAA 10.7 : focus invisible", path, hidden)
            focused += reached
            _relayout(page, ZOOMED)
            found.add("RGAA 10.4 : texte perdu à 200 %", path, _text_lost(page))
        if path in SAMPLE_ADMIN:
            _relayout(page, NARROW)
            # A data table may scroll inside its own box (the criterion's particular case): the page may not.
            if (overflow := page.evaluate(SIDEWAYS)) > 0:
                found.add("RGAA 10.11 : défilement horizontal à 320 px", path, [f"{overflow} px de trop"])
        if path in ADMIN_PAGES:
            _relayout(page, COMPUTER)
            found.add("RGAA 10.12 : texte perdu avec les espacements WCAG", path, _with_text_spacing(page))
        page.set_viewport_size(COMPUTER)
    console.clear()
    page.goto(base_url + "/admin/guichet/announcement/add/")
    page.locator("#id_title").press_sequentially("Permanence à Gap")
    found.add("Console : blocages (CSP) et erreurs de script", "/admin/guichet/announcement/add/ (saisie)", console)
    found.add(
        "Scripts de l'administration",
        "/admin/guichet/announcement/add/",
        [] if page.input_value("#id_slug") == "permanence-a-gap" else ["l'adresse ne se remplit pas"],
    )
    context.close()
    assert focused > 200
    assert not found.found, "\n" + found.report()
