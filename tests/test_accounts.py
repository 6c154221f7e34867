import re
from pathlib import Path

import allauth
import pytest
from allauth.account import app_settings as account_settings
from allauth.account.models import EmailAddress
from django.conf import settings

from courriel import mail
from guichet.account_adapter import EMAILS, AccountAdapter
from guichet.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-long"
SIGNATURE = "\n-- \nGuichet unique\n"


def _path(url: str) -> str:
    """The path of an absolute link in an e-mail, for the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _link(body: str, path: str) -> str:
    return re.search(rf"https?://\S+{re.escape(path)}\S*", body).group(0)


def _in_french_with_one_signature(message) -> None:
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.body.count("-- \n") == 1 and SIGNATURE in message.body
    assert not re.search(r"\b(Hello|Thank you|You're receiving|Please)\b", message.body + message.subject)


def test_signup_with_email_only_requires_verification(client, mailoutbox):
    response = client.post(
        "/compte/signup/",
        {"email": "Entrepreneuse@Exemple.fr", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email.lower() == "entrepreneuse@exemple.fr"
    assert not user.is_staff
    assert not EmailAddress.objects.get(user=user).verified
    [message] = mailoutbox
    assert message.to == ["entrepreneuse@exemple.fr"]
    assert message.subject == "Confirmez votre adresse e-mail — Guichet unique"
    assert message.body.startswith("Bonjour,\n\nVous venez de créer un compte sur le Guichet unique avec cette adresse")
    days = account_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS
    assert f"(valable {days} jour{'s' if days > 1 else ''})" in message.body
    _in_french_with_one_signature(message)
    # Not verified yet: she cannot log in.
    client.logout()
    response = client.post("/compte/login/", {"login": "entrepreneuse@exemple.fr", "password": "un-mot-de-passe-long"})
    assert "_auth_user_id" not in client.session

    link = re.search(r"https?://[^\s]+/compte/confirm-email/[^\s]+", mailoutbox[0].body).group(0)
    client.post(link.split("testserver", 1)[1])
    assert EmailAddress.objects.get(user=user).verified
    response = client.post("/compte/login/", {"login": "entrepreneuse@exemple.fr", "password": "un-mot-de-passe-long"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_errors_are_in_french_and_keep_the_email(client):
    response = client.post(
        "/compte/signup/", {"email": "entrepreneuse@exemple.fr", "password1": "abc", "password2": "abd"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="entrepreneuse@exemple.fr"' in html
    assert "mot de passe" in html.lower()
    assert User.objects.count() == 0


def test_account_page_needs_login_and_deletion_removes_everything(client):
    assert client.get("/compte/").status_code == 302
    user = UserFactory(email="visiteuse@exemple.fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    assert "visiteuse@exemple.fr" in client.get("/compte/").content.decode()
    assert client.get("/compte/supprimer/").status_code == 200
    response = client.post("/compte/supprimer/", follow=True)
    assert "Votre compte et les informations qui y étaient liées sont supprimés." in response.content.decode()
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()


def test_back_office_accounts_are_not_deleted_from_the_public_site(client, people):
    client.force_login(people.coordinator)
    client.post("/compte/supprimer/")
    assert User.objects.filter(pk=people.coordinator.pk).exists()


def test_role_decides_back_office_access():
    visitor = UserFactory()
    operator = UserFactory(operator=True)
    administrator = UserFactory(administrator=True)
    assert (visitor.is_staff, visitor.is_superuser) == (False, False)
    assert (operator.is_staff, operator.is_superuser) == (True, False)
    assert (administrator.is_staff, administrator.is_superuser) == (True, True)
    assert User.objects.create_superuser("root@exemple.fr", "x").role == "administratrice"


def test_every_admin_asks_the_role_of_whoever_is_signed_in_the_same_way(rf, people):
    """guichet.admin's helpers, which the admin of every app asks, read the User's properties: the coordinator's pages
    are administrators' too; a deactivated account and an anonymous visitor are no one."""
    from guichet.admin import is_administrator, is_coordinator, is_operator

    def roles(user):
        request = rf.get("/admin/")
        request.user = user
        return is_operator(request), is_coordinator(request), is_administrator(request)

    people.inactive = UserFactory(administrator=True, is_active=False)
    people.visitor = UserFactory()
    assert {name: roles(user) for name, user in vars(people).items()} == {
        "anonymous": (False, False, False),
        "owner_operator": (True, False, False),
        "other_operator": (True, False, False),
        "coordinator": (False, True, False),
        "administrator": (False, True, True),
        "inactive": (False, False, False),
        "visitor": (False, False, False),
    }


# allauth's e-mails go through courriel.mail (issue 20, point 4): ours, in French, with the one signature.


def test_a_login_before_confirming_sends_the_link_again(client, mailoutbox):
    user = UserFactory(email="elle@exemple.fr", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    client.post("/compte/login/", {"login": "elle@exemple.fr", "password": PASSWORD})

    assert "_auth_user_id" not in client.session
    [message] = mailoutbox
    assert message.to == ["elle@exemple.fr"] and message.subject == "Confirmez votre adresse e-mail — Guichet unique"
    assert message.body.startswith(f"Bonjour {user.first_name},\n\nPour utiliser cette adresse avec votre compte")
    _in_french_with_one_signature(message)
    client.post(_path(_link(message.body, "/compte/confirm-email/")))
    assert EmailAddress.objects.get(user=user).verified


def test_a_forgotten_password_link_lets_her_choose_a_new_one(client, mailoutbox):
    user = UserFactory(email="elle@exemple.fr", first_name="Nadia")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    response = client.post("/compte/password/reset/", {"email": "elle@exemple.fr"})

    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["elle@exemple.fr"]
    assert message.subject == "Choisissez un nouveau mot de passe — Guichet unique"
    assert message.body.startswith("Bonjour Nadia,\n\nVous avez demandé à choisir un nouveau mot de passe")
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    assert f"(valable {days} jour{'s' if days > 1 else ''})" in message.body
    assert "votre mot de passe actuel reste valable" in message.body
    assert message.body.endswith(
        "-- \nGuichet unique\nCe message vous est envoyé parce que cette adresse (elle@exemple.fr) a été saisie sur le "
        "Guichet unique. Il vient d'une adresse qui ne reçoit pas les réponses.\n"
    )
    _in_french_with_one_signature(message)

    response = client.get(_path(_link(message.body, "/compte/password/reset/key/")), follow=True)
    new_password = "Un-nouveau-mot-de-passe-2027"
    form_url = response.redirect_chain[-1][0]
    client.post(form_url, {"password1": new_password, "password2": new_password})
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_signing_up_again_with_her_address_tells_her_by_e_mail_only(client, mailoutbox):
    user = UserFactory(email="elle@exemple.fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    data = {"email": "elle@exemple.fr", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/compte/signup/", data)

    assert response.status_code == 302 and User.objects.count() == 1
    [message] = mailoutbox
    assert message.to == ["elle@exemple.fr"] and message.subject == "Vous avez déjà un compte — Guichet unique"
    assert "Un compte existe déjà avec elle : aucun autre n'a été créé." in message.body
    assert client.get(_path(_link(message.body, "/compte/password/reset/"))).status_code == 200
    _in_french_with_one_signature(message)


def test_a_new_password_for_an_unknown_address_says_there_is_no_account(client, mailoutbox):
    response = client.post("/compte/password/reset/", {"email": "inconnue@exemple.fr"})

    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["inconnue@exemple.fr"]
    assert message.subject == "Aucun compte avec cette adresse — Guichet unique"
    assert "Aucun compte n'utilise cette adresse" in message.body
    assert client.get(_path(_link(message.body, "/compte/signup/"))).status_code == 200
    _in_french_with_one_signature(message)


def test_an_email_of_allauth_we_do_not_write_is_refused_not_sent_in_english(rf, mailoutbox):
    from allauth.core import context

    request = rf.get("/")
    with context.request_context(request), pytest.raises(mail.UnknownEmail, match="account/email/login_code"):
        AccountAdapter(request).send_mail("account/email/login_code", "elle@exemple.fr", {"code": "ABC123"})
    assert mailoutbox == []


# Every e-mail allauth ships, and why it is ours or cannot be sent: a new one (a new version of allauth) or a setting
# turned on (a notification, a code instead of a link) fails here until guichet.account_adapter.EMAILS says it.
NOT_SENT = {
    "account/email/login_code": "LOGIN_BY_CODE_ENABLED",
    "account/email/password_reset_code": "PASSWORD_RESET_BY_CODE_ENABLED",
    "account/email/email_confirm": None,  # a template no code of allauth sends
    **dict.fromkeys(
        [
            "account/email/password_reset",
            "account/email/password_changed",
            "account/email/password_set",
            "account/email/email_changed",
            "account/email/email_deleted",
            "mfa/email/totp_activated",
            "mfa/email/totp_deactivated",
            "mfa/email/recovery_codes_generated",
            "mfa/email/webauthn_added",
            "mfa/email/webauthn_removed",
        ],
        "EMAIL_NOTIFICATIONS",
    ),
}


def test_every_email_allauth_can_send_here_is_one_of_ours():
    templates = Path(allauth.__file__).parent / "templates"
    shipped = {
        str(path.relative_to(templates)).removesuffix("_subject.txt")
        for path in templates.glob("*/email/*_subject.txt")
        if path.relative_to(templates).parts[0] in {"account", "mfa"}
    }
    assert "allauth.socialaccount" not in settings.INSTALLED_APPS  # its e-mails (account_connected…) cannot be sent
    assert shipped == set(EMAILS) | set(NOT_SENT)
    assert not set(EMAILS) & set(NOT_SENT)
    assert {setting: getattr(account_settings, setting) for setting in filter(None, NOT_SENT.values())} == {
        "LOGIN_BY_CODE_ENABLED": False,
        "PASSWORD_RESET_BY_CODE_ENABLED": False,
        "EMAIL_NOTIFICATIONS": False,
    }
    assert account_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED is False  # ours give the link, never a code
    assert set(EMAILS.values()) <= mail.names()
    assert {name: mail.problems(name) for name in EMAILS.values() if mail.problems(name)} == {}
