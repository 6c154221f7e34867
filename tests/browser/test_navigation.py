import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECTIONS = {
    "Ressources": "/ressources/",
    "Annuaire": "/annuaire/",
    "Agenda": "/agenda/",
    "Groupes de pairs": "/groupes/",
    "Mon parcours": "/questionnaire/",
}


def test_a_visitor_reaches_every_section_with_the_keyboard_only(page, demo_site):
    base_url, _ = demo_site
    csp_violations = []
    page.on(
        "console", lambda message: csp_violations.append(message.text) if "Content Security" in message.text else None
    )

    for label, path in SECTIONS.items():
        page.goto(base_url + "/")
        # The first Tab reaches the skip link: the keyboard path starts there.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
        for _ in range(60):
            focused = page.evaluate(
                "[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
            )
            if focused == [label, path]:
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail(f"« {label} » n'est pas atteignable au clavier depuis l'accueil.")
        page.keyboard.press("Enter")
        page.wait_for_url(base_url + path)
        assert page.locator("h1").count() == 1

    assert csp_violations == []


def test_the_skip_link_moves_focus_to_the_content(page, demo_site):
    base_url, _ = demo_site
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
