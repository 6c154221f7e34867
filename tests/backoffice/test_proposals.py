"""Issue 16, points 1 and 2: an operator's correction of a published entry is a proposed change (the published
version stays online until the coordinator approves it), one rule below the admin, and a readable review."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from simple_history.models import HistoricalRecords

from guichet import proposals
from guichet.enums import EditorialStatus, ProposalState
from guichet.models import ProposedChange, StatusChange
from tests.factories import EventFactory, SheetFactory, StructureFactory
from tests.helpers.forms import admin_form

pytestmark = pytest.mark.django_db


def published(factory, people, organisation, **fields):
    entry = factory(owner=organisation, **fields)
    entry.submit_for_review(by=people.owner_operator)
    entry.publish(by=people.coordinator)
    return entry


def test_a_corrected_structure_stays_online_with_its_old_details_until_approved(
    client, people, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    """Finding "a correction takes the entry offline": the page answered 404 after an operator's fix."""
    structure = published(StructureFactory, people, organisation, name="Ligue Var", phone="04 94 00 00 00")
    change = reverse("admin:annuaire_structure_change", args=[structure.pk])
    client.force_login(people.owner_operator)
    data = admin_form(client, change)
    data["phone"] = ["04 94 11 11 11"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change, data).status_code == 302
    client.logout()
    page = client.get(structure.get_absolute_url())
    assert page.status_code == 200
    assert "04 94 00 00 00" in page.content.decode() and "04 94 11 11 11" not in page.content.decode()

    client.force_login(people.coordinator)
    review_url = reverse("admin:annuaire_structure_proposal", args=[structure.pk])
    assert "04 94 <del>00 00 00</del>" in client.get(review_url).content.decode()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url, {"_approve": "1"})
    client.logout()
    page = client.get(structure.get_absolute_url()).content.decode()
    assert "04 94 11 11 11" in page and "04 94 00 00 00" not in page
    # She is told, and the history says who published it.
    [message] = mailoutbox
    assert message.subject == "Une fiche publiée — Guichet unique" and message.to == [people.owner_operator.email]
    assert structure.history.first().history_user == people.coordinator
    assert StatusChange.objects.filter(object_id=structure.pk, note__startswith="Modification publiée").exists()


def test_a_recurring_event_edited_by_its_operator_stays_in_the_agenda(client, people, organisation):
    """Finding: after a one-sentence edit, a recurring event vanished from the agenda until reviewed."""
    event = published(
        EventFactory,
        people,
        organisation,
        title="Permanence juridique",
        repeat="hebdomadaire",
        repeat_until=datetime.date.today() + datetime.timedelta(days=60),
    )
    dates = event.occurrences.count()
    change = reverse("admin:agenda_event_change", args=[event.pk])
    client.force_login(people.owner_operator)
    data = admin_form(client, change)
    data["summary"] = ["Une permanence chaque semaine, sans rendez-vous."]
    assert client.post(change, data).status_code == 302
    client.logout()
    assert "Permanence juridique" in client.get(reverse("agenda:listing")).content.decode()
    assert client.get(event.get_absolute_url()).status_code == 200
    assert event.occurrences.count() == dates


def test_sent_back_with_a_comment_that_stays_on_the_entry(
    client, people, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    """Finding: the send-back comment existed only in an e-mail."""
    sheet = published(SheetFactory, people, organisation, title="Arrêt de travail", summary="Ancien résumé.")
    change = reverse("admin:ressources_sheet_change", args=[sheet.pk])
    client.force_login(people.owner_operator)
    data = admin_form(client, change)
    data["summary"] = ["Résumé douteux."]
    client.post(change, data)

    client.force_login(people.coordinator)
    review_url = reverse("admin:ressources_sheet_proposal", args=[sheet.pk])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url, {"_send_back": "1", "comment": "Citez la source du montant."})
    assert response.status_code == 302
    [message] = mailoutbox
    assert "Citez la source du montant." in message.body and "La version publiée reste en ligne" in message.body
    sheet.refresh_from_db()
    assert sheet.status == EditorialStatus.PUBLISHED and sheet.summary == "Ancien résumé."

    client.force_login(people.owner_operator)
    listing = client.get(reverse("admin:ressources_sheet_changelist")).content.decode()
    assert "Renvoyée : Citez la source du montant." in listing
    form = client.get(change).content.decode()
    assert "Renvoyée : Citez la source du montant." in form and "Résumé douteux." in form
    # She corrects it: waiting again.
    data = admin_form(client, change)
    data["summary"] = ["Résumé sourcé."]
    client.post(change, data)
    proposal = ProposedChange.objects.open().for_entry(sheet).get()
    assert proposal.state == ProposalState.PENDING and proposal.values["summary"] == "Résumé sourcé."
    assert "Modification en attente" in client.get(reverse("admin:ressources_sheet_changelist")).content.decode()


def test_the_coordinators_own_edit_publishes_at_once_with_history(client, people, organisation):
    sheet = published(SheetFactory, people, organisation, summary="Ancien résumé.")
    change = reverse("admin:ressources_sheet_change", args=[sheet.pk])
    client.force_login(people.coordinator)
    data = admin_form(client, change)
    data["summary"] = ["Nouveau résumé."]
    assert client.post(change, data).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == EditorialStatus.PUBLISHED and sheet.summary == "Nouveau résumé."
    assert sheet.history.first().history_user == people.coordinator
    assert not ProposedChange.objects.for_entry(sheet).exists()


def test_a_revert_never_republishes_an_archived_entry_nor_takes_it_back(
    client, people, organisation, other_organisation
):
    """Finding: a revert re-published an archived entry and took back an entry moved to another organisation."""
    sheet = published(SheetFactory, people, organisation, title="Version publiée")
    published_version = sheet.history.filter(status=EditorialStatus.PUBLISHED).first()
    sheet.archive(by=people.coordinator)
    sheet.owner = other_organisation
    sheet.title = "Version archivée"
    sheet.save()
    client.force_login(people.coordinator)
    revert = reverse("admin:ressources_sheet_simple_history", args=[sheet.pk, published_version.history_id])
    assert client.post(revert, admin_form(client, revert)).status_code == 302
    sheet.refresh_from_db()
    assert sheet.title == "Version publiée"  # the content comes back…
    assert sheet.status == EditorialStatus.ARCHIVED and sheet.owner == other_organisation  # …nothing else


def test_the_review_shows_the_whole_rich_text_with_the_changed_words(client, people, organisation):
    """Finding: rich text shown as raw HTML cut at 140 characters, so an edit near the end looked identical."""
    long = "<p>" + " ".join(["Un paragraphe long qui explique les démarches."] * 6) + " Délai : 30 jours.</p>"
    sheet = published(SheetFactory, people, organisation, body=long)
    entry = type(sheet).objects.get(pk=sheet.pk)
    entry.body = long.replace("30 jours", "45 jours")
    proposals.propose(entry, by=people.owner_operator, fields=["body"])
    client.force_login(people.coordinator)
    page = client.get(reverse("admin:ressources_sheet_proposal", args=[sheet.pk])).content.decode()
    assert "<del>30 </del>" in page and "<ins>45 </ins>" in page
    assert "&lt;p&gt;" not in page and page.count("explique les démarches.") >= 12  # whole, both sides
    assert "None" not in page.split("<main")[-1]


def test_the_history_speaks_french(client, people, organisation):
    """Finding: the history showed codes (`publie → a-relire`, "None")."""
    sheet = published(SheetFactory, people, organisation, source_date=None)
    sheet.source_date = datetime.date(2026, 3, 1)
    sheet.save()
    client.force_login(people.coordinator)
    page = client.get(reverse("admin:ressources_sheet_history", args=[sheet.pk])).content.decode()
    assert "À relire" in page and "Publié" in page and "1 mars 2026" in page
    assert "a-relire" not in page and "publie →" not in page and "None" not in page


def test_below_the_admin_a_published_entry_refuses_an_operators_save(people, organisation, other_organisation):
    """The rule lives under every path: during an operator's request, saving a published entry directly (any path
    that would not go through guichet.proposals) is refused, and so is changing an owner or publishing."""
    sheet = published(SheetFactory, people, organisation)
    draft = SheetFactory(owner=organisation)
    HistoricalRecords.context.request = SimpleNamespace(user=people.owner_operator)
    try:
        sheet.title = "Changé en douce"
        with pytest.raises(PermissionDenied):
            sheet.save()
        draft.status = EditorialStatus.PUBLISHED
        with pytest.raises(PermissionDenied):
            draft.save()
        draft.status, draft.owner = EditorialStatus.DRAFT, other_organisation
        with pytest.raises(PermissionDenied):
            draft.save()
        # Confirming the entry is current is allowed: only its date changes.
        sheet.confirm_up_to_date(by=people.owner_operator)
    finally:
        del HistoricalRecords.context.request
    sheet.refresh_from_db()
    assert sheet.title != "Changé en douce"


def test_the_desk_lists_proposed_changes(client, people, organisation):
    sheet = published(SheetFactory, people, organisation, title="Fiche corrigée")
    entry = type(sheet).objects.get(pk=sheet.pk)
    entry.summary = "Corrigé."
    proposals.propose(entry, by=people.owner_operator, fields=["summary"])
    client.force_login(people.coordinator)
    desk = client.get(reverse("admin:index")).content.decode()
    assert "Modifications proposées (1)" in desk and "Fiche corrigée" in desk and "En bref" in desk
    # The publish action approves it too.
    client.post(reverse("admin:ressources_sheet_changelist"), {"action": "publish", "_selected_action": [sheet.pk]})
    sheet.refresh_from_db()
    assert sheet.summary == "Corrigé." and sheet.status == EditorialStatus.PUBLISHED
