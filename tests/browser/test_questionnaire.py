"""The questionnaire done with the keyboard only at phone width, each step and the parcours through axe, the parcours
printed to PDF, and its QR code read back by a decoder: it must open the same parcours on another device."""

import io

import pytest
import zxingcpp
from PIL import Image

from tests.browser.test_accessibility import axe_violations, with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def tab_to(page, predicate_js, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    pytest.fail(f"Pas atteint au clavier : {predicate_js}")


def continue_with_keyboard(page):
    tab_to(page, "document.activeElement.tagName === 'BUTTON' && document.activeElement.value === 'suivant'")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_questionnaire_with_the_keyboard_only_on_a_phone(browser, demo_site):
    base_url, _ = demo_site
    context = with_axe(browser.new_context(viewport=PHONE, bypass_csp=True, locale="fr-FR"))
    page = context.new_page()
    failures = {}

    def check(label):
        if violations := axe_violations(page, stylesheets=False):  # the orientation rule: test_rgaa_markup.py
            failures[label] = violations

    page.goto(base_url + "/questionnaire/")
    check("accueil du questionnaire")
    tab_to(page, "document.activeElement.textContent.trim() === 'Commencer'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == base_url + "/questionnaire/pour-qui/"

    # Radio questions: Tab into the group, the arrow keys choose, then "Continuer".
    for step, expected_next in (
        ("pour-qui", "statut"),
        ("statut", "precision"),
        ("precision", "phase"),
    ):
        assert page.url.endswith(f"/questionnaire/{step}/")
        check(step)
        tab_to(page, "document.activeElement.type === 'radio'")
        page.keyboard.press("Space")
        if step == "statut":
            page.keyboard.press("ArrowDown")  # artisane → commerçante
        continue_with_keyboard(page)
        assert page.url.endswith(f"/questionnaire/{expected_next}/"), page.url
    check("phase")
    tab_to(page, "document.activeElement.type === 'radio'")
    page.keyboard.press("ArrowDown")  # prévention → en traitement
    continue_with_keyboard(page)

    assert page.url.endswith("/questionnaire/departement/")
    check("departement")
    tab_to(page, "document.activeElement.name === 'code_postal'")
    page.keyboard.type("13006")
    continue_with_keyboard(page)

    assert page.url.endswith("/questionnaire/besoins/")
    assert "Question 6 sur 6" in page.content()
    check("besoins")
    tab_to(page, "document.activeElement.type === 'checkbox'")
    page.keyboard.press("Space")
    continue_with_keyboard(page)

    assert page.url == base_url + "/mon-parcours/"
    html = page.content()
    assert "Commerçante" in html and "Je suis en traitement" in html and "Bouches-du-Rhône" in html
    assert "Pourquoi cette suggestion" in html
    check("parcours")
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())

    # Printed: a PDF of a few pages, without the forms.
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") <= 12
    assert not page.locator(".keep").is_visible()
    page.emulate_media(media="screen")

    # The QR code leads to the same parcours on another device.
    png = page.locator("img.qr").screenshot()
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert "/mon-parcours/?r=" in code.text
    other_context = browser.new_context(viewport=PHONE, locale="fr-FR")
    other = other_context.new_page()
    other.goto(code.text)
    assert other.url.endswith("/mon-parcours/") and "Commerçante" in other.content()
    other_context.close()  # no request of this device may outlive the test

    # On a shared device she erases her answers.
    page.goto(base_url + "/mon-parcours/")
    page.locator("form[action='/mon-parcours/effacer/'] button").click()
    page.wait_for_url(base_url + "/questionnaire/")
    page.goto(base_url + "/mon-parcours/")
    assert "pas encore répondu" in page.content()
    context.close()


def test_search_and_the_search_page_pass_axe(browser, demo_site):
    base_url, _ = demo_site
    context = browser.new_context(viewport=PHONE, bypass_csp=True, locale="fr-FR")
    page = context.new_page()
    page.goto(base_url + "/recherche/?q=prevoyance")
    assert "résultat" in page.content()
    assert axe_violations(page, stylesheets=False) == []  # the orientation rule: test_rgaa_markup.py
    context.close()


def test_after_terminer_et_effacer_back_shows_nothing_of_her(browser, demo_site):
    """The tablet of a stand: after the wipe, the Back button brings back neither her parcours nor what she ticked."""
    from onboarding.models import SourceCode

    base_url, _ = demo_site
    SourceCode.objects.create(code="stand-essai", label="Stand d'essai")
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(base_url + "/stand/stand-essai/")
    assert page.url == base_url + "/questionnaire/pour-qui/"
    page.goto(base_url + "/questionnaire/statut/")
    page.get_by_label("Artisane").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continuer").click()
    page.goto(base_url + "/questionnaire/besoins/")
    page.locator("input[type=checkbox]").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Voir mon parcours").click()
    assert page.url == base_url + "/mon-parcours/" and "Artisane" in page.content()
    names = {cookie["name"] for cookie in context.cookies()}
    assert {"reponses", "stand"} <= names and "sessionid" not in names

    with page.expect_navigation(url=base_url + "/questionnaire/pour-qui/"):
        page.get_by_role("button", name="Terminer et effacer").click()
    assert "Vos réponses sont effacées" in page.content()
    page.go_back()  # her parcours
    assert "Artisane" not in page.content() and "pas encore répondu" in page.content()
    page.go_back()  # the needs she ticked
    assert page.url == base_url + "/questionnaire/besoins/"
    assert page.locator("input:checked").count() == 0
    context.close()
