"""The permission matrix on every model of the back office, in one place."""

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.resources import EventResource
from annuaire.models import Service
from annuaire.resources import StructureResource
from guichet.models.editorial import editorial_models
from ressources.enums import CriterionKind
from ressources.models import AidCriterion, SheetQuestion
from tests.factories import (
    AidFactory,
    AnnouncementFactory,
    ContentFactory,
    EventFactory,
    PeerGroupFactory,
    SheetFactory,
    StructureFactory,
)
from tests.helpers.roles import check_editorial_matrix, check_operator_paths

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


# For each model: the field an operator corrects, an inline row she changes (prefix, field, new value, how to read it
# back; the row is created by `make`), and the import resource if the model has one.
TEXT_FIELD = {
    "guichet.announcement": "title",
    "ressources.sheet": "title",
    "ressources.aid": "title",
    "ressources.inspiringcontent": "title",
    "annuaire.structure": "name",
    "agenda.event": "title",
    "pairs.peergroup": "name",
}
INLINES = {
    "annuaire.structure": (
        lambda e: Service.objects.create(structure=e, name="Accueil", description="Sur rendez-vous."),
        ("services", "name", "Accueil du lundi", lambda e: e.services.get().name),
    ),
    "ressources.sheet": (
        lambda e: SheetQuestion.objects.create(sheet=e, question="Qui paie ?", answer="La CPAM."),
        ("questions", "question", "Qui paie, et quand ?", lambda e: e.questions.get().question),
    ),
    "ressources.aid": (
        lambda e: AidCriterion.objects.create(aid=e, kind=CriterionKind.MINIMUM_INCOME, check_text="Vérifier."),
        ("criteria", "check_text", "Vérifier l'avis d'imposition.", lambda e: e.criteria.get().check_text),
    ),
    "agenda.event": (
        lambda e: None,
        ("occurrences", "note", "Salle changée", lambda e: e.occurrences.order_by("starts_at").first().note),
    ),
    "pairs.peergroup": (
        lambda e: None,
        (
            "sessions",
            "ends_at_1",
            "21:30",
            lambda e: timezone.localtime(e.sessions.order_by("starts_at").first().ends_at).strftime("%H:%M"),
        ),
    ),
}
RESOURCES = {"annuaire.structure": StructureResource, "agenda.event": EventResource}


@pytest.mark.parametrize("label", FACTORIES)
def test_operator_paths_never_publish_nor_change_the_owner(client, people, organisation, label, mailoutbox):
    """Issue 16: "a correction takes the entry offline" and "the rule is bypassed elsewhere" (import, inlines,
    history revert, ownership), for every editorial model."""
    text_field = TEXT_FIELD[label]
    entry = FACTORIES[label](owner=organisation, **{text_field: "Première version"})
    setattr(entry, text_field, "Version publiée")
    entry.save()
    entry.submit_for_review(by=people.owner_operator)
    entry.publish(by=people.coordinator)
    make, inline = INLINES.get(label, (None, None))
    if make is not None:
        make(entry)
    check_operator_paths(client, entry, people, text_field=text_field, inline=inline, resource=RESOURCES.get(label))


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
