"""The team's accounts protected (issue 17, point 2; guichet/staff_security.py).

Findings: `/admin/login/` had no throttling (40 wrong passwords, then the right one, accepted; an account locked out of
`/compte/login/` still logged in through `/admin/`); no second factor although staff see health data; the coordinator
could set any operator's password at `/admin/guichet/user/<id>/password/` and log in as her; staff sessions could not
be revoked (signed-cookie sessions: a cookie copied before logout still opened the admin after).

These tests use `django.test.Client`, whose `force_login` gives no second factor (the `client` fixture's does).
"""

import html as html_module
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers.mfa import give_authenticator_app, record_second_factor, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "Un-mot-de-passe-tres-solide-2027"


@pytest.fixture
def coordinator(db):
    user = UserFactory(coordinator=True, email="animatrice.bis@guichet.fr")
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def text(response) -> str:
    return html_module.unescape(response.content.decode())


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def login_through_the_admin(client, email, password):
    """What a person does: open /admin/login/, fill in the form it shows, send it where the form says."""
    response = client.get(reverse("admin:login"), follow=True)
    html = text(response)
    action = re.search(r'<form[^>]*action="([^"]*)"[^>]*>(?:(?!</form>).)*name="password"', html, re.S)
    url = action.group(1) if action and action.group(1) else response.request["PATH_INFO"]
    next_field = re.search(r'name="next" value="([^"]*)"', html)
    data = {"username": email, "login": email, "password": password}
    if next_field:
        data["next"] = next_field.group(1)
    return client.post(url, data)


# One throttled login for everyone.


def test_forty_wrong_passwords_then_the_right_one_at_the_admin_login_are_refused(coordinator):
    client = Client()
    for _ in range(40):
        response = login_through_the_admin(client, coordinator.email, "pas-le-bon")
        assert response.status_code in (200, 429)
        assert not signed_in(client)
    response = login_through_the_admin(client, coordinator.email, PASSWORD)
    assert not signed_in(client)
    assert response.status_code in (200, 429)
    html = text(response)
    assert "Trop de tentatives" in html
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_login_page_is_the_accounts_and_checks_no_password_itself(coordinator):
    client = Client()
    response = client.get(reverse("admin:login") + "?next=/admin/guichet/user/")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2Fguichet%2Fuser%2F"
    # Credentials posted straight to the admin's old form sign nobody in.
    response = client.post(reverse("admin:login"), {"username": coordinator.email, "password": PASSWORD})
    assert response.status_code == 302 and not signed_in(client)
    # Somewhere else than the site: the desk instead.
    response = client.get(reverse("admin:login") + "?next=https://ailleurs.example/")
    assert response.url == reverse("account_login") + "?next=%2Fadmin%2F"


def test_an_account_locked_out_of_the_account_login_cannot_sign_in_through_the_admin(coordinator):
    # Five wrong passwords for this account, from other addresses (allauth's per-account limit).
    for number in range(5):
        Client(REMOTE_ADDR=f"203.0.113.{number + 1}").post(
            reverse("account_login"), {"login": coordinator.email, "password": "pas-le-bon"}
        )
    client = Client(REMOTE_ADDR="198.51.100.9")
    response = login_through_the_admin(client, coordinator.email, PASSWORD)
    assert not signed_in(client)
    assert "Trop de tentatives de connexion" in text(response)


def test_a_signed_in_visitor_is_told_the_back_office_is_for_the_team():
    visitor = UserFactory(email="visiteuse@example.fr")
    client = Client()
    client.force_login(visitor)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse("account_home")
    assert "réservé à l'équipe" in text(response)


# A second factor before any admin page.


def test_a_member_of_the_team_without_an_authenticator_app_is_sent_to_set_one_up(coordinator, people):
    client = Client()
    client.force_login(coordinator)
    for url in (
        reverse("admin:index"),
        reverse("admin:guichet_user_changelist"),
        reverse("admin:guichet_user_change", args=[people.owner_operator.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response.url == reverse("mfa_activate_totp"), url
    # A form posted without the second factor does nothing.
    response = client.post(reverse("admin:guichet_user_changelist"), {"action": "send_invitation"})
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_she_sets_up_her_app_and_reaches_the_back_office(coordinator, django_capture_on_commit_callbacks):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.url == "/admin/"
    response = client.get("/admin/", follow=True)
    # allauth asks for her password again before adding a second factor, then shows the code to scan.
    assert response.request["PATH_INFO"] == reverse("account_reauthenticate")
    response = client.post(
        reverse("account_reauthenticate") + "?next=" + reverse("mfa_activate_totp"), {"password": PASSWORD}, follow=True
    )
    assert response.request["PATH_INFO"] == reverse("mfa_activate_totp")
    html = text(response)
    assert "double authentification" in html
    assert "<svg" in html and "data:image" not in html  # the QR code inline, under the Content-Security-Policy
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in html  # to type it in when she cannot scan

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert "Ce code n'est pas le bon" in text(response)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}, follow=True)
    assert response.request["PATH_INFO"] == reverse("mfa_view_recovery_codes")
    html = text(response)
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert reverse("admin:index") in html  # "Continuer vers le back-office"
    # Activating took a code from her app: the back office opens without asking again.
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_her_app_she_gives_a_code_after_her_password(coordinator):
    give_authenticator_app(coordinator)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": coordinator.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200 and "Ce code n'est pas le bon" in text(response)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.url == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_session_without_the_second_factor_is_asked_for_a_code(coordinator):
    """A session opened before the rule, or by a password reset link: her app is asked for before any admin page."""
    give_authenticator_app(coordinator)
    client = Client()
    client.force_login(coordinator)
    url = reverse("admin:guichet_user_changelist") + "?role=operator"
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("mfa_reauthenticate") + "?next=%2Fadmin%2Fguichet%2Fuser%2F%3Frole%3Doperator"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "saisissez le code affiché par votre application d'authentification" in text(page)
    response = client.post(response.url, {"code": "pas un code"})
    assert response.status_code == 200 and client.get(url).status_code == 302
    response = client.post(reverse("mfa_reauthenticate") + "?next=" + url.replace("?", "%3F"), {"code": totp_code()})
    assert response.status_code == 302 and response.url == url
    assert client.get(url).status_code == 200


def test_a_member_of_the_team_keeps_her_second_factor(coordinator):
    give_authenticator_app(coordinator)
    client = Client()
    client.force_login(coordinator)
    client.post(reverse("mfa_reauthenticate"), {"code": totp_code()})
    response = client.post(reverse("mfa_deactivate_totp"), {})
    assert response.status_code == 200
    assert "gardent la double authentification" in text(response)
    assert Authenticator.objects.filter(user=coordinator, type=Authenticator.Type.TOTP).exists()


def test_the_rule_is_not_turned_off_in_the_tests():
    assert "guichet.staff_security.StaffSecondFactorMiddleware" in settings.MIDDLEWARE
    assert "allauth.mfa" in settings.INSTALLED_APPS
    assert "totp" in settings.MFA_SUPPORTED_TYPES and "recovery_codes" in settings.MFA_SUPPORTED_TYPES
    assert not getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)


# Sessions that logging out and a password change end.


def copy_of(client) -> Client:
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return other


@pytest.mark.parametrize("logout_url", ["admin:logout", "account_logout"])
def test_a_copied_session_cookie_no_longer_opens_the_admin_after_logout(client, coordinator, logout_url):
    client.force_login(coordinator)  # with her second factor (tests/helpers/mfa.py)
    copied = copy_of(client)
    assert copied.get(reverse("admin:index")).status_code == 200
    client.post(reverse(logout_url))
    assert not signed_in(client)
    response = copied.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_a_password_change_ends_her_other_sessions(coordinator):
    elsewhere = Client()
    elsewhere.force_login(coordinator)
    record_second_factor(elsewhere, coordinator)
    assert elsewhere.get(reverse("admin:index")).status_code == 200
    here = Client()
    here.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    here.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert here.get(reverse("admin:index")).status_code == 200
    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Un-autre-mot-de-passe-2028", "password2": "Un-autre-mot-de-passe-2028"},
    )
    assert response.status_code == 302
    assert elsewhere.get(reverse("admin:index")).status_code == 302
    assert here.get(reverse("admin:index")).status_code == 200  # the session that changed it goes on


def test_sessions_live_in_the_database_and_expired_ones_are_deleted_on_schedule():
    assert settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    )
    assert "django.contrib.sessions" in settings.INSTALLED_APPS
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert re.search(r"^\s*[\d*]+\s+[\d*]+\s+\*\s+\*\s+\*\s+manage\.py clearsessions", readme, re.M)


# The coordinator never sets a password.


def test_the_coordinator_cannot_set_an_operators_password(client, people):
    operator = people.owner_operator
    operator.set_password("son-mot-de-passe-a-elle-2027")
    operator.save()
    client.force_login(people.coordinator)
    url = reverse("admin:auth_user_password_change", args=[operator.pk])
    assert url == f"/admin/guichet/user/{operator.pk}/password/"
    assert client.get(url).status_code == 403
    response = client.post(url, {"password1": "Je-prends-sa-place-2027", "password2": "Je-prends-sa-place-2027"})
    assert response.status_code == 403
    assert "Accès refusé" in text(response)
    operator.refresh_from_db()
    assert operator.check_password("son-mot-de-passe-a-elle-2027")
    # Her page offers to send her a link, never a password form.
    html = client.get(reverse("admin:guichet_user_change", args=[operator.pk])).content.decode()
    assert url not in html and "password/" not in html
    assert reverse("admin:guichet_user_send_reset", args=[operator.pk]) in html


def test_nobody_sets_a_password_in_the_admin_not_even_an_administrator(client, people):
    client.force_login(people.administrator)
    for person in (people.owner_operator, people.administrator):
        assert client.get(reverse("admin:auth_user_password_change", args=[person.pk])).status_code == 403
    # Her own: from her account, behind allauth's limits.
    response = client.get(reverse("admin:password_change"))
    assert response.status_code == 302 and response.url == reverse("account_change_password")


def test_the_coordinator_sends_a_link_instead(client, people, mailoutbox):
    client.force_login(people.coordinator)
    response = client.post(reverse("admin:guichet_user_send_reset", args=[people.owner_operator.pk]))
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == [people.owner_operator.email]
    assert "/compte/password/reset/key/" in message.body
