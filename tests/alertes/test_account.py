"""With an account, her alerts (to her verified addresses only) are listed on /compte/."""

import pytest
from allauth.account.models import EmailAddress

from tests.alertes.helpers import follow_and_confirm
from tests.factories import AidFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_her_alerts_on_her_account_page(client, django_assert_max_num_queries):
    aid = AidFactory(published=True, title="Indemnités journalières")
    event = EventFactory(published=True, title="Atelier prévoyance")
    follow_and_confirm(client, aid, email="Elle@Exemple.fr")
    follow_and_confirm(client, event, email="elle@exemple.fr", rhythm="hebdo")
    other = AidFactory(published=True, title="Aide de quelqu'un d'autre")
    follow_and_confirm(client, other, email="autre@exemple.fr")
    user = UserFactory(email="elle@exemple.fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    with django_assert_max_num_queries(10):
        page = client.get("/compte/").content.decode()
    assert "Mes alertes" in page
    assert "Indemnités journalières" in page
    assert "Atelier prévoyance" in page
    assert "une fois par semaine au plus" in page
    assert "/alertes/desinscription/" in page
    assert "Aide de quelqu" not in page


def test_an_unverified_address_lists_nothing(client):
    aid = AidFactory(published=True, title="Indemnités journalières")
    follow_and_confirm(client, aid, email="elle@exemple.fr")
    user = UserFactory(email="elle@exemple.fr")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    client.force_login(user)
    page = client.get("/compte/").content.decode()
    assert "Mes alertes" not in page
