import re

import pytest
from allauth.account.models import EmailAddress

from guichet.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_signup_with_email_only_requires_verification(client, mailoutbox):
    response = client.post(
        "/compte/signup/",
        {"email": "Entrepreneuse@Exemple.fr", "password1": "un-mot-de-passe-long", "password2": "un-mot-de-passe-long"},
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email.lower() == "entrepreneuse@exemple.fr"
    assert not user.is_staff
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.startswith("[Guichet unique]")
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
