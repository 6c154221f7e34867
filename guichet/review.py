"""The review workflow's e-mails and its readable diff.

E-mails: a submitted entry or a proposed change tells the coordinator; an entry or a change sent back tells the
owner's operators, with the coordinator's comment; a published change tells them too. Subjects stay neutral like
every e-mail of the site.

The diff says what changed in French: field labels (never field names), values as the form shows them (labels of
choices, "Oui" / "Non", dates in words, the names of chosen rows, "(vide)" rather than "None"), the whole text of
rich fields with the changed words highlighted.
"""

import dataclasses
import html
import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from simple_history.template_utils import HistoricalRecordContextHelper

from courriel import mail
from guichet.shortcuts import admin_url

EMPTY = "(vide)"


# E-mails.


def _operators(entry) -> list[str]:
    return list(entry.owner.members.filter(is_active=True).values_list("email", flat=True))


def proposal_url(entry) -> str:
    opts = entry._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_proposal", args=[entry.pk])
    return settings.GUICHET_SITE_URL.rstrip("/") + path


def notify_submitted(entry, *, by) -> None:
    mail.send(
        "guichet/review_submitted",
        to=settings.GUICHET_COORDINATOR_EMAIL,
        context={"entry": entry, "by": by, "url": admin_url(entry), "kind": entry._meta.verbose_name},
        on_commit=True,
    )


def notify_proposed(entry, *, by) -> None:
    mail.send(
        "guichet/proposal_submitted",
        to=settings.GUICHET_COORDINATOR_EMAIL,
        context={"entry": entry, "by": by, "url": proposal_url(entry), "kind": entry._meta.verbose_name},
        on_commit=True,
    )


def notify_sent_back(entry, *, comment: str, by, proposal: bool = False) -> None:
    mail.send(
        "guichet/review_sent_back",
        to=_operators(entry),
        context={
            "entry": entry,
            "by": by,
            "comment": comment,
            "url": admin_url(entry),
            "kind": entry._meta.verbose_name,
            "proposal": proposal,
        },
        on_commit=True,
    )


def notify_published(entry, *, by) -> None:
    mail.send(
        "guichet/review_published",
        to=_operators(entry),
        context={"entry": entry, "by": by, "url": admin_url(entry), "kind": entry._meta.verbose_name},
        on_commit=True,
    )


# Values in words.


_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|ul|ol)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Rich text as the reader sees it: paragraphs on their own lines, list items with a bullet, no tags."""
    text = re.sub(r"<li[^>]*>", "• ", value, flags=re.IGNORECASE)
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def display(model_field, value) -> str:
    """One value in words, as the form would show it."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    # A model may say a value in words itself (a structure's opening hours, stored as OpenStreetMap code).
    in_words = getattr(model_field.model, "value_in_words", None)
    if in_words is not None and (words := in_words(model_field.name, value)) is not None:
        return words
    if isinstance(model_field, models.ManyToManyField):
        related = model_field.related_model
        if value and not isinstance(value[0], models.Model):
            value = list(related.objects.filter(pk__in=value))
        return ", ".join(sorted(str(v) for v in value)) or EMPTY
    if model_field.is_relation:
        if not isinstance(value, models.Model):
            value = model_field.related_model._default_manager.filter(pk=value).first()
        return str(value) if value is not None else EMPTY
    if model_field.flatchoices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return "Oui" if value else "Non"
    if isinstance(model_field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "j F Y à H:i")
    if isinstance(model_field, models.DateField):
        return formats.date_format(value, "j F Y")
    if isinstance(model_field, models.JSONField) or isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    return html_to_text(text) if "<" in text and ">" in text else text


def _html(words) -> str:
    return escape("".join(words)).replace("\n", "<br>")


def word_diff(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Both texts whole, with the words removed marked <del> in the first and the words added marked <ins> in the
    second."""
    # A word keeps the spaces after it, so a run of changed words is marked once ("<del>00 00 00</del>").
    a, b = re.findall(r"^\s+|\S+\s*", before), re.findall(r"^\s+|\S+\s*", after)
    old, new = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old.append(_html(a[i1:i2]))
            new.append(_html(b[j1:j2]))
            continue
        if i2 > i1:
            old.append(f"<del>{_html(a[i1:i2])}</del>")
        if j2 > j1:
            new.append(f"<ins>{_html(b[j1:j2])}</ins>")
    return mark_safe("".join(old)), mark_safe("".join(new))  # noqa: S308 (every piece escaped above)


@dataclass
class Change:
    field: str
    before: SafeString
    after: SafeString


@dataclass
class RowChanges:
    """What changed in one kind of inline rows (a structure's services, an event's dates…)."""

    label: str
    added: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    updated: list[tuple[str, list[Change]]] = field(default_factory=list)


def change(model_field, before, after) -> Change:
    old, new = word_diff(display(model_field, before), display(model_field, after))
    return Change(capfirst(str(model_field.verbose_name)), old, new)


def compare(model, before, after, names) -> list[Change]:
    """The fields of `names` that differ between two versions (instances or historical records) of an entry."""
    changes = []
    for name in names:
        model_field = model._meta.get_field(name)
        old = getattr(before, model_field.attname, None)
        new = getattr(after, model_field.attname, None)
        if old != new:
            changes.append(change(model_field, old, new))
    return changes


def proposal_changes(entry, proposal) -> tuple[list[Change], list[RowChanges]]:
    """A proposed change against the published entry: its fields and choices, then its inline rows."""
    from django.apps import apps

    from guichet.proposals import load

    model = type(entry)
    changes = []
    for name, raw in proposal.values.items():
        model_field = model._meta.get_field(name)
        changes.append(change(model_field, model_field.value_from_object(entry), load(model_field, raw)))
    for name, pks in proposal.m2m.items():
        model_field = model._meta.get_field(name)
        changes.append(change(model_field, list(getattr(entry, name).all()), pks))
    rows = []
    for rel in proposal.inlines.values():
        row_model = apps.get_model(rel["model"])
        section = RowChanges(capfirst(str(row_model._meta.verbose_name_plural)))
        existing = row_model.objects.in_bulk([*rel["delete"], *map(int, rel["update"])])
        section.deleted = [str(existing[pk]) for pk in rel["delete"] if pk in existing]
        for pk, values in rel["update"].items():
            row = existing.get(int(pk))
            if row is None:
                continue
            section.updated.append((str(row), _row_changes(row_model, row, values)))
        for values in rel["add"]:
            fields = [(row_model._meta.get_field(n), v) for n, v in values.items() if v not in (None, "", [])]
            fields = [(f, load(f, v)) for f, v in fields]
            section.added.append(" ; ".join(f"{capfirst(str(f.verbose_name))} : {display(f, v)}" for f, v in fields))
        rows.append(section)
    return changes, rows


def _row_changes(row_model, row, values) -> list[Change]:
    from guichet.proposals import load

    out = []
    for name, raw in values.items():
        model_field = row_model._meta.get_field(name)
        if isinstance(model_field, models.ManyToManyField):
            out.append(change(model_field, list(getattr(row, name).all()), raw))
        else:
            out.append(change(model_field, model_field.value_from_object(row), load(model_field, raw)))
    return out


class FrenchHistoryHelper(HistoricalRecordContextHelper):
    """The history page in words: French labels and values (« Publié → À relire », never `publie → a-relire`)."""

    def format_delta_change(self, delta_change):
        model_field = self.model._meta.get_field(delta_change.field)
        old = self.prepare_delta_change_value(delta_change, delta_change.old)
        new = self.prepare_delta_change_value(delta_change, delta_change.new)
        before, after = word_diff(display(model_field, old), display(model_field, new))
        return dataclasses.replace(delta_change, field=capfirst(str(model_field.verbose_name)), old=before, new=after)
