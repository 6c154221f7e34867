"""The directory's sections of "Mon parcours" and of the printable booklet (guichet.kinds: `parcours`, `booklet`):
structures nearest first, online applications; in the booklet, the département's structures and national lines."""

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

from annuaire.enums import StructureKind
from annuaire.models import Structure
from guichet.answers import Answers
from guichet.enums import TerritoryKind
from guichet.kinds import Suggestion
from guichet.phrases import subject
from guichet.sharedcache import memo


def structures_section(answers: Answers, departement, limits: dict, now=None) -> dict:
    """Structures nearest first (her département, then her region, then national), inside each level those about
    her needs first, and apps: read for her phase, département and needs once per process until content changes
    (guichet.sharedcache.memo; only published content is kept, under those three answers)."""
    themes = tuple(sorted(answers.themes))
    structures, apps = memo(
        "onboarding.structures",
        lambda: _structures(answers.phase, departement, themes, limits),
        key=(answers.phase, departement.pk if departement else None, themes),
    )
    words = subject(answers)
    suggestions = []
    for structure, nearness, about_her_needs in structures:
        where = {
            0: f"Près de chez {words['home']}, dans le département : {departement.name if departement else ''}.",
            1: "Dans la région.",
            2: "Partout en France, souvent à distance.",
        }[nearness]
        if about_her_needs:
            where += " Elle répond aux besoins que vous avez cochés."
        suggestions.append(Suggestion(entry=structure, why=where, url=structure.get_absolute_url()))
    return {
        "structures": suggestions,
        "apps": [
            Suggestion(
                entry=app,
                why=f"Une application ou un service en ligne, utilisable de chez {words['home']}.",
                url=app.get_absolute_url(),
            )
            for app in apps
        ],
    }


def _structures(phase, departement, themes, limits) -> tuple[list[tuple], list]:
    """([(structure, nearness, about her needs)], [apps]). One short query per level, stopping as soon as there are
    enough: each reads the directory in the order of its index by name and stops at its limit, whatever the
    directory's size (a single ranked query took a second at 10,000 structures; ranking her needs inside one query,
    17 ms at 1,300 structures in one département)."""
    base = Structure.objects.published()
    if phase:
        base = base.for_phase(phase)
    through = Structure.territories.through
    anywhere = Exists(through.objects.filter(structure_id=OuterRef("pk")))
    if departement is not None:
        here = Exists(through.objects.filter(structure_id=OuterRef("pk"), territory_id=departement.pk))
        region = Exists(through.objects.filter(structure_id=OuterRef("pk"), territory_id=departement.parent_id))
        # Her département first; then her region's and national ones together, the region's first (her needs are
        # not ranked there: over thousands of national entries that ranking cost tens of milliseconds for little).
        levels = [*_by_needs(0, here, themes), (None, (region | ~anywhere) & ~here, False)]
    else:
        levels = _by_needs(2, ~anywhere, themes)
    structures = []
    for nearness, condition, about_her_needs in levels:
        missing = limits["structures"] - len(structures)
        if missing <= 0:
            break
        queryset = base.filter(condition, kind=StructureKind.STRUCTURE)
        if nearness is None:
            queryset = queryset.annotate(
                nearness=Case(When(anywhere, then=Value(1)), default=Value(2), output_field=IntegerField())
            ).order_by("nearness", "name", "pk")
        else:
            queryset = queryset.annotate(nearness=Value(nearness, output_field=IntegerField())).order_by("name", "pk")
        structures += [(structure, structure.nearness, about_her_needs) for structure in queryset[:missing]]
    apps = list(base.filter(kind=StructureKind.APPLICATION).order_by("name", "pk")[: limits["apps"]])
    return structures, apps


def _by_needs(nearness, condition, themes):
    """One level of nearness as (nearness, condition, about her needs): those with a service about one of her
    needs, then the others; a single level when she ticked none."""
    if not themes:
        return [(nearness, condition, False)]
    through = Structure.services.rel.related_model.themes.through
    about = Exists(through.objects.filter(service__structure=OuterRef("pk"), theme__slug__in=themes))
    return [(nearness, condition & about, True), (nearness, condition & ~about, False)]


# The booklet.


def structures_booklet(departement, limits: dict, now=None) -> dict:
    """The département's structures (and how many more) and the national lines with a phone number, read once per
    process per département until content changes (guichet.sharedcache.memo)."""
    structures, more_structures, national_lines = memo(
        "annuaire.booklet", lambda: _booklet_structures(departement.code, limits), key=departement.code
    )
    return {"structures": structures, "more_structures": more_structures, "national_lines": national_lines}


def _booklet_structures(code, limits) -> tuple[list, int, list]:
    through = Structure.territories.through
    here = through.objects.filter(
        structure_id=OuterRef("pk"), territory__code=code, territory__kind=TerritoryKind.DEPARTEMENT
    )
    anywhere = through.objects.filter(structure_id=OuterRef("pk"))
    local = Structure.objects.published().filter(Exists(here), kind=StructureKind.STRUCTURE)
    structures = list(local.order_by("is_demo", "name")[: limits["structures"]])
    more_structures = local.count() - len(structures) if len(structures) == limits["structures"] else 0
    national_lines = list(
        Structure.objects.published()
        .filter(~Exists(anywhere))
        .exclude(phone="")
        .order_by("name")[: limits["national_lines"]]
    )
    return structures, more_structures, national_lines
