"""The permission matrix on every model of the back office, in one place."""

import pytest
from django.urls import reverse

from guichet.freshness import editorial_models
from tests.factories import (
    AidFactory,
    AnnouncementFactory,
    ContentFactory,
    EventFactory,
    PeerGroupFactory,
    SheetFactory,
    StructureFactory,
)
from tests.helpers.roles import check_editorial_matrix

pytestmark = pytest.mark.django_db

FACTORIES = {
    "guichet.announcement": AnnouncementFactory,
    "ressources.sheet": SheetFactory,
    "ressources.aid": AidFactory,
    "ressources.inspiringcontent": ContentFactory,
    "annuaire.structure": StructureFactory,
    "agenda.event": EventFactory,
    "pairs.peergroup": PeerGroupFactory,
}


def test_every_editorial_model_is_covered():
    assert {model._meta.label_lower for model in editorial_models()} == set(FACTORIES)


@pytest.mark.parametrize("label", FACTORIES)
def test_full_matrix(client, people, organisation, label):
    check_editorial_matrix(client, FACTORIES[label](owner=organisation), people)


@pytest.mark.parametrize("label", FACTORIES)
def test_operators_see_history_of_their_entries_only(client, people, organisation, label):
    entry = FACTORIES[label](owner=organisation)
    opts = entry._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[entry.pk])
    client.force_login(people.owner_operator)
    assert client.get(url).status_code == 200
    client.force_login(people.other_operator)
    assert client.get(url).status_code in (302, 403)


@pytest.mark.parametrize(
    "url",
    [
        "admin:annuaire_contactrequest_changelist",
        "admin:guichet_errorreport_changelist",
        "admin:onboarding_usagecount_changelist",
        "admin:onboarding_sourcecode_changelist",
    ],
)
def test_coordinator_only_pages(client, people, url):
    for person, allowed in (
        (people.owner_operator, False),
        (people.other_operator, False),
        (people.coordinator, True),
        (people.administrator, True),
    ):
        client.force_login(person)
        status = client.get(reverse(url)).status_code
        assert (status == 200) is allowed, (person, url, status)
