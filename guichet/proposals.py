"""Proposed changes: an operator's edit of a published entry waits for the coordinator while the published version
stays online. One rule for every path (admin form and its inlines, admin actions, spreadsheet import, history revert):

- the coordinator's own edits are saved at once, with their history;
- an operator's edit of an entry not yet published is saved as it is (it is reviewed before its first publication);
- an operator's edit of a published entry becomes a `ProposedChange` (fields, many-to-many choices, inline rows),
  applied only when the coordinator approves it, or sent back with a comment that stays on the entry;
- nobody but the coordinator changes who owns an entry.

`EditorialModel.check_operator_save` enforces the same rule under every save made during an operator's request.
"""

import contextvars
import datetime
import decimal
import uuid
from collections.abc import Iterable
from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from guichet import review
from guichet.enums import EditorialStatus, ProposalState
from guichet.models import ProposedChange, StatusChange
from guichet.models.editorial import PROTECTED_FIELDS

_allowed: contextvars.ContextVar[frozenset] = contextvars.ContextVar("guichet_allowed_saves", default=frozenset())


def _key(entry) -> tuple[str, int]:
    return (entry._meta.label_lower, entry.pk)


@contextmanager
def allowed(entry):
    """Saves of this entry inside the block were decided by this module (an approval, a verification date)."""
    token = _allowed.set(_allowed.get() | {_key(entry)})
    try:
        yield
    finally:
        _allowed.reset(token)


def applying(entry) -> bool:
    return _key(entry) in _allowed.get()


# The rule.


def live_version(entry):
    """The entry as the database (and so the public site) has it."""
    return type(entry).objects.filter(pk=entry.pk).first() if entry.pk else None


def must_propose(entry, *, by) -> bool:
    """True when this person's edit of this entry must wait for the coordinator: an operator, a published entry."""
    if by.is_coordinator:
        return False
    live = live_version(entry)
    return live is not None and live.status == EditorialStatus.PUBLISHED


def check_ownership(entry, *, by) -> None:
    """Only the coordinator gives an existing entry to another organisation."""
    if by.is_coordinator:
        return
    live = live_version(entry)
    if live is not None and live.owner_id != entry.owner_id:
        raise PermissionDenied("Seule l'animatrice change l'organisation propriétaire d'une fiche.")


def open_proposal(entry) -> ProposedChange | None:
    if entry.pk is None:
        return None
    return ProposedChange.objects.open().for_entry(entry).select_related("author").first()


def proposals_by_pk(model, pks) -> dict[int, ProposedChange]:
    """The open proposals of these entries of one model, in one query."""
    content_type = ContentType.objects.get_for_model(model)
    rows = ProposedChange.objects.open().filter(content_type=content_type, object_id__in=list(pks))
    return {row.object_id: row for row in rows}


# One open proposal per entry, never a silent second one.

# `propose(seen=UNCHECKED)`: the caller already checked, in this same request, what the editor saw.
UNCHECKED = object()


class ProposalConflict(ValidationError):
    """The entry's open proposal changed since the editor opened the entry: her edit is refused, never merged
    blindly (it would set back fields her colleague changed, or add the same rows twice)."""


def revision(proposal: ProposedChange | None) -> str:
    """What an editor saw of an entry's open proposal when she opened it ("" for none); the admin form keeps it in a
    hidden field and gives it back to `propose(seen=…)`."""
    if proposal is None:
        return ""
    return f"{proposal.pk}:{proposal.updated_at.isoformat()}"


def conflict_message(proposal: ProposedChange) -> str:
    author = proposal.author
    who = (author.get_full_name() or author.email) if author is not None else "une opératrice"
    when = timezone.localtime(proposal.updated_at).strftime("%d/%m/%Y à %H:%M")
    if proposal.state == ProposalState.SENT_BACK:
        told = f"L'animatrice a renvoyé la modification de cette fiche avec ce commentaire : « {proposal.comment} »"
    else:
        told = (
            f"Une modification de cette fiche, proposée par {who} le {when}, attend déjà la relecture de l'animatrice"
        )
    return (
        f"{told}. Elle a changé depuis que vous avez ouvert cette page : votre saisie n'est pas enregistrée, pour ne "
        "pas la remplacer sans le voir. Ce que vous avez saisi est conservé ci-dessous : lisez la modification en "
        "attente (« Voir ce qui change »), puis rouvrez la fiche et refaites votre correction."
    )


def check_seen(entry, seen, *, proposal=UNCHECKED) -> None:
    """Refuse an edit made on an out-of-date view of the entry's open proposal (`seen`, from `revision`)."""
    if seen is UNCHECKED:
        return
    current = open_proposal(entry) if proposal is UNCHECKED else proposal
    if current is not None and revision(current) != seen:
        raise ProposalConflict(conflict_message(current), code="proposal_conflict")


def _comparable(model, values: dict) -> dict:
    """An added row's values that say what it is (not its order, not its many-to-many choices)."""
    m2m = {f.name for f in model._meta.many_to_many}
    return {name: value for name, value in values.items() if name not in m2m and name != "position"}


def _row_label(model, values: dict) -> str:
    parts = []
    for name, value in values.items():
        if name == "position" or value in (None, "", []):
            continue
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.ManyToManyField):
            continue
        parts.append(review.display(model_field, load(model_field, value)))
        if len(parts) == 2:
            break
    return " ; ".join(parts) or str(model._meta.verbose_name)


def duplicate_rows(old: dict, new: dict) -> list[str]:
    """Rows `new` adds (inline changes, as in a proposal) that `old` (an open proposal's) already adds, in words."""
    duplicates = []
    for name, rows in new.items():
        if name not in old:
            continue
        model = apps.get_model(rows["model"])
        known = [_comparable(model, values) for values in old[name]["add"]]
        duplicates += [_row_label(model, v) for v in rows["add"] if _comparable(model, v) in known]
    return duplicates


def duplicate_message(labels: list[str]) -> str:
    quoted = ", ".join(f"« {label} »" for label in labels)
    return (
        f"Déjà ajouté dans la modification qui attend la relecture de l'animatrice : {quoted}. Une même ligne n'est "
        "pas ajoutée deux fois ; « Voir ce qui change » montre ce qui est en attente."
    )


def duplicate_forms(entry, formset) -> list:
    """The new rows of an inline formset that the entry's open proposal already adds: (form, row in words)."""
    proposal = open_proposal(entry)
    if proposal is None or not proposal.inlines:
        return []
    fk = formset.fk
    model = formset.model
    accessor = fk.remote_field.get_accessor_name()
    known = proposal.inlines.get(accessor)
    if known is None:
        return []
    fields = [f for f in editable_fields(model) if f.name != fk.name]
    found = []
    for form in formset.extra_forms:
        if not form.has_changed() or not hasattr(form, "cleaned_data"):
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        values = _row_values(form.instance, fields)
        if _comparable(model, values) in [_comparable(model, v) for v in known["add"]]:
            found.append((form, _row_label(model, values)))
    return found


def check_duplicate_rows(entry, inlines: dict) -> None:
    """Refuse inline rows the entry's open proposal already adds (a form sent twice, a series entered again)."""
    proposal = open_proposal(entry)
    labels = duplicate_rows(proposal.inlines, inlines) if proposal is not None else []
    if labels:
        raise ValidationError(duplicate_message(labels), code="duplicate_rows")


# Values to and from JSON.


def editable_fields(model) -> list:
    """The fields an edit may change (never the owner, the status or the bookkeeping)."""
    return [
        f for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name not in PROTECTED_FIELDS
    ]


def _dump(field, instance):
    value = field.value_from_object(instance)
    # Through the project's encoder so dates, times and decimals come back with `field.to_python`.
    return DjangoJSONEncoder().default(value) if isinstance(value, _ENCODED) else value


_ENCODED = (datetime.datetime, datetime.date, datetime.time, datetime.timedelta, decimal.Decimal, uuid.UUID)


def load(field, raw):
    if isinstance(field, models.ManyToManyField):
        return list(raw or [])
    return field.to_python(raw)


def _m2m_pks(values) -> list:
    return sorted(getattr(v, "pk", v) for v in (values or []))


def _row_values(row, fields: Iterable, m2m: dict | None = None, *, compare_to=None) -> dict:
    """A row's values (those that differ from `compare_to` if given), with its many-to-many choices."""
    values = {}
    for f in fields:
        if compare_to is None or f.value_from_object(row) != f.value_from_object(compare_to):
            values[f.name] = _dump(f, row)
    for name, chosen in (m2m or {}).items():
        pks = _m2m_pks(chosen)
        if compare_to is None or pks != _m2m_pks(getattr(compare_to, name).all()):
            values[name] = pks
    return values


def inline_changes(formset) -> tuple[str, dict] | None:
    """What an inline formset (a structure's services, a sheet's questions…) would change, without saving it:
    rows updated (only their changed fields), added and deleted."""
    fk = formset.fk
    model = formset.model
    fields = [f for f in editable_fields(model) if f.name != fk.name]
    m2m_names = [f.name for f in model._meta.many_to_many]
    update, add, delete = {}, [], []
    existing = {row.pk: row for row in model.objects.filter(pk__in=[f.instance.pk for f in formset.initial_forms])}
    for form in formset.initial_forms:
        if formset.can_delete and formset._should_delete_form(form):
            delete.append(form.instance.pk)
        elif form.has_changed():
            row = form.save(commit=False)
            m2m = {name: form.cleaned_data[name] for name in m2m_names if name in form.cleaned_data}
            changes = _row_values(row, fields, m2m, compare_to=existing.get(row.pk))
            if changes:
                update[str(row.pk)] = changes
    for form in formset.extra_forms:
        if not form.has_changed() or (formset.can_delete and formset._should_delete_form(form)):
            continue
        row = formset.save_new(form, commit=False)
        m2m = {name: form.cleaned_data[name] for name in m2m_names if name in form.cleaned_data}
        add.append(_row_values(row, fields, m2m))
    if not (update or add or delete):
        return None
    accessor = fk.remote_field.get_accessor_name()
    return accessor, {"model": model._meta.label_lower, "fk": fk.name, "update": update, "add": add, "delete": delete}


def _merge_inlines(old: dict, new: dict) -> dict:
    merged = {name: {**rows, "update": dict(rows["update"])} for name, rows in old.items()}
    for name, rows in new.items():
        if name not in merged:
            merged[name] = rows
            continue
        target = merged[name]
        for pk, changes in rows["update"].items():
            target["update"][pk] = {**target["update"].get(pk, {}), **changes}
        target["add"] = [*target["add"], *rows["add"]]
        target["delete"] = sorted({*target["delete"], *rows["delete"]})
        for pk in target["delete"]:
            target["update"].pop(str(pk), None)
    return {name: rows for name, rows in merged.items() if rows["update"] or rows["add"] or rows["delete"]}


# The services.


@transaction.atomic
def propose(
    entry,
    *,
    by,
    fields: Iterable[str] = (),
    m2m: dict | None = None,
    inlines: dict | None = None,
    seen=UNCHECKED,
) -> ProposedChange | None:
    """Keep `by`'s edit of a published entry as a proposed change. `entry` carries the new values in memory;
    `fields` names the fields the edit covered (a form's fields, an import's columns) and `m2m` the chosen rows
    of its many-to-many fields. Merged into the entry's open proposal if there is one; a field set back to its
    published value leaves the proposal. Returns the open proposal, or None when nothing differs any more.

    Never a silent second proposal: `seen` is what the editor saw of the open proposal (`revision`; "" for none,
    as for an import row made from the published version). If the open proposal changed since, an edit that
    changes anything is refused (`ProposalConflict`, in French) and one that changes nothing leaves it untouched.
    Inline rows the open proposal already adds are refused too."""
    if not entry.can_edit(by):
        raise PermissionDenied("Vous ne pouvez pas modifier cette fiche.")
    check_ownership(entry, by=by)
    live = type(entry).objects.get(pk=entry.pk)
    proposal = ProposedChange.objects.open().for_entry(entry).select_for_update().first() or ProposedChange(
        content_type=ContentType.objects.get_for_model(entry), object_id=entry.pk
    )
    was = proposal.state if proposal.pk else None
    by_name = {f.name: f for f in editable_fields(type(entry))}
    if seen is not UNCHECKED and proposal.pk and revision(proposal) != seen:
        if _changes_anything(entry, live, [by_name[n] for n in fields if n in by_name], m2m, inlines):
            raise ProposalConflict(conflict_message(proposal), code="proposal_conflict")
        return proposal
    labels = duplicate_rows(proposal.inlines, inlines or {})
    if labels:
        raise ValidationError(duplicate_message(labels), code="duplicate_rows")
    values = dict(proposal.values)
    for name in fields:
        field = by_name.get(name)
        if field is None:
            continue
        if field.value_from_object(entry) != field.value_from_object(live):
            values[name] = _dump(field, entry)
        else:
            values.pop(name, None)
    chosen = dict(proposal.m2m)
    for name, rows in (m2m or {}).items():
        pks = _m2m_pks(rows)
        if pks != _m2m_pks(getattr(live, name).all()):
            chosen[name] = pks
        else:
            chosen.pop(name, None)
    proposal.values, proposal.m2m = values, chosen
    proposal.inlines = _merge_inlines(proposal.inlines, inlines or {})
    if proposal.is_empty:
        if proposal.pk:
            proposal.delete()
        return None
    proposal.state = ProposalState.PENDING
    proposal.author = by
    proposal.save()
    if was != ProposalState.PENDING:
        StatusChange.record(
            entry,
            by=by,
            from_status=live.status,
            to_status=live.status,
            note="Modification proposée : la version publiée reste en ligne jusqu'à la relecture.",
        )
        review.notify_proposed(live, by=by)
    return proposal


def _changes_anything(entry, live, fields, m2m, inlines) -> bool:
    """Whether an edit differs from the published version at all."""
    if inlines:
        return True
    if any(f.value_from_object(entry) != f.value_from_object(live) for f in fields):
        return True
    return any(_m2m_pks(rows) != _m2m_pks(getattr(live, name).all()) for name, rows in (m2m or {}).items())


def _check_coordinator(by) -> None:
    if not (by.is_active and by.is_coordinator):
        raise PermissionDenied("Seule l'animatrice relit les modifications proposées.")


def _fill_row(row, values: dict, *, fk: str) -> None:
    model = type(row)
    by_name = {f.name: f for f in editable_fields(model)}
    m2m_names = {f.name for f in model._meta.many_to_many}
    later = {}
    for name, raw in values.items():
        if name in m2m_names:
            later[name] = raw
        elif name in by_name:
            setattr(row, by_name[name].attname, load(by_name[name], raw))
    row.full_clean(exclude=[fk], validate_unique=False)
    row.save()
    for name, pks in later.items():
        getattr(row, name).set(pks)


def _apply_inlines(entry, inlines: dict) -> None:
    for rows in inlines.values():
        model = apps.get_model(rows["model"])
        parent = {rows["fk"]: entry}
        if rows["delete"]:
            model.objects.filter(pk__in=rows["delete"], **parent).delete()
        for pk, values in rows["update"].items():
            row = model.objects.filter(pk=pk, **parent).first()
            if row is not None:  # a row gone since (a past date of an event) has nothing left to change
                _fill_row(row, values, fk=rows["fk"])
        for values in rows["add"]:
            _fill_row(model(**parent), values, fk=rows["fk"])


@transaction.atomic
def approve(proposal: ProposedChange, *, by, note: str = ""):
    """The coordinator publishes a proposed change: applied to the entry (history, verification date, a status
    record), and its operators are told. An entry archived meanwhile stays archived."""
    _check_coordinator(by)
    if proposal.state == ProposalState.APPLIED:
        raise PermissionDenied("Cette modification est déjà publiée.")
    model = proposal.content_type.model_class()
    entry = model.objects.select_for_update().get(pk=proposal.object_id)
    by_name = {f.name: f for f in editable_fields(model)}
    for name, raw in proposal.values.items():
        if name in by_name:
            setattr(entry, by_name[name].attname, load(by_name[name], raw))
    entry.full_clean()
    entry.reviewed_at = timezone.now()
    entry._history_user = by
    with allowed(entry):
        entry.save()
    for name, pks in proposal.m2m.items():
        getattr(entry, name).set(pks)
    _apply_inlines(entry, proposal.inlines)
    if hasattr(entry, "refresh_search_text"):
        entry.refresh_search_text()
    StatusChange.record(
        entry,
        by=by,
        from_status=entry.status,
        to_status=entry.status,
        note=("Modification publiée. " + note).strip()[:500],
    )
    proposal.state = ProposalState.APPLIED
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.save()
    review.notify_published(entry, by=by)
    return entry


@transaction.atomic
def send_back(proposal: ProposedChange, *, by, comment: str) -> None:
    """The coordinator returns a proposed change with a comment; it stays on the entry and the operators are told.
    The published version is untouched."""
    _check_coordinator(by)
    if not comment.strip():
        raise PermissionDenied("Dites ce qu'il faut revoir.")
    entry = proposal.entry
    proposal.state = ProposalState.SENT_BACK
    proposal.comment = comment
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.save()
    StatusChange.record(
        entry, by=by, from_status=entry.status, to_status=entry.status, note=f"Modification renvoyée : {comment}"[:500]
    )
    review.notify_sent_back(entry, comment=comment, by=by, proposal=True)


def last_sent_back_note(entry) -> str:
    """The coordinator's comment when she last sent the whole entry back to draft."""
    change = (
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(entry),
            object_id=entry.pk,
            from_status=EditorialStatus.REVIEW,
            to_status=EditorialStatus.DRAFT,
        )
        .exclude(note="")
        .first()
    )
    return change.note if change else ""


def new_rows(rows, *, fk: str) -> dict:
    """Unsaved inline rows of one kind, linked to their entry by the field `fk`, as the "added" part of a proposal
    (for `propose(inlines=…)`)."""
    rows = list(rows)
    if not rows:
        return {}
    model = type(rows[0])
    fk = model._meta.get_field(fk)
    fields = [f for f in editable_fields(model) if f.name != fk.name]
    added = [_row_values(row, fields) for row in rows]
    accessor = fk.remote_field.get_accessor_name()
    return {accessor: {"model": model._meta.label_lower, "fk": fk.name, "update": {}, "add": added, "delete": []}}


class ProposalResourceMixin:
    """For the spreadsheet import (guichet.imports.EditorialResource): a row that edits a published entry as an
    operator becomes a proposed change, an empty "organisation" cell keeps an existing entry's owner, and only the
    coordinator changes it. Saving is the only part touched here; reading the row stays in guichet.imports."""

    def import_row(self, row, instance_loader, **kwargs):
        self._owner_given = bool(str(row.get("organisation") or "").strip())
        return super().import_row(row, instance_loader, **kwargs)

    def save_instance(self, instance, is_create, row, **kwargs):
        from django.core.exceptions import ValidationError
        from import_export.widgets import ManyToManyWidget

        user = getattr(self, "user", None)
        instance._proposing = False
        if user is None or is_create:
            return super().save_instance(instance, is_create, row, **kwargs)
        live = live_version(instance)
        if live is not None and not getattr(self, "_owner_given", True):
            instance.owner_id = live.owner_id
        try:
            check_ownership(instance, by=user)
        except PermissionDenied:
            raise ValidationError(
                "Seule l'animatrice change l'organisation propriétaire d'une fiche : laissez la colonne "
                "« organisation » comme dans l'export."
            ) from None
        if not must_propose(instance, by=user):
            return super().save_instance(instance, is_create, row, **kwargs)
        instance._proposing = True
        fields = self.get_import_fields()
        given = [f for f in fields if f.column_name in row]
        chosen = {f.attribute: f.clean(row) for f in given if isinstance(f.widget, ManyToManyWidget)}
        # A row is made from the published version (an export): it never replaces an open proposal unseen.
        propose(instance, by=user, fields=[f.attribute for f in given], m2m=chosen, seen="")
        return None

    def save_m2m(self, instance, row, **kwargs):
        if getattr(instance, "_proposing", False):
            return  # the choices wait in the proposal
        return super().save_m2m(instance, row, **kwargs)
