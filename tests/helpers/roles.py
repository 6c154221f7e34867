"""The permission matrix every editorial model must pass: run it against any model's admin and public page."""

from django.urls import reverse

from guichet.enums import EditorialStatus


def admin_urls(entry):
    opts = entry._meta
    return (
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk]),
    )


def _login(client, user):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)


def check_editorial_matrix(client, entry, people):
    """`entry` is a draft owned by `people.owner_operator`'s organisation.

    Asserts, through the admin and the public site, who may see, edit, submit and publish it.
    """
    assert entry.status == EditorialStatus.DRAFT
    changelist, change = admin_urls(entry)
    public = entry.get_absolute_url()

    # Anonymous: no back office, no preview of a draft.
    _login(client, people.anonymous)
    assert client.get(changelist).status_code == 302
    assert client.get(change).status_code == 302
    assert client.get(public).status_code == 404
    assert entry.allowed_statuses(people.anonymous) == set()

    # Operator of another organisation: does not see the entry anywhere.
    _login(client, people.other_operator)
    response = client.get(changelist)
    assert response.status_code == 200
    assert change not in response.content.decode()
    assert client.get(change).status_code == 302  # the admin answers "does not exist"
    assert client.get(public).status_code == 404
    assert not entry.can_edit(people.other_operator)
    assert type(entry).objects.editable_by(people.other_operator).filter(pk=entry.pk).count() == 0

    # Operator of the owner: sees and edits it, previews it, may only move it between brouillon and à relire.
    _login(client, people.owner_operator)
    response = client.get(changelist)
    assert response.status_code == 200
    assert change in response.content.decode()
    assert client.get(change).status_code == 200
    assert client.get(public).status_code == 200
    assert entry.allowed_statuses(people.owner_operator) == {EditorialStatus.REVIEW}
    entry.submit_for_review(by=people.owner_operator)
    assert entry.allowed_statuses(people.owner_operator) == {EditorialStatus.DRAFT}

    # Coordinator and administrator: see everything, may publish.
    for person in (people.coordinator, people.administrator):
        _login(client, person)
        assert client.get(changelist).status_code == 200
        assert client.get(change).status_code == 200
        assert client.get(public).status_code == 200
        assert EditorialStatus.PUBLISHED in entry.allowed_statuses(person)

    entry.publish(by=people.coordinator)
    # Once published, the operator can no longer change its status, and everyone sees it.
    assert entry.allowed_statuses(people.owner_operator) == set()
    _login(client, people.anonymous)
    assert client.get(public).status_code == 200
