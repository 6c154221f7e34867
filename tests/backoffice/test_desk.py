"""The coordinator's desk and the review workflow: submitted, diffed, published or sent back with a comment."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from annuaire.models import ContactRequest
from guichet.enums import EditorialStatus
from guichet.models import ErrorReport, StatusChange
from pairs import services as pairs
from tests.factories import AidFactory, PeerGroupFactory, SheetFactory, StructureFactory

pytestmark = pytest.mark.django_db


def sheet_form(entry, organisation, **changes):
    data = {
        "title": entry.title,
        "slug": entry.slug,
        "summary": entry.summary,
        "body": "",
        "owner": organisation.pk,
        "status": entry.status,
        "source_url": "",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_a_correction_is_proposed_then_diffed_against_the_published_version(
    client, people, organisation, settings, django_capture_on_commit_callbacks
):
    sheet = SheetFactory(owner=organisation, title="Arrêt de travail", slug="arret", summary="Ancien résumé.")
    sheet.submit_for_review(by=people.owner_operator)
    sheet.publish(by=people.coordinator)
    client.force_login(people.owner_operator)
    url = reverse("admin:ressources_sheet_change", args=[sheet.pk])
    # She edits the published entry: her change waits for review, the published version stays online.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, sheet_form(sheet, organisation, summary="Nouveau résumé."))
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == EditorialStatus.PUBLISHED and sheet.summary == "Ancien résumé."
    client.logout()
    public = client.get(sheet.get_absolute_url())
    assert public.status_code == 200 and "Ancien résumé." in public.content.decode()
    [notice] = mail.outbox
    assert notice.to == [settings.GUICHET_COORDINATOR_EMAIL]
    assert notice.subject == "Une modification à relire — Guichet unique" and "Arrêt de travail" in notice.body
    assert "La version publiée reste en ligne." in notice.body

    client.force_login(people.coordinator)
    desk = client.get(reverse("admin:index")).content.decode()
    assert "Modifications proposées (1)" in desk and "Arrêt de travail" in desk
    review_url = reverse("admin:ressources_sheet_proposal", args=[sheet.pk])
    assert review_url in desk
    page = client.get(review_url).content.decode()
    assert "<del>Ancien </del>résumé." in page and "<ins>Nouveau </ins>résumé." in page
    assert "En bref" in page and "summary" not in page


def test_a_new_entry_says_so_on_the_desk(client, people, organisation):
    AidFactory(owner=organisation, title="Aide toute neuve").submit_for_review(by=people.owner_operator)
    client.force_login(people.coordinator)
    assert "Nouvelle fiche, jamais publiée." in client.get(reverse("admin:index")).content.decode()


def test_sent_back_with_a_comment_emailed_to_the_operators(
    client, people, organisation, django_capture_on_commit_callbacks
):
    sheet = SheetFactory(owner=organisation, title="Fiche à revoir")
    sheet.submit_for_review(by=people.owner_operator)
    client.force_login(people.coordinator)
    url = reverse("admin:ressources_sheet_changelist")
    page = client.post(url, {"action": "send_back", "_selected_action": [sheet.pk]})
    assert "Votre commentaire pour l" in page.content.decode()
    empty = client.post(url, {"action": "send_back", "_selected_action": [sheet.pk], "apply": "1", "comment": ""})
    assert "Dites ce qu" in empty.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "action": "send_back",
                "_selected_action": [sheet.pk],
                "apply": "1",
                "comment": "Le montant 2025 est à mettre à jour.",
            },
        )
    sheet.refresh_from_db()
    assert sheet.status == EditorialStatus.DRAFT
    assert StatusChange.objects.filter(object_id=sheet.pk, note="Le montant 2025 est à mettre à jour.").exists()
    [message] = mail.outbox
    assert message.to == [people.owner_operator.email]
    assert message.subject == "Une fiche à revoir — Guichet unique"
    assert "Le montant 2025 est à mettre à jour." in message.body and "/admin/ressources/sheet/" in message.body
    # Operators cannot send back.
    client.force_login(people.owner_operator)
    actions = client.get(url).content.decode()
    assert 'value="send_back"' not in actions and 'value="publish"' not in actions


def test_the_desk_gathers_everything_that_waits(client, people, organisation):
    StructureFactory(
        owner=organisation,
        published=True,
        name="Structure ancienne",
        reviewed_at=timezone.now() - datetime.timedelta(days=400),
    )
    request = ContactRequest.objects.create(
        message="Besoin d'aide", contact_method="email", email="a@exemple.fr", consented_at=timezone.now()
    )
    group = PeerGroupFactory(owner=organisation, published=True, name="Groupe complet", capacity=1)
    pairs.sign_up(group, first_name="A", email="a@exemple.fr")
    pairs.sign_up(group, first_name="B", email="b@exemple.fr")
    aid = AidFactory(owner=organisation, published=True)
    report = ErrorReport.objects.create(entry=aid, entry_title="Une aide", entry_url="/", message="Le lien est mort")
    client.force_login(people.coordinator)
    desk = client.get(reverse("admin:index")).content.decode()
    assert organisation.name in desk and "fraicheur=a-actualiser" in desk
    assert reverse("admin:annuaire_contactrequest_change", args=[request.pk]) in desk
    assert "Besoin d" not in desk  # what she wrote stays in the request itself
    assert "Demandes de mise en relation nouvelles (1)" in desk
    # Both new this week, both to confirm from their e-mail (a place is taken once confirmed), nobody waiting yet.
    assert '<th scope="col">Nouvelles (7 jours)</th>' in desk
    assert f"{group.name}</a></th><td>2</td><td>2</td><td>0</td>" in desk
    assert reverse("admin:guichet_errorreport_change", args=[report.pk]) in desk
    # Operators get the usual admin home.
    client.force_login(people.owner_operator)
    assert "À relire (" not in client.get(reverse("admin:index")).content.decode()


def test_the_desk_costs_the_same_queries_whatever_the_volume(
    client, people, organisation, django_assert_max_num_queries
):
    client.force_login(people.coordinator)
    AidFactory(owner=organisation).submit_for_review(by=people.owner_operator)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("admin:index"))
    for n in range(10):
        AidFactory(owner=organisation, title=f"Aide {n}").submit_for_review(by=people.owner_operator)
        SheetFactory(owner=organisation, published=True, reviewed_at=None)
        PeerGroupFactory(owner=organisation, published=True, capacity=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("admin:index"))
