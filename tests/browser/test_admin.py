"""The back office in a real browser: an operator's and the coordinator's lists fit a 1280 px screen without scrolling
sideways. The coordinator's pages (ADMIN_PAGES) are walked, checked and shown to work under the strict
Content-Security-Policy in test_page_walks.py."""

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

EDITORIAL_LISTS = [
    "/admin/guichet/announcement/",
    "/admin/ressources/sheet/",
    "/admin/ressources/aid/",
    "/admin/ressources/inspiringcontent/",
    "/admin/annuaire/structure/",
    "/admin/agenda/event/",
    "/admin/pairs/peergroup/",
]


def staff_login(page, base_url, email):
    """A member of the team signed in with her second factor (tests/helpers/mfa.py): the session a password and a
    code from her app would give, handed to the browser."""
    from guichet.models import User
    from tests.helpers.mfa import StaffClient

    client = StaffClient()
    client.force_login(User.objects.get(email=email))
    page.context.add_cookies(
        [{"name": name, "value": morsel.value, "url": base_url} for name, morsel in client.cookies.items()]
    )
    page.goto(base_url + "/admin/")
    assert page.url == base_url + "/admin/", page.url


def _overflow(page) -> dict:
    return page.evaluate(
        """() => {
            const results = document.querySelector('#changelist .results');
            return {
                page: document.documentElement.scrollWidth - window.innerWidth,
                table: results ? results.scrollWidth - results.clientWidth : 0,
                rows: document.querySelectorAll('#result_list tbody tr').length,
            };
        }"""
    )


@pytest.mark.parametrize("email", ["operatrice@demo.guichet.invalid", "animatrice@demo.guichet.invalid"])
def test_editorial_lists_fit_1280_px_without_scrolling_sideways(page, demo_site, email):
    """Finding: key columns off-screen at 1280 px. Every editorial list, with its filters, as an operator and as the
    coordinator: no horizontal scroll of the page nor of the table, with the demo's long titles."""
    base_url, _ = demo_site
    page.set_viewport_size({"width": 1280, "height": 800})
    staff_login(page, base_url, email)
    too_wide = {}
    for path in EDITORIAL_LISTS:
        response = page.goto(base_url + path)
        assert response.status == 200, path
        overflow = _overflow(page)
        if overflow["page"] > 0 or overflow["table"] > 0:
            too_wide[path] = overflow
    assert too_wide == {}
