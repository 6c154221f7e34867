"""An operator's home in the back office: her to-do, drawn from her organisations' entries of every kind.

Entries to confirm or update (never verified, or not for six months), sent back with the coordinator's comment,
waiting for review (new entries and proposed changes), recently published, and error reports on her entries; each
line links to the entry. One query per kind of content, whatever the number of entries (kept apart from backoffice.desk,
the coordinator's desk).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from guichet.enums import EditorialStatus, ProposalState
from guichet.models import ErrorReport, ProposedChange, StatusChange
from guichet.models.editorial import editorial_models, review_cutoff

RECENT_DAYS = 30
LIMIT = 20


@dataclass
class Line:
    entry: object
    kind: str
    url: str
    note: str = ""
    date: object = None


def _entries(model, user, since):
    content_type = ContentType.objects.get_for_model(model)
    of_entry = {"content_type": content_type, "object_id": OuterRef("pk")}
    proposal = ProposedChange.objects.open().filter(**of_entry)
    sent_back = StatusChange.objects.filter(
        **of_entry, from_status=EditorialStatus.REVIEW, to_status=EditorialStatus.DRAFT
    ).order_by("-created_at", "-pk")
    published = StatusChange.objects.filter(**of_entry, to_status=EditorialStatus.PUBLISHED).order_by("-created_at")
    applied = ProposedChange.objects.filter(**of_entry, state=ProposalState.APPLIED).order_by("-decided_at")
    reports = ErrorReport.objects.pending().filter(**of_entry)
    report_count = reports.order_by().values("object_id").annotate(n=Count("pk")).values("n")
    return (
        model.objects.editable_by(user)
        .exclude(status=EditorialStatus.ARCHIVED)
        .annotate(
            proposal_state=Subquery(proposal.values("state")[:1]),
            proposal_comment=Subquery(proposal.values("comment")[:1]),
            sent_back_note=Subquery(sent_back.values("note")[:1]),
            went_live_at=Subquery(published.filter(created_at__gte=since).values("created_at")[:1]),
            approved_at=Subquery(applied.filter(decided_at__gte=since).values("decided_at")[:1]),
            reports=Coalesce(Subquery(report_count[:1]), 0),
            last_report=Subquery(reports.order_by("-created_at").values("message")[:1]),
        )
        .order_by("-updated_at", "-pk")
    )


def operator_desk(user, now=None) -> dict:
    now = now or timezone.now()
    since = now - timedelta(days=RECENT_DAYS)
    cutoff = review_cutoff(now)
    lists: dict[str, list[Line]] = {"sent_back": [], "stale": [], "waiting": [], "published": [], "reports": []}
    for model in editorial_models():
        opts = model._meta
        kind = str(opts.verbose_name)
        for entry in _entries(model, user, since):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
            if entry.proposal_state == ProposalState.SENT_BACK:
                lists["sent_back"].append(Line(entry, kind, url, entry.proposal_comment))
            elif entry.status == EditorialStatus.DRAFT and entry.sent_back_note:
                lists["sent_back"].append(Line(entry, kind, url, entry.sent_back_note))
            if entry.proposal_state == ProposalState.PENDING:
                lists["waiting"].append(Line(entry, kind, url, "modification d'une fiche publiée"))
            elif entry.status == EditorialStatus.REVIEW:
                lists["waiting"].append(Line(entry, kind, url, "soumise à relecture"))
            if entry.reviewed_at is None or entry.reviewed_at < cutoff:
                note = (
                    "jamais vérifiée"
                    if entry.reviewed_at is None
                    else f"vérifiée le {timezone.localtime(entry.reviewed_at):%d/%m/%Y}"
                )
                lists["stale"].append(Line(entry, kind, url, note, entry.reviewed_at))
            recent = [d for d in (entry.went_live_at, entry.approved_at) if d is not None]
            if entry.status == EditorialStatus.PUBLISHED and recent:
                lists["published"].append(Line(entry, kind, url, "", max(recent)))
            if entry.reports:
                # She cannot open the reports themselves (the coordinator handles them): the last one is quoted.
                lists["reports"].append(Line(entry, kind, url, entry.last_report, entry.reports))
    lists["stale"].sort(key=lambda line: (line.date is not None, line.date or now))
    lists["published"].sort(key=lambda line: line.date, reverse=True)
    return {
        name: {"items": items[:LIMIT], "count": len(items), "more": len(items) > LIMIT} for name, items in lists.items()
    }
