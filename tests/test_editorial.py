from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from guichet.enums import EditorialStatus
from guichet.models import Announcement, StatusChange
from tests.factories import AnnouncementFactory
from tests.helpers.roles import check_editorial_matrix

pytestmark = pytest.mark.django_db


def test_role_matrix_on_announcements(client, people, organisation):
    entry = AnnouncementFactory(owner=organisation, title="Permanence d'information")
    check_editorial_matrix(client, entry, people)


def test_published_hides_drafts_entries_under_review_and_archives(organisation):
    visible = AnnouncementFactory(owner=organisation, published=True)
    AnnouncementFactory(owner=organisation)
    AnnouncementFactory(owner=organisation, under_review=True)
    AnnouncementFactory(owner=organisation, archived=True)

    assert list(Announcement.objects.published()) == [visible]


def test_public_list_and_detail_show_only_published(client, organisation):
    published = AnnouncementFactory(owner=organisation, published=True, title="Visible de toutes")
    draft = AnnouncementFactory(owner=organisation, title="Brouillon secret")
    archived = AnnouncementFactory(owner=organisation, archived=True, title="Ancienne actualité")

    listing = client.get("/actualites/").content.decode()
    home = client.get("/").content.decode()
    for page in (listing, home):
        assert "Visible de toutes" in page
        assert "Brouillon secret" not in page
        assert "Ancienne actualité" not in page
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(archived.get_absolute_url()).status_code == 404


def test_preview_is_marked_and_never_cached(client, people, organisation):
    draft = AnnouncementFactory(owner=organisation)
    client.force_login(people.owner_operator)
    response = client.get(draft.get_absolute_url())
    assert "Aperçu" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_needs_review_after_six_months_or_never_reviewed(organisation):
    now = timezone.now()
    fresh = AnnouncementFactory(owner=organisation, reviewed_at=now - timedelta(days=30))
    stale = AnnouncementFactory(owner=organisation, reviewed_at=now - timedelta(days=200))
    never = AnnouncementFactory(owner=organisation, reviewed_at=None)
    AnnouncementFactory(owner=organisation, archived=True, reviewed_at=None)

    assert set(Announcement.objects.needs_review()) == {stale, never}
    assert not fresh.is_stale and stale.is_stale and never.is_stale


def test_transitions_leave_history_and_publishing_stamps_the_review(people, organisation):
    entry = AnnouncementFactory(owner=organisation, reviewed_at=None)
    entry.submit_for_review(by=people.owner_operator)
    entry.publish(by=people.coordinator)
    entry.archive(by=people.coordinator)

    entry.refresh_from_db()
    assert entry.status == EditorialStatus.ARCHIVED
    assert entry.reviewed_at is not None
    history = list(StatusChange.objects.filter(object_id=entry.pk).order_by("pk"))
    assert [(h.from_status, h.to_status, h.by) for h in history] == [
        (EditorialStatus.DRAFT, EditorialStatus.REVIEW, people.owner_operator),
        (EditorialStatus.REVIEW, EditorialStatus.PUBLISHED, people.coordinator),
        (EditorialStatus.PUBLISHED, EditorialStatus.ARCHIVED, people.coordinator),
    ]


def test_operator_cannot_publish_nor_touch_another_organisation(people, organisation):
    entry = AnnouncementFactory(owner=organisation)
    with pytest.raises(PermissionDenied):
        entry.publish(by=people.owner_operator)
    with pytest.raises(PermissionDenied):
        entry.submit_for_review(by=people.other_operator)
    with pytest.raises(PermissionDenied):
        entry.confirm_up_to_date(by=people.other_operator)
    entry.refresh_from_db()
    assert entry.status == EditorialStatus.DRAFT


def test_drafts_may_be_incomplete_but_submitting_validates(people, organisation):
    entry = AnnouncementFactory(owner=organisation, summary="")
    with pytest.raises(ValidationError) as error:
        entry.submit_for_review(by=people.owner_operator)
    assert "summary" in error.value.message_dict
    entry.refresh_from_db()
    assert entry.status == EditorialStatus.DRAFT


def test_confirm_up_to_date_stamps_the_date(people, organisation):
    entry = AnnouncementFactory(owner=organisation, published=True, reviewed_at=timezone.now() - timedelta(days=400))
    entry.confirm_up_to_date(by=people.owner_operator)
    entry.refresh_from_db()
    assert not entry.is_stale
    assert StatusChange.objects.filter(object_id=entry.pk, note__icontains="à jour").exists()


def _admin_form_data(entry, **overrides):
    data = {
        "title": entry.title,
        "slug": entry.slug,
        "summary": entry.summary,
        "body": entry.body,
        "published_on": "01/11/2026",
        "owner": entry.owner_id,
        "status": entry.status,
        "source_url": "",
    }
    data.update(overrides)
    return data


def test_operator_cannot_publish_through_the_admin_form(client, people, organisation):
    entry = AnnouncementFactory(owner=organisation)
    client.force_login(people.owner_operator)
    url = reverse("admin:guichet_announcement_change", args=[entry.pk])
    response = client.post(url, _admin_form_data(entry, status=EditorialStatus.PUBLISHED))
    assert response.status_code == 200  # the form answers with an error
    assert "status" in response.context["adminform"].form.errors
    entry.refresh_from_db()
    assert entry.status == EditorialStatus.DRAFT


def test_operator_cannot_give_an_entry_to_another_organisation(client, people, organisation, other_organisation):
    entry = AnnouncementFactory(owner=organisation)
    client.force_login(people.owner_operator)
    url = reverse("admin:guichet_announcement_change", args=[entry.pk])
    assert 'name="owner"' not in client.get(url).content.decode()  # shown, not editable: the coordinator decides
    client.post(url, _admin_form_data(entry, owner=other_organisation.pk))
    entry.refresh_from_db()
    assert entry.owner == organisation


def test_operator_submits_through_the_admin_form_with_history(client, people, organisation):
    entry = AnnouncementFactory(owner=organisation)
    client.force_login(people.owner_operator)
    url = reverse("admin:guichet_announcement_change", args=[entry.pk])
    response = client.post(url, _admin_form_data(entry, status=EditorialStatus.REVIEW, title="Titre corrigé"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.title) == (EditorialStatus.REVIEW, "Titre corrigé")
    assert StatusChange.objects.get(object_id=entry.pk).by == people.owner_operator


def test_new_entry_by_an_operator_starts_as_draft_of_her_organisation(client, people, organisation):
    client.force_login(people.owner_operator)
    entry = AnnouncementFactory.build(owner=organisation)
    response = client.post(
        reverse("admin:guichet_announcement_add"), _admin_form_data(entry, status=EditorialStatus.DRAFT)
    )
    assert response.status_code == 302
    created = Announcement.objects.get(slug=entry.slug)
    assert created.owner == organisation and created.status == EditorialStatus.DRAFT


def test_publish_action_for_the_coordinator_only(client, people, organisation):
    entry = AnnouncementFactory(owner=organisation, under_review=True)
    changelist = reverse("admin:guichet_announcement_changelist")
    data = {"action": "publish", "_selected_action": [entry.pk]}

    client.force_login(people.owner_operator)
    client.post(changelist, data)
    entry.refresh_from_db()
    assert entry.status == EditorialStatus.REVIEW

    client.force_login(people.coordinator)
    response = client.post(changelist, data, follow=True)
    entry.refresh_from_db()
    assert entry.status == EditorialStatus.PUBLISHED
    assert "1 fiche(s) publiée(s)." in response.content.decode()


def test_back_office_models_by_role(client, people):
    users = reverse("admin:guichet_user_changelist")
    organisations = reverse("admin:guichet_organisation_changelist")
    reports = reverse("admin:guichet_errorreport_changelist")
    expected = {
        people.owner_operator: {users: 403, organisations: 403, reports: 403},
        people.coordinator: {users: 200, organisations: 200, reports: 200},  # operators only (invitations)
        people.administrator: {users: 200, organisations: 200, reports: 200},
    }
    for person, answers in expected.items():
        client.force_login(person)
        for url, status in answers.items():
            assert client.get(url).status_code == status, (person, url)


def test_admin_changelist_query_count_does_not_grow(client, people, organisation, django_assert_max_num_queries):
    client.force_login(people.coordinator)
    url = reverse("admin:guichet_announcement_changelist")
    AnnouncementFactory(owner=organisation)
    with django_assert_max_num_queries(12):
        client.get(url)
    AnnouncementFactory.create_batch(30, owner=organisation)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
