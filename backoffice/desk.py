"""The coordinator's desk (the admin home page): what waits for her, each line linking to the object.

The queries depend on the number of kinds of content, never on the number of entries: entries to review and their
last published versions are read one query per model, stale counts one grouped query per model.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count
from django.urls import reverse

from guichet import kinds, review
from guichet.enums import EditorialStatus
from guichet.models import ErrorReport, ProposedChange
from guichet.models.editorial import editorial_models

REVIEW_LIMIT = 30
DIFF_IGNORED = {
    "id",
    "status",
    "created_at",
    "updated_at",
    "reviewed_at",
    "search_text",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "history_user_id",
}


@dataclass
class ToReview:
    entry: object
    kind: str
    url: str
    submitted_by: str
    changes: list[review.Change] = field(default_factory=list)
    rows: list = field(default_factory=list)
    is_new: bool = False


@dataclass
class Proposed:
    entry: object
    kind: str
    url: str
    author: str
    fields: list[str]


def _admin_url(entry):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


def to_review() -> list[ToReview]:
    """Entries waiting for review, with what changed since their last published version."""
    items = []
    for model in editorial_models():
        entries = list(model.objects.filter(status=EditorialStatus.REVIEW).select_related("owner")[:REVIEW_LIMIT])
        if not entries:
            continue
        history = model.history.model
        published = {}
        for record in (
            history.objects.filter(id__in=[e.pk for e in entries], status=EditorialStatus.PUBLISHED)
            .order_by("id", "-history_date")
            .select_related("history_user")
        ):
            published.setdefault(record.id, record)
        latest_by = dict(
            history.objects.filter(id__in=[e.pk for e in entries])
            .order_by("id", "history_date")
            .values_list("id", "history_user__email")
        )
        names = [f.name for f in model._meta.concrete_fields if f.attname not in DIFF_IGNORED]
        for entry in entries:
            before = published.get(entry.pk)
            changes = review.compare(model, before, entry, names) if before is not None else []
            items.append(
                ToReview(
                    entry=entry,
                    kind=str(model._meta.verbose_name),
                    url=_admin_url(entry),
                    submitted_by=latest_by.get(entry.pk) or "",
                    changes=changes,
                    is_new=before is None,
                )
            )
    return items


def proposed_changes() -> list[Proposed]:
    """Operators' changes of published entries waiting for review (the published versions stay online), with the
    names of what they change; the whole diff is on each one's review page. One query per kind of content."""
    pending = list(ProposedChange.objects.pending().select_related("content_type", "author")[:REVIEW_LIMIT])
    by_model: dict = {}
    for proposal in pending:
        by_model.setdefault(proposal.content_type.model_class(), []).append(proposal)
    items = []
    for model, rows in by_model.items():
        entries = model.objects.select_related("owner").in_bulk([p.object_id for p in rows])
        opts = model._meta
        for proposal in rows:
            entry = entries.get(proposal.object_id)
            if entry is None:
                continue
            fields = [str(opts.get_field(name).verbose_name) for name in [*proposal.values, *proposal.m2m]]
            for rel in proposal.inlines.values():
                fields.append(str(apps.get_model(rel["model"])._meta.verbose_name_plural))
            items.append(
                Proposed(
                    entry=entry,
                    kind=str(opts.verbose_name),
                    url=reverse(f"admin:{opts.app_label}_{opts.model_name}_proposal", args=[entry.pk]),
                    author=proposal.author.email if proposal.author else "",
                    fields=fields,
                )
            )
    return items


def stale_by_organisation() -> list[dict]:
    """For each organisation, how many entries are "à actualiser" (every model)."""
    counts: dict[str, dict] = {}
    for model in editorial_models():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows = model.objects.needs_review().values("owner_id", "owner__name").annotate(n=Count("pk"))
        for row in rows:
            organisation = counts.setdefault(row["owner_id"], {"name": row["owner__name"], "total": 0, "links": []})
            organisation["total"] += row["n"]
            organisation["links"].append(
                (
                    str(opts.verbose_name_plural),
                    row["n"],
                    f"{changelist}?fraicheur=a-actualiser&owner__id__exact={row['owner_id']}",
                )
            )
    return sorted(counts.values(), key=lambda o: (-o["total"], o["name"]))


def error_reports() -> dict:
    pending = ErrorReport.objects.pending()
    return {
        "items": list(pending.order_by("-created_at")[:10]),
        "count": pending.count(),
        "url": reverse("admin:guichet_errorreport_changelist"),
    }


def mail_failures() -> dict:
    """E-mails the server refused or could not take (issue 17): how many, and where to see them."""
    from courriel import queue

    return {
        "count": queue.failed().count(),
        "given_up": queue.given_up().count(),
        "url": reverse("admin:courriel_failedmessage_changelist"),
    }


# What the apps add to the desk, without the kernel knowing them (issue 20's layers): lines, each with the template
# that shows it. Content apps declare theirs with their kinds (guichet.kinds: `desk`); another app registers its own
# in its AppConfig.ready(), at a position among the kinds'.
_lines: list[kinds.DeskLine] = []


def register(line: kinds.DeskLine) -> None:
    _lines.append(line)


def desk() -> dict:
    lines = sorted([*kinds.desk_lines(), *_lines], key=lambda line: line.position)
    values = {line.name: line.build() for line in lines}
    return {
        "mail": mail_failures(),
        "to_review": to_review(),
        "proposed": proposed_changes(),
        "stale": stale_by_organisation(),
        "reports": error_reports(),
        **values,
        "lines": [(line.template, values[line.name]) for line in lines],
    }
