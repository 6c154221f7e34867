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


def check_operator_paths(client, entry, people, *, text_field, inline=None, resource=None):
    """`entry` is published and owned by `people.owner_operator`'s organisation. Through every path an operator has
    (the admin form, its inline rows, the admin actions, a revert to an old version in the history, the spreadsheet
    import), her edit becomes a proposed change: the published version stays online unchanged, nothing is published
    without review, the owner never changes. Then the coordinator approves and the edit goes online.

    `inline` is (formset prefix, form field, new value, read the value back from the database);
    `resource` is the import-export resource class, if the model has one."""
    from guichet.enums import ProposalState
    from guichet.models import ProposedChange
    from tests.helpers.forms import admin_form

    model = type(entry)
    opts = entry._meta
    changelist, change = admin_urls(entry)
    public = entry.get_absolute_url()
    published_text = getattr(entry, text_field)
    owner = entry.owner_id

    def live():
        return model.objects.get(pk=entry.pk)

    def assert_unchanged():
        current = live()
        assert current.status == EditorialStatus.PUBLISHED
        assert current.owner_id == owner
        assert getattr(current, text_field) == published_text
        _login(client, people.anonymous)
        page = client.get(public)
        assert page.status_code == 200 and published_text in page.content.decode()

    def proposal():
        return ProposedChange.objects.open().for_entry(entry).first()

    # The admin form and its inline rows.
    _login(client, people.owner_operator)
    data = admin_form(client, change)
    data[text_field] = [f"{published_text} (corrigé)"]
    if inline is not None:
        prefix, name, value, _ = inline
        data[f"{prefix}-0-{name}"] = [value]
    response = client.post(change, data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert_unchanged()
    if inline is not None:
        assert inline[3](live()) != inline[2]
    pending = proposal()
    assert pending.state == ProposalState.PENDING
    assert pending.values[text_field] == f"{published_text} (corrigé)"
    if inline is not None:
        assert pending.inlines, "the inline row waits in the proposal"
    _login(client, people.owner_operator)
    assert "Modification en attente" in client.get(changelist).content.decode()
    assert f"{published_text} (corrigé)" in client.get(change).content.decode()  # her form shows her proposal

    # Admin actions: none publishes, none changes the status of a published entry.
    for action in ("publish", "submit_for_review", "back_to_draft", "archive", "send_back"):
        client.post(changelist, {"action": action, "_selected_action": [entry.pk], "apply": "1", "comment": "x"})
    assert_unchanged()
    assert proposal().state == ProposalState.PENDING

    # A revert to the first version (a draft, before the coordinator published it): a proposal, never a
    # publication of old content, a status or an owner of that time.
    _login(client, people.owner_operator)
    first = model.history.filter(id=entry.pk).order_by("history_date").first()
    revert = reverse(f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[entry.pk, first.history_id])
    response = client.post(revert, admin_form(client, revert))
    assert response.status_code == 302
    assert_unchanged()
    assert proposal() is not None

    # The spreadsheet import.
    if resource is not None:
        dataset = resource(user=people.owner_operator).export(model.objects.filter(pk=entry.pk))
        column = dataset.headers.index(next(h for h in dataset.headers if h in (text_field, "nom", "titre")))
        row = list(dataset[0])
        row[column] = f"{published_text} (import)"
        dataset[0] = row
        waiting = proposal().values
        result = resource(user=people.owner_operator).import_data(dataset, dry_run=False, use_transactions=True)
        # A row is made from the published version: it never replaces the open proposal unseen (it would set back
        # the fields the proposal changes). Refused in French on its line; the proposal stays as it was.
        assert result.has_validation_errors() and not result.has_errors()
        assert "attend déjà la relecture" in " ".join(result.invalid_rows[0].non_field_specific_errors)
        assert_unchanged()
        assert proposal().values == waiting
        owner_column = dataset.headers.index("organisation")
        row[owner_column] = people.other_operator.organisations.get().slug
        dataset[0] = row
        result = resource(user=people.owner_operator).import_data(dataset, dry_run=False, use_transactions=True)
        assert result.has_validation_errors() or result.has_errors()
        assert_unchanged()

    # The coordinator approves: the change goes online, with its history and a status record.
    _login(client, people.coordinator)
    review_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_proposal", args=[entry.pk])
    assert client.get(review_url).status_code == 200
    assert client.post(review_url, {"_approve": "1"}).status_code == 302
    current = live()
    assert current.status == EditorialStatus.PUBLISHED and current.owner_id == owner
    assert getattr(current, text_field) != published_text
    if inline is not None:
        assert inline[3](current) == inline[2]
    assert model.history.filter(id=entry.pk).first().history_user == people.coordinator
    assert proposal() is None
    _login(client, people.anonymous)
    assert client.get(public).status_code == 200
