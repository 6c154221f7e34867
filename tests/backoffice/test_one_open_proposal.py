"""Issue 16, point 1: while a proposed change is open on an entry, nothing silently makes a second one or merges
blindly into it. A form opened before a colleague's proposal is refused in French (her text kept); a row the proposal
already adds is refused next to the row; a series of sessions entered again is refused next to its field; an import row
made from the published version never replaces the proposal. The rule is in guichet.proposals.propose, the admin asks
it before saving so the error shows in the form."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from annuaire.models import Structure
from annuaire.resources import StructureResource
from guichet import proposals
from guichet.enums import ProposalState
from guichet.models import ProposedChange
from pairs.models import GroupSession
from tests.factories import PeerGroupFactory, StructureFactory, UserFactory
from tests.helpers.forms import admin_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure(people, organisation):
    return StructureFactory(owner=organisation, published=True, name="Ligue Var", phone="04 94 00 00 00")


@pytest.fixture
def colleague(organisation):
    return UserFactory(operator=True, email="collegue@proprietaire.fr", organisations=[organisation])


def open_proposal(entry):
    return ProposedChange.objects.open().for_entry(entry).get()


def test_a_form_opened_before_a_colleagues_proposal_is_refused_with_her_text_kept(client, people, structure, colleague):
    change = reverse("admin:annuaire_structure_change", args=[structure.pk])
    client.force_login(people.owner_operator)
    stale = admin_form(client, change)  # she opens the page; nothing is waiting yet
    assert stale["proposal_seen"] == [""]

    structure.phone = "04 94 11 11 11"
    proposals.propose(structure, by=colleague, fields=["phone"])  # meanwhile, her colleague proposes a new number

    stale["summary"] = ["Accueil des entrepreneuses le mardi."]
    response = client.post(change, stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "attend déjà la relecture de l&#x27;animatrice" in html
    assert "votre saisie n&#x27;est pas enregistrée" in html
    assert "Accueil des entrepreneuses le mardi." in html  # what she typed is still there
    assert "Voir ce qui change" in html  # the open proposal is shown
    # Her colleague's number still waits; her stale form set nothing back and added nothing.
    assert open_proposal(structure).values == {"phone": "04 94 11 11 11"}
    assert Structure.objects.get(pk=structure.pk).phone == "04 94 00 00 00"

    # Reopened, the form shows the open proposal, and her correction joins it.
    fresh = admin_form(client, change)
    assert fresh["phone"] == ["04 94 11 11 11"]
    fresh["summary"] = ["Accueil des entrepreneuses le mardi."]
    assert client.post(change, fresh).status_code == 302
    assert open_proposal(structure).values == {
        "phone": "04 94 11 11 11",
        "summary": "Accueil des entrepreneuses le mardi.",
    }
    assert ProposedChange.objects.for_entry(structure).count() == 1


def test_a_proposal_sent_back_meanwhile_is_shown_with_its_comment(client, people, structure, colleague):
    change = reverse("admin:annuaire_structure_change", args=[structure.pk])
    structure.phone = "04 94 11 11 11"
    proposal = proposals.propose(structure, by=colleague, fields=["phone"])
    client.force_login(people.owner_operator)
    stale = admin_form(client, change)
    proposals.send_back(proposal, by=people.coordinator, comment="Ce numéro ne répond pas.")
    response = client.post(change, {**stale, "summary": ["Nouveau résumé"]})
    assert response.status_code == 200
    assert "Ce numéro ne répond pas." in response.content.decode()
    assert open_proposal(structure).state == ProposalState.SENT_BACK


def test_a_row_the_proposal_already_adds_is_refused_next_to_the_row(client, people, structure):
    change = reverse("admin:annuaire_structure_change", args=[structure.pk])
    client.force_login(people.owner_operator)
    data = admin_form(client, change)
    data["services-0-name"] = ["Atelier prévoyance"]
    data["services-0-description"] = ["Un atelier pour comprendre sa prévoyance."]
    assert client.post(change, data).status_code == 302
    assert len(open_proposal(structure).inlines["services"]["add"]) == 1

    # Back on the form: the waiting row is listed, so she need not add it again.
    data = admin_form(client, change)
    page = client.get(change).content.decode()
    assert "Services proposés, ajout : Service : Atelier prévoyance" in page
    # She adds it again anyway: refused next to the row, with what she typed.
    data["services-0-name"] = ["Atelier prévoyance"]
    data["services-0-description"] = ["Un atelier pour comprendre sa prévoyance."]
    data["services-0-position"] = ["3"]
    response = client.post(change, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Déjà ajouté dans la modification qui attend la relecture de l&#x27;animatrice" in html
    assert "« Atelier prévoyance" in html
    assert html.index("Déjà ajouté") > html.index('id="services-group"')
    assert len(open_proposal(structure).inlines["services"]["add"]) == 1


def test_below_the_admin_propose_refuses_a_duplicate_row_and_an_unseen_proposal(people, structure, colleague):
    rows = {
        "services": {
            "model": "annuaire.service",
            "fk": "structure",
            "update": {},
            "add": [{"name": "Atelier", "description": "", "position": 0}],
            "delete": [],
        }
    }
    proposal = proposals.propose(structure, by=colleague, inlines=rows)
    with pytest.raises(ValidationError, match="Déjà ajouté"):
        proposals.propose(structure, by=people.owner_operator, inlines=rows)
    structure.summary = "Autre résumé"
    with pytest.raises(proposals.ProposalConflict, match="proposée par"):
        proposals.propose(structure, by=people.owner_operator, fields=["summary"], seen="")
    # Seen: it joins the open proposal, the only one.
    proposals.propose(structure, by=people.owner_operator, fields=["summary"], seen=proposals.revision(proposal))
    assert open_proposal(structure).values == {"summary": "Autre résumé"}
    # An edit that changes nothing leaves the open proposal as it is, even unseen.
    unchanged = Structure.objects.get(pk=structure.pk)
    kept = proposals.propose(unchanged, by=people.owner_operator, fields=["summary", "phone"], seen="")
    assert kept.pk == proposal.pk
    assert open_proposal(structure).values == {"summary": "Autre résumé"}


def test_an_import_row_never_replaces_the_open_proposal(people, structure, colleague):
    structure.phone = "04 94 11 11 11"
    proposals.propose(structure, by=colleague, fields=["phone"])
    dataset = StructureResource(user=people.owner_operator).export(Structure.objects.filter(pk=structure.pk))
    # The export as it is: nothing changes, the proposal is kept (a re-import of a whole file is harmless).
    result = StructureResource(user=people.owner_operator).import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert open_proposal(structure).values == {"phone": "04 94 11 11 11"}
    # A changed row: refused on its line, in French.
    row = list(dataset[0])
    row[dataset.headers.index("nom")] = "Ligue contre le cancer, Var"
    dataset[0] = row
    result = StructureResource(user=people.owner_operator).import_data(dataset, dry_run=False)
    [invalid] = result.invalid_rows
    assert "attend déjà la relecture de l'animatrice" in " ".join(invalid.non_field_specific_errors)
    assert open_proposal(structure).values == {"phone": "04 94 11 11 11"}
    assert Structure.objects.get(pk=structure.pk).name == "Ligue Var"


def test_a_series_of_sessions_entered_again_is_refused_next_to_its_field(client, people, organisation):
    group = PeerGroupFactory(owner=organisation, published=True)
    change = reverse("admin:pairs_peergroup_change", args=[group.pk])
    start = timezone.localtime() + datetime.timedelta(days=14)
    series = {
        "series_start_0": [start.strftime("%d/%m/%Y")],
        "series_start_1": ["18:00:00"],
        "series_minutes": ["90"],
        "series_every_weeks": ["2"],
        "series_count": ["3"],
    }
    sessions = GroupSession.objects.filter(group=group).count()
    client.force_login(people.owner_operator)
    assert client.post(change, {**admin_form(client, change), **series}).status_code == 302
    assert len(open_proposal(group).inlines["sessions"]["add"]) == 3

    response = client.post(change, {**admin_form(client, change), **series})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Déjà ajouté dans la modification qui attend la relecture" in html
    assert 'value="90"' in html  # what she typed stays
    assert len(open_proposal(group).inlines["sessions"]["add"]) == 3
    assert GroupSession.objects.filter(group=group).count() == sessions
