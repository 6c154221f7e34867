"""What changed for an alert since its last digest, read from published versions (django-simple-history).

A change counts when a *published* version of a followed entry differs from the published version she last heard
of in an amount, a condition, a date, hours or a status (what its kind watches: guichet.kinds, `Follow.watched`); a
draft, a proposal under review or a verification stamp does not. New entries are those first published after the
last digest that match her stored filters, read through the same filter set and queryset as the listing. A followed
full peer group tells her when a place frees.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from guichet import kinds
from guichet.enums import EditorialStatus


@dataclass
class Item:
    """One entry in a digest: its title, its public address, and what to say about it."""

    title: str
    path: str
    lines: list[str] = field(default_factory=list)


def watched(label: str) -> dict[str, str]:
    """The fields of a followed model whose change she is told of, with the sentence that tells it."""
    return next(
        (kind.follow.watched for kind in kinds.registered() if kind.follow and kind.model._meta.label_lower == label),
        {},
    )


def _label(content_type: ContentType) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def entry_changes(entry, *, since, until) -> list[str]:
    """What changed in the published versions of `entry` between `since` and `until`, in French sentences."""
    label = entry._meta.label_lower
    records = entry.history.filter(id=entry.pk)
    before = (
        records.filter(history_date__lte=since, status=EditorialStatus.PUBLISHED)
        .order_by("-history_date", "-history_id")
        .first()
    )
    after = records.filter(history_date__gt=since, history_date__lte=until).order_by("-history_date", "-history_id")
    after = after.first()
    if before is None or after is None:
        return []
    if after.status != EditorialStatus.PUBLISHED:
        return ["Cette fiche n'est plus publiée sur le site : elle a été retirée ou est en cours de mise à jour."]
    lines = []
    for name, sentence in watched(label).items():
        if getattr(before, name) == getattr(after, name) or sentence in lines:
            continue
        lines.append(sentence)
        # Said in words where the site says it in words (opening hours: never the OpenStreetMap code).
        words = getattr(entry, "value_in_words", lambda *args: None)(name, getattr(after, name))
        if words is not None:
            lines.append(f"Désormais : {words}")
    return lines


def places_freed(alert, group) -> tuple[list[str], int]:
    """A followed peer group that was full has a place again: (what to say, its free places now)."""
    left = group.places_left_now()
    if alert.places_left is not None and alert.places_left <= 0 < left and group.accepts_signups():
        return ["Une place s'est libérée dans ce groupe : inscrivez-vous vite."], left
    return [], left


def new_entries(alert, *, since, until) -> list[Item]:
    """Entries of the followed listing (alertes.listings: aids by default, events, structures) first published between
    `since` and `until` that its filter set, with her stored filters, would show."""
    from django.apps import apps

    from alertes.listings import listing_of
    from guichet.models.editorial import StatusChange

    listing = listing_of(alert.filters)
    model = apps.get_model(listing.model_label)
    published_now = StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        to_status=EditorialStatus.PUBLISHED,
        created_at__gt=since,
        created_at__lte=until,
    ).values("object_id")
    before = model.history.filter(id=OuterRef("pk"), status=EditorialStatus.PUBLISHED, history_date__lte=since)
    ids = model.objects.filter(pk__in=published_now).exclude(Exists(before)).values("pk")
    found = listing.new_entries(ids, alert.filters)
    return [Item(title=title, path=path, lines=[listing.line]) for title, path in found]
