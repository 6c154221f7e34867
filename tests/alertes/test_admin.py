"""The coordinator sees how many alerts there are, never an address."""

import pytest

from tests.alertes.helpers import follow_and_confirm
from tests.factories import AidFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_counts_only(client, people, django_assert_max_num_queries):
    aid = AidFactory(published=True)
    alert = follow_and_confirm(client, aid, email="secret@exemple.fr")
    client.force_login(people.coordinator)
    with django_assert_max_num_queries(10):
        response = client.get("/admin/alertes/alert/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alertes confirmées" in page
    assert "secret@exemple.fr" not in page
    assert client.get(f"/admin/alertes/alert/{alert.pk}/change/").status_code == 404


@pytest.mark.parametrize("who", ["owner_operator", "other_operator"])
def test_operators_do_not_see_alerts(client, people, who):
    client.force_login(getattr(people, who))
    assert client.get("/admin/alertes/alert/").status_code == 403
