"""Operators' forms and lists (issue 16, point 5): "Enregistrer et confirmer que c'est à jour" at the top of the
form, not after 4,000 pixels; filters offer her own organisations only and the covered départements, not all 101."""

import re

import pytest
from django.urls import reverse

from guichet.enums import TerritoryKind
from guichet.models import Territory
from tests.factories import AidFactory, EventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_confirm_up_to_date_is_at_the_top_of_the_form(client, people, organisation):
    aid = AidFactory(owner=organisation, title="Aide du Var", published=True)
    client.force_login(people.owner_operator)
    html = client.get(reverse("admin:ressources_aid_change", args=[aid.pk])).content.decode()
    first_button = html.index('name="_confirm_up_to_date"')
    assert first_button < html.index('name="title"')
    assert html.count('name="_confirm_up_to_date"') == 2  # and at the bottom, after reading


def test_the_owner_filter_lists_her_organisations_only(client, people, organisation, other_organisation):
    second = OrganisationFactory(name="Sa deuxième association", slug="deuxieme")
    people.owner_operator.organisations.add(second)
    for owner in (organisation, second, other_organisation):
        AidFactory(owner=owner)
    changelist = reverse("admin:ressources_aid_changelist")
    client.force_login(people.owner_operator)
    html = client.get(changelist).content.decode()
    assert f"owner__id__exact={organisation.pk}" in html and f"owner__id__exact={second.pk}" in html
    assert other_organisation.name not in html and f"owner__id__exact={other_organisation.pk}" not in html
    client.force_login(people.coordinator)
    html = client.get(changelist).content.decode()
    assert f"owner__id__exact={other_organisation.pk}" in html


def test_the_departement_filter_lists_covered_departements_only(client, people, organisation):
    EventFactory(owner=organisation)
    covered = Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, is_covered=True)
    assert 0 < covered.count() < Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT).count()
    client.force_login(people.owner_operator)
    html = client.get(reverse("admin:agenda_event_changelist")).content.decode()
    offered = set(re.findall(r"departement__id__exact=(\d+)", html))
    assert offered == {str(pk) for pk in covered.values_list("pk", flat=True)}
