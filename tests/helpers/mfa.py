"""The one way tests sign a member of the team in: with her second factor, as allauth records it (issue 17, point 2).

The back office asks a member of the team for a code from her authenticator app before any page
(guichet/staff_security.py). `record_second_factor` gives her an app (a real TOTP authenticator, with its known
secret) and writes in the test client's session what allauth writes after a password and a code: nothing is turned
off in the test settings. The `client` fixture (tests/conftest.py) does it on every `force_login` of a member of the
team; `totp_code` gives the code her app would show, for tests that go through the pages.
"""

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client, RequestFactory

# A fixed base32 secret: tests that type a code compute it from this.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_authenticator_app(user) -> Authenticator:
    """Her authenticator app, as if she had activated it (allauth.mfa's TOTP)."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, TEST_TOTP_SECRET).instance


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The code her app shows now, with at least 3 seconds left to type it: allauth accepts only the current period's
    code (MFA_TOTP_TOLERANCE 0), and a code drawn in a period's last instant was refused once its page answered in the
    next (seen in a slow run)."""
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 3:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def record_second_factor(client, user) -> None:
    """What allauth keeps in the session after she typed her password then a code from her app."""
    authenticator = give_authenticator_app(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    post_authentication(request, authenticator)
    session.save()


class StaffClient(Client):
    """The test client whose `force_login` signs a member of the team in with her second factor. Tests of the rule
    itself use `django.test.Client`, whose `force_login` gives none."""

    def force_login(self, user, backend=None):
        Client.force_login(self, user, backend)
        if user.is_staff:
            record_second_factor(self, user)


def sign_in_in_the_browser(page, base_url, email, password):
    """A member of the team signs in through the pages, as she would: the admin's login leads to the account's, then
    the code of her app (given here, with her verified address, as after her invitation)."""
    from allauth.account.models import EmailAddress

    from guichet.models import User

    user = User.objects.get(email=email)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    give_authenticator_app(user)
    page.goto(base_url + "/admin/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.click("form:has(#id_password) button[type=submit]")
    page.wait_for_url(base_url + "/compte/2fa/authenticate/")
    page.fill("#id_code", totp_code())
    page.click("form:has(#id_code) button[type=submit]")
    page.wait_for_url(base_url + "/admin/")
