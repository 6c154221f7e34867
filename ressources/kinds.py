"""The resources as kinds of content (guichet.kinds): aids, sheets and inspiring contents, under "Ressources"."""

from guichet.kinds import ContentKind, Follow, Section, first_theme
from ressources.enums import ResourceKind
from ressources.models import Aid, InspiringContent, Sheet
from ressources.parcours import aids_booklet, aids_section, sheets_section

SECTION = Section("Ressources", "ressources:index")
TARGETING = ("q", "theme", "phase", "departement")
# What a result's card shows in the site search: only these columns are read, not the long texts.
CARD = ("pk", "slug", "summary", "is_demo", "title")


def _searched(model, *columns):
    return lambda now: model.objects.published().only(*CARD, *columns).annotate(theme_slug=first_theme(model))


def _new_aids(ids, data):
    from ressources.filters import ResourceFilterSet

    filterset = ResourceFilterSet(data, queryset=Aid.objects.for_list().filter(pk__in=ids))
    return [(aid.title, aid.get_absolute_url()) for aid in filterset.qs[:20]] if filterset.is_valid() else []


def _kind(kind: ResourceKind, model, position: int, *, counted_label: str = "", **more) -> ContentKind:
    """One of the three kinds of resources; the reads of those with a `counted_label` are counted."""
    return ContentKind(
        key=kind.value,
        label=kind.label,
        listing="ressources:listing",
        listing_args=(kind.value,),
        model=model,
        position=position,
        public=model.objects.published,
        section=SECTION,
        search_order="title",
        counted=rf"^/ressources/{kind.value}/(?P<slug>[-a-zA-Z0-9_]+)/$" if counted_label else "",
        counted_label=counted_label,
        **more,
    )


KINDS = [
    _kind(
        ResourceKind.AID,
        Aid,
        10,
        search=_searched(Aid),
        counted_label="Aide",
        parcours=aids_section,
        booklet=aids_booklet,
        follow=Follow(
            key=ResourceKind.AID.value,
            what="les nouvelles aides",
            name="Aides et dispositifs",
            when="une nouvelle aide qui correspond à votre recherche est publiée",
            filters=(*TARGETING, "statut"),
            line="Nouvelle aide qui correspond à votre recherche.",
            read=_new_aids,
            watched={
                "amount": "Le montant a changé.",
                "amount_year": "L'année du montant a changé.",
                "conditions": "Les conditions ont changé.",
            },
        ),
    ),
    _kind(ResourceKind.SHEET, Sheet, 20, search=_searched(Sheet), counted_label="Fiche", parcours=sheets_section),
    _kind(ResourceKind.CONTENT, InspiringContent, 30, search=_searched(InspiringContent, "format")),
]
