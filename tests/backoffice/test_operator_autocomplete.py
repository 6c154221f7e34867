"""Operators set an entry's territories through the autocomplete (issue 16, point 5): it answered 403 for them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _search(client, app_label, model_name, term="Var"):
    return client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": "territories", "term": term},
    )


@pytest.mark.parametrize(("app_label", "model_name"), [("ressources", "aid"), ("annuaire", "structure")])
def test_an_operator_finds_the_var_in_the_territory_autocomplete(client, people, app_label, model_name):
    client.force_login(people.owner_operator)
    response = _search(client, app_label, model_name)
    assert response.status_code == 200
    assert any("Var" in result["text"] for result in response.json()["results"])


def test_operators_still_do_not_browse_or_change_territories(client, people):
    client.force_login(people.owner_operator)
    assert client.get(reverse("admin:guichet_territory_changelist")).status_code == 403
    assert "guichet/territory" not in client.get(reverse("admin:index")).content.decode()
    client.logout()
    assert _search(client, "ressources", "aid").status_code in (302, 403)
