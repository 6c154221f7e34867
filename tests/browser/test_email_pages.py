"""Pages reached from e-mails or a stand, which the crawl cannot find: through axe too, at phone width."""

import pytest

from tests.browser.test_accessibility import axe_violations, with_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_confirm_cancel_and_stand_pages_pass_axe(browser, demo_site):
    from pairs import services, tokens
    from pairs.models import PeerGroup

    base_url, _ = demo_site
    group = PeerGroup.objects.get(slug="demo-marseille-reprendre-son-activite")
    registration = services.sign_up(group, first_name="Nadia", email="nadia@exemple.fr")
    paths = [
        f"/groupes/confirmer/{tokens.make(registration, tokens.CONFIRM)}/",
        f"/groupes/annuler/{tokens.make(registration, tokens.CANCEL)}/",
        "/groupes/confirmer/lien-abime/",
        f"/groupes/{group.slug}/inscription/envoyee/",
        "/stand/demo-salon-creation-marseille/",
    ]
    context = with_axe(browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True, locale="fr-FR"))
    page = context.new_page()
    failures = {}
    for path in paths:
        page.goto(base_url + path)
        if violations := axe_violations(page, stylesheets=False):  # the orientation rule: test_rgaa_markup.py
            failures[path] = violations
    # The outcome of a confirmation, and the stand's bar on a questionnaire page.
    page.goto(base_url + paths[0])
    page.get_by_role("button", name="Je confirme mon inscription").click()
    page.wait_for_load_state()
    assert "confirmée" in page.content()
    if violations := axe_violations(page, stylesheets=False):
        failures["confirmation faite"] = violations
    context.close()
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())
