"""Issue 16, point 5 ("key columns off-screen at 1280 px"): fewer, shorter columns. Status and review in one column,
the organisation only for whoever sees several, no app list beside the page. The width itself is measured in a
browser (tests/browser/test_admin.py)."""

import re

import pytest
from django.urls import reverse

from guichet.enums import ProposalState
from guichet.models import ProposedChange
from tests.factories import StructureFactory

pytestmark = pytest.mark.django_db


def headers(html: str) -> list[str]:
    head = html.split('<table id="result_list">')[1].split("</thead>")[0]
    return [h.strip() for h in re.findall(r'<div class="text">(?:<a [^>]*>)?([^<]*)<', head)]


def test_an_operator_of_one_organisation_sees_no_organisation_column(client, people, organisation):
    StructureFactory(owner=organisation, name="Maison des entrepreneuses", city="Gap")
    client.force_login(people.owner_operator)
    html = client.get(reverse("admin:annuaire_structure_changelist")).content.decode()
    assert headers(html) == ["", "Nom", "Catégorie", "Commune", "État", "Vérification"]
    assert 'id="nav-sidebar"' not in html


def test_the_coordinator_sees_the_organisation_and_the_review_in_the_state(client, people, organisation):
    structure = StructureFactory(owner=organisation, published=True, name="Ligue Var")
    ProposedChange.objects.create(
        entry=structure, state=ProposalState.SENT_BACK, values={"phone": "04"}, comment="Le numéro ne répond pas."
    )
    client.force_login(people.coordinator)
    html = client.get(reverse("admin:annuaire_structure_changelist")).content.decode()
    assert headers(html)[-1] == "Organisation"
    row = re.search(r"Ligue Var.*?</tr>", html, re.S).group(0)
    assert "Publié<br><small>Renvoyée : Le numéro ne répond pas.</small>" in row
    assert "Association propriétaire" in row
