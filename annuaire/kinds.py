"""The directory as kinds of content (guichet.kinds): structures and online applications, under "Annuaire"."""

from annuaire.contact import ContactRequest, RequestState
from annuaire.desk import contact_requests
from annuaire.enums import StructureKind
from annuaire.figures import first_call_backs
from annuaire.models import Structure
from annuaire.parcours import structures_booklet, structures_section
from guichet.kinds import ContentKind, DeskLine, Follow, Section

SECTION = Section("Annuaire", "annuaire:listing")
CARD = ("pk", "slug", "summary", "is_demo", "name", "category")
TARGETING = ("q", "theme", "phase", "departement")


def _searched(kind: StructureKind):
    return lambda now: Structure.objects.published().filter(kind=kind).only(*CARD)


def _category_theme(structure) -> str:
    """The colour of its category, as everywhere on the site."""
    return structure.category_choice.theme_slug


def _requests(*, start, end):
    """The funders' table of requests to be put in touch, by state."""
    queryset = ContactRequest.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    return queryset, "state", dict(RequestState.choices)


def _new_structures(ids, data):
    from annuaire.filters import StructureFilterSet

    filterset = StructureFilterSet(data, queryset=Structure.objects.for_list().filter(pk__in=ids))
    return [(s.name, s.get_absolute_url()) for s in filterset.qs[:20]] if filterset.is_valid() else []


KINDS = [
    ContentKind(
        key="structures",
        label="Structures",
        listing="annuaire:listing",
        model=Structure,
        position=40,
        public=lambda: Structure.objects.published().filter(kind=StructureKind.STRUCTURE),
        section=SECTION,
        search=_searched(StructureKind.STRUCTURE),
        search_order="name",
        card_theme=_category_theme,
        card_template="annuaire/includes/search_card.html",
        desk=(DeskLine("requests", contact_requests, "admin/annuaire/desk_requests.html"),),
        figures=(("Demandes de mise en relation, par état", _requests),),
        measures={"call_backs": first_call_backs},
        parcours=structures_section,  # the applications' too
        booklet=structures_booklet,
        follow=Follow(
            key="annuaire",
            what="les nouvelles structures",
            name="Annuaire",
            when="une nouvelle structure qui correspond à votre recherche entre dans l'annuaire",
            filters=(*TARGETING, "code_postal", "categorie", "acces", "type"),
            line="Nouvelle structure de l'annuaire qui correspond à votre recherche.",
            read=_new_structures,
            watched={
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
        ),
    ),
    ContentKind(
        key="applications",
        label="Applications et services en ligne",
        listing="annuaire:listing",
        listing_query=f"type={StructureKind.APPLICATION.value}",
        model=Structure,
        position=50,
        public=lambda: Structure.objects.published().filter(kind=StructureKind.APPLICATION),
        section=SECTION,
        search=_searched(StructureKind.APPLICATION),
        search_order="name",
        card_theme=_category_theme,
        card_template="annuaire/includes/search_card.html",
    ),
]
