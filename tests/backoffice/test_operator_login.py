"""An operator finds her way in (issue 16, point 5): "Mot de passe oublié ?" on the admin login, and after choosing
her password from her invitation she lands in the back office."""

import re

import pytest
from django.urls import reverse

from backoffice import invitations

pytestmark = pytest.mark.django_db


def test_the_admin_login_offers_a_forgotten_password_link(client):
    # The admin's login is the account's (issue 17, point 2), which offers the link.
    html = client.get(reverse("admin:login"), follow=True).content.decode()
    assert "Mot de passe oublié ?" in html
    link = re.search(r'<a href="([^"]+)">Mot de passe oublié \?</a>', html).group(1)
    response = client.get(link, follow=True)
    assert response.request["PATH_INFO"] == reverse("account_reset_password")
    assert response.status_code == 200


def _choose_password(client, user):
    link = invitations.invitation_url(user)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    password = "Un-mot-de-passe-tres-solide-2027"
    return client.post(form_url, {"password1": password, "password2": password}, follow=True)


def test_a_new_operator_who_chose_her_password_lands_in_the_back_office(client, people):
    operator = people.owner_operator
    operator.set_unusable_password()
    operator.save()
    response = _choose_password(client, operator)
    urls = [url for url, _ in response.redirect_chain]
    assert reverse("admin:index") in urls
    # Before any page of it, she sets up her second factor (issue 17, point 2): her password again, then her app.
    assert urls[-1].startswith(reverse("account_reauthenticate"))
    assert response.status_code == 200
    assert response.wsgi_request.user == operator
    operator.refresh_from_db()
    assert operator.has_usable_password()


def test_a_visitor_who_resets_her_password_stays_on_the_public_site(client):
    from tests.factories import UserFactory

    visitor = UserFactory(email="visiteuse@example.fr")
    response = _choose_password(client, visitor)
    assert reverse("admin:index") not in [url for url, _ in response.redirect_chain]
    assert not response.wsgi_request.user.is_staff
