"""The back office works under the strict Content-Security-Policy (it is outside the accessibility gate)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADMIN_PAGES = [
    "/admin/",
    "/admin/guichet/announcement/",
    "/admin/guichet/announcement/add/",
    "/admin/guichet/organisation/",
    "/admin/guichet/territory/",
    "/admin/guichet/theme/",
    "/admin/guichet/errorreport/",
    "/admin/annuaire/structure/",
    "/admin/annuaire/structure/import/",
    "/admin/annuaire/contactrequest/",
    "/admin/agenda/event/",
    "/admin/agenda/event/add/",
    "/admin/ressources/sheet/add/",
    "/admin/pairs/peergroup/",
    "/admin/pairs/peergroup/add/",
    "/admin/pairs/registration/",
    "/admin/pairs/registration/add/",
    "/admin/onboarding/sourcecode/",
    "/admin/onboarding/usagecount/",
    "/admin/agenda/event/import/",
]


def test_the_coordinator_uses_the_admin_without_policy_violations(page, demo_site):
    base_url, _ = demo_site
    problems = []
    page.on(
        "console", lambda message: problems.append(f"{page.url}: {message.text}") if message.type == "error" else None
    )

    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", "animatrice@demo.guichet.invalid")
    page.fill("#id_password", "guichet-demo")
    page.click("input[type=submit]")
    page.wait_for_url(base_url + "/admin/")
    from pairs.models import PeerGroup

    group = PeerGroup.objects.get(slug="demo-visio-entreprendre-pendant-les-traitements")
    for path in [*ADMIN_PAGES, f"/admin/pairs/peergroup/{group.pk}/emargement/"]:
        response = page.goto(base_url + path)
        assert response.status == 200, path

    # The admin's own scripts run: typing a title fills in the address (slug).
    page.goto(base_url + "/admin/guichet/announcement/add/")
    page.locator("#id_title").press_sequentially("Permanence à Gap")
    assert page.input_value("#id_slug") == "permanence-a-gap"
    assert problems == []
