"""What changed for an alert since its last digest, read from published versions (django-simple-history).

A change counts when a *published* version of a followed entry differs from the published version she last heard
of in an amount, a condition, a date, hours or a status (`WATCHED`); a draft, a proposal under review or a
verification stamp does not. New entries are those first published after the last digest that match her stored
filters, read through the same filter set and queryset as the listing. A followed full peer group tells her when a
place frees.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef

from guichet.enums import EditorialStatus

# Per followed model: the fields whose change she is told of, with the sentence that tells it.
WATCHED = {
    "ressources.aid": {
        "amount": "Le montant a changé.",
        "amount_year": "L'année du montant a changé.",
        "conditions": "Les conditions ont changé.",
    },
    "agenda.event": {
        "starts_at": "La date ou l'heure de début a changé.",
        "ends_at": "La date ou l'heure de fin a changé.",
        "repeat_until": "La date de fin de la série a changé.",
        "registration": "Les modalités d'inscription ont changé.",
    },
    "pairs.peergroup": {
        "is_open": "L'ouverture des inscriptions a changé.",
        "capacity": "Le nombre de places a changé.",
    },
    "annuaire.structure": {
        "opening_hours": "Les horaires ont changé.",
        "address": "L'adresse a changé.",
        "postal_code": "L'adresse a changé.",
        "city": "L'adresse a changé.",
        "phone": "Le numéro de téléphone a changé.",
        "email": "L'adresse e-mail a changé.",
        "is_free": "Les conditions d'accès ont changé.",
        "is_paid": "Les conditions d'accès ont changé.",
        "by_appointment": "Les conditions d'accès ont changé.",
        "on_referral": "Les conditions d'accès ont changé.",
        "membership": "Les conditions d'accès ont changé.",
        "access_note": "Les conditions d'accès ont changé.",
    },
}


@dataclass
class Item:
    """One entry in a digest: its title, its public address, and what to say about it."""

    title: str
    path: str
    lines: list[str] = field(default_factory=list)


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
    for name, sentence in WATCHED.get(label, {}).items():
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
