"""Issue 16, point 5 ("nothing tells an operator her entry was published"): the organisation that owns an entry is
told by e-mail when the coordinator publishes it for the first time, whatever the path (the status in the form, the
list action, the model's transition), once, through the mail queue."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from guichet.enums import EditorialStatus
from tests.factories import EventFactory, StructureFactory
from tests.helpers.forms import admin_form

pytestmark = pytest.mark.django_db

SUBJECT = "« Maison des entrepreneuses » est en ligne — Guichet unique"


@pytest.fixture
def submitted(people, organisation):
    organisation.email = "contact@proprietaire.fr"
    organisation.save()
    structure = StructureFactory(owner=organisation, name="Maison des entrepreneuses", slug="maison")
    structure.submit_for_review(by=people.owner_operator)
    return structure


def _first_publication_mails(mailoutbox):
    return [mail for mail in mailoutbox if mail.subject.endswith("est en ligne — Guichet unique")]


def _assert_told(mailoutbox, structure):
    [mail] = _first_publication_mails(mailoutbox)
    assert mail.subject == SUBJECT
    assert sorted(mail.to) == ["contact@proprietaire.fr", "operatrice@proprietaire.fr"]
    assert "elle est en ligne pour la première fois" in mail.body
    assert structure.get_absolute_url() in mail.body
    assert reverse("admin:annuaire_structure_change", args=[structure.pk]) in mail.body
    assert "la version publiée restera en ligne" in mail.body


def test_publishing_from_the_form_tells_the_organisation(client, people, submitted, mailoutbox):
    change = reverse("admin:annuaire_structure_change", args=[submitted.pk])
    client.force_login(people.coordinator)
    data = admin_form(client, change)
    data["status"] = [EditorialStatus.PUBLISHED]
    mailoutbox.clear()
    assert client.post(change, data).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == EditorialStatus.PUBLISHED
    _assert_told(mailoutbox, submitted)


def test_publishing_from_the_list_action_tells_the_organisation(client, people, submitted, mailoutbox):
    client.force_login(people.coordinator)
    mailoutbox.clear()
    response = client.post(
        reverse("admin:annuaire_structure_changelist"),
        {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [submitted.pk]},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == EditorialStatus.PUBLISHED
    _assert_told(mailoutbox, submitted)


def test_only_the_first_publication_is_announced(people, submitted, mailoutbox):
    submitted.publish(by=people.coordinator)
    submitted.archive(by=people.coordinator)
    submitted.publish(by=people.coordinator)
    assert len(_first_publication_mails(mailoutbox)) == 1


def test_content_published_by_loading_is_not_announced_again(people, organisation, mailoutbox):
    """An entry that came in published (content files, demo) and was archived is not "new" when republished."""
    structure = StructureFactory(owner=organisation, published=True)
    structure.archive(by=people.coordinator)
    structure.publish(by=people.coordinator)
    assert _first_publication_mails(mailoutbox) == []


def test_the_mail_waits_in_the_queue_of_the_publication(people, organisation, settings, mailoutbox):
    """Written in the transaction of the publication by the queue's backend (django-mailer), sent by its worker."""
    from mailer.models import Message

    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    event = EventFactory(owner=organisation, title="Atelier prévoyance")
    event.submit_for_review(by=people.owner_operator)
    event.publish(by=people.coordinator)
    queued = [m for m in Message.objects.all() if m.email.subject.startswith("« Atelier prévoyance »")]
    assert len(queued) == 1 and queued[0].email.to == ["operatrice@proprietaire.fr"]


def test_nobody_to_tell_sends_nothing(people, other_organisation, mailoutbox):
    structure = StructureFactory(owner=other_organisation)  # no contact address; its operator is inactive
    people.other_operator.is_active = False
    people.other_operator.save()
    structure.publish(by=people.coordinator)
    assert _first_publication_mails(mailoutbox) == []
