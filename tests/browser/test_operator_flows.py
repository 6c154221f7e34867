"""Issue 16, "done when": each role walked through the back office in a real browser (Debian's Chromium).

- An operator corrects a published structure: the public page keeps the published version, unchanged, until the
  coordinator reads the change and publishes it; then it shows the correction.
- An operator fills in her structure's opening hours in the day-by-day table and confirms the entry is current; no
  page she sees on the way carries an English word or Django's jargon ("objet", "object").
"""

import re

import pytest

from guichet.enums import EditorialStatus
from tests.backoffice.test_french_admin import ENGLISH, visible_text
from tests.browser.test_admin import staff_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OPERATOR = "operatrice@demo.guichet.invalid"
COORDINATOR = "animatrice@demo.guichet.invalid"


def her_published_structure():
    from annuaire.models import Structure

    structure = (
        Structure.objects.filter(owner__members__email=OPERATOR, status=EditorialStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )
    assert structure is not None, "the demo gives the operator's organisation a published structure"
    return structure


def public_text(browser, url) -> str:
    """The page as a visitor sees it: a fresh browser context, nobody signed in."""
    context = browser.new_context()
    try:
        visitor = context.new_page()
        response = visitor.goto(url)
        assert response.status == 200, url
        return visitor.inner_text("main")
    finally:
        context.close()


def assert_plain_french(page, seen: list[str]):
    text = visible_text(page.content())
    english = [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]
    assert not english, f"{page.url}: {english}"
    assert not re.search(r"\bobj(?:et|ect)s?\b", text, re.IGNORECASE), page.url
    seen.append(page.url)


def test_a_correction_stays_offline_until_the_coordinator_publishes_it(page, browser, demo_site):
    base_url, _ = demo_site
    structure = her_published_structure()
    public = base_url + structure.get_absolute_url()
    before = structure.summary
    correction = "Accueil des entrepreneuses le mardi et le jeudi, sans rendez-vous."
    assert correction not in public_text(browser, public)

    # The operator corrects the summary and saves.
    staff_login(page, base_url, OPERATOR)
    page.goto(f"{base_url}/admin/annuaire/structure/{structure.pk}/change/")
    page.fill("#id_summary", correction)
    page.locator("input[name=_save]").first.click()
    page.wait_for_url(f"{base_url}/admin/annuaire/structure/")
    assert "votre modification attend la relecture de l'animatrice" in page.inner_text("ul.messagelist")
    assert "Modification en attente" in page.inner_text("#result_list")

    # Online, the published version, unchanged.
    text = public_text(browser, public)
    assert before in text and correction not in text

    # The coordinator reads the change and publishes it.
    page.context.clear_cookies()
    staff_login(page, base_url, COORDINATOR)
    page.goto(f"{base_url}/admin/annuaire/structure/{structure.pk}/modification/")
    assert correction in page.inner_text("#content")  # the whole new text, beside the published one
    with page.expect_navigation():
        page.click("input[name=_approve]")
    assert page.url == f"{base_url}/admin/", page.inner_text("#content")[:1500]
    assert "modification publiée" in page.inner_text("ul.messagelist")

    text = public_text(browser, public)
    assert correction in text and before not in text


def test_an_operator_updates_her_hours_and_confirms_in_plain_french(page, browser, demo_site):
    base_url, _ = demo_site
    structure = her_published_structure()
    seen = []
    staff_login(page, base_url, OPERATOR)
    assert_plain_french(page, seen)  # her home: her to-do

    page.goto(f"{base_url}/admin/annuaire/structure/")
    assert_plain_french(page, seen)
    page.click(f"#result_list a[href='/admin/annuaire/structure/{structure.pk}/change/']")
    page.wait_for_url(f"{base_url}/admin/annuaire/structure/{structure.pk}/change/")
    assert_plain_french(page, seen)

    # Monday to Friday 9 h – 12 h, Wednesday also 14 h – 17 h, closed on public holidays.
    for day in ("mo", "tu", "we", "th", "fr"):
        page.fill(f"input[name=opening_hours_{day}_1_start]", "09:00")
        page.fill(f"input[name=opening_hours_{day}_1_end]", "12:00")
    page.fill("input[name=opening_hours_we_2_start]", "14:00")
    page.fill("input[name=opening_hours_we_2_end]", "17:00")
    page.check("input[name=opening_hours_holidays]")
    with page.expect_navigation():
        page.locator("input[name=_confirm_up_to_date]").first.click()
    assert page.url == f"{base_url}/admin/annuaire/structure/{structure.pk}/change/"
    messages = page.inner_text("ul.messagelist")
    assert "attend la relecture de l'animatrice" in messages
    assert_plain_french(page, seen)
    # The form shows her hours, as proposed, and says today is the last verification.
    assert page.input_value("input[name=opening_hours_we_2_start]") == "14:00"
    assert "Dernière vérification le" in page.inner_text("#content")

    page.click("text=Voir ce qui change")
    assert_plain_french(page, seen)
    review = page.inner_text("#content")
    assert "Horaires" in review and "14 h" in review

    page.goto(f"{base_url}/admin/")
    assert_plain_french(page, seen)
    assert len(seen) == 6

    structure.refresh_from_db()
    assert structure.status == EditorialStatus.PUBLISHED
    assert not structure.is_stale  # confirmed current today
