"""The peer groups as a kind of content (guichet.kinds): groups still open, under "Groupes de pairs"."""

from django.db.models import Min

from guichet.kinds import ContentKind, DeskLine, Follow, Section, first_theme
from pairs.desk import sign_ups
from pairs.enums import RegistrationStatus
from pairs.models import GroupSession, PeerGroup, Registration
from pairs.parcours import groups_section

TARGETING = ("q", "theme", "phase", "departement")


def _searched(now):
    return (
        PeerGroup.objects.published()
        .not_over(now)
        .only("pk", "slug", "summary", "is_demo", "name")
        .annotate(theme_slug=first_theme(PeerGroup))
    )


def _first_end(now):
    """When a group found stops being open without anybody changing anything: the first end of a session."""
    return GroupSession.objects.filter(ends_at__gt=now).order_by().values(first=Min("ends_at"))


def _sign_ups(*, start, end):
    """The funders' table of sign-ups, by status."""
    queryset = Registration.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    return queryset, "status", dict(RegistrationStatus.choices)


def _new_groups(ids, data):
    from pairs.filters import PeerGroupFilterSet

    filterset = PeerGroupFilterSet(data, queryset=PeerGroup.objects.for_list().filter(pk__in=ids))
    return [(group.name, group.get_absolute_url()) for group in filterset.qs[:20]] if filterset.is_valid() else []


KINDS = [
    ContentKind(
        key="groupes",
        label="Groupes de pairs",
        listing="pairs:listing",
        model=PeerGroup,
        position=70,
        public=lambda: PeerGroup.objects.published().not_over(),
        section=Section("Groupes de pairs", "pairs:listing"),
        search=_searched,
        search_order="name",
        search_until=_first_end,
        desk=(DeskLine("sign_ups", sign_ups, "admin/pairs/desk_sign_ups.html"),),
        figures=(("Inscriptions aux groupes de pairs, par statut", _sign_ups),),
        parcours=groups_section,
        follow=Follow(
            key="groupes",
            what="les nouveaux groupes de pairs",
            name="Groupes de pairs",
            when="un nouveau groupe de pairs qui correspond à votre recherche est ouvert",
            filters=(*TARGETING, "format"),
            line="Nouveau groupe de pairs qui correspond à votre recherche.",
            read=_new_groups,
            watched={
                "is_open": "L'ouverture des inscriptions a changé.",
                "capacity": "Le nombre de places a changé.",
            },
        ),
    ),
]
