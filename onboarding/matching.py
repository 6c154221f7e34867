"""What "Mon parcours" suggests for her answers: the matching rules, in one place, as plain functions over querysets.
The same rules, written for a reviewer who does not read code, are in onboarding/RULES.md; `manage.py matching_table`
prints, from the live content, which aids each statut × phase is shown.

An empty list on an entry (statuts, phases, territoires) means "everyone". Aids are evaluated one by one by
ressources/eligibility.py (met / not met / unknown for each condition, with the aid's own words); the parcours puts
the essentials she is eligible for first and never cuts them, then what meets her needs, then the rest, and says how
many more there are. Aids for the relative who helps her go to their own section, never among hers. The first steps
("par où commencer") are entries (FirstStep) targeted by statut, phase and answer.
"""

import copy
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from agenda.models import ONLINE_MODES, Occurrence
from annuaire.enums import StructureKind
from annuaire.models import Structure
from guichet.answers import FOR_HER_PARAM, Answers
from guichet.enums import ForWhom, Phase, ProfessionalStatus
from guichet.models import Territory
from guichet.models.vocabulary import enclosing_ids, territory_index
from guichet.sharedcache import memo
from onboarding.models import FirstStep
from pairs.enums import GroupFormat
from pairs.models import GroupSession, PeerGroup, Registration
from ressources import eligibility
from ressources.eligibility import PHASE_PHRASES, STATUS_PHRASES
from ressources.enums import ResourceKind
from ressources.models import Sheet

LIMITS = {"aids": 8, "sheets": 6, "structures": 6, "apps": 3, "events": 5, "groups": 3, "first_steps": 4}
# However many essentials she has, a few aids about her needs or for everyone still follow them.
MIN_OTHER_AIDS = 3


@dataclass
class Suggestion:
    entry: object
    why: str
    to_check: list[str] = field(default_factory=list)
    url: str = ""
    essential: bool = False


@dataclass
class Parcours:
    answers: Answers
    departement: Territory | None
    aids: list[Suggestion]
    sheets: list[Suggestion]
    structures: list[Suggestion]
    apps: list[Suggestion]
    events: list
    groups: list
    first_steps: list[dict]
    caregiver_aids: list[Suggestion] = field(default_factory=list)
    more_aids: int = 0
    more_aids_truncated: bool = False
    more_aids_url: str = ""

    @property
    def essentials(self) -> int:
        """How many of her aids shown are essential for her (the plan at the top of the page says it)."""
        return sum(1 for suggestion in self.aids if suggestion.essential)

    @property
    def outside_coverage(self) -> bool:
        return self.departement is not None and not self.departement.is_covered

    @property
    def for_relative(self) -> bool:
        return self.answers.for_whom == ForWhom.RELATIVE

    @property
    def for_someone_else(self) -> bool:
        return self.answers.for_whom in (ForWhom.RELATIVE, ForWhom.PROFESSIONAL)


# Who she is, in words.


def subject(answers: Answers) -> dict:
    """The words for her, or for the woman she asks for."""
    return eligibility.subject(answers)


def describe(answers: Answers, *, status=True, phase=True) -> str:
    """ "Vous êtes gérante majoritaire de SARL ou d'EURL, en traitement"."""
    is_ = subject(answers)["is"]
    parts = []
    if status and answers.status_known:
        parts.append(f"{is_} {STATUS_PHRASES[ProfessionalStatus(answers.status)]}")
    if phase and answers.phase:
        phrase = PHASE_PHRASES[Phase(answers.phase)]
        if answers.phase == Phase.PREVENTION and is_ != "vous êtes":
            phrase = "elle crée ou gère son activité"
        parts.append(phrase if parts or answers.phase == Phase.PREVENTION else f"{is_} {phrase}")
    return ", ".join(parts)


# Aids.


def _with_target_flags(queryset, *fields):
    """Annotate `has_<field>`: whether the entry lists any (one subquery each, no extra query)."""
    model = queryset.model
    source = f"{model._meta.model_name}_id"
    for name in fields:
        through = model._meta.get_field(name).remote_field.through
        queryset = queryset.annotate(**{f"has_{name}": Exists(through.objects.filter(**{source: OuterRef("pk")}))})
    return queryset


def evaluate_aids(answers: Answers, departement: Territory | None) -> tuple[list[eligibility.Evaluation], bool]:
    """The published aids valid in her département and for her statut and phase, evaluated against her answers and
    ranked (excluded ones dropped), and whether more were left unread: over `eligibility.catalogue()`, the published
    aids this process holds (no query while content does not change)."""
    aids, about_her_needs, truncated = eligibility.shortlist_for(
        eligibility.catalogue(),
        status=answers.status if answers.status_known else "",
        phase=answers.phase,
        places=enclosing_ids(departement),
        themes=answers.themes,
    )
    evaluations = [
        eligibility.evaluate(
            aid, answers, departement_known=departement is not None, about_her_needs=aid.pk in about_her_needs
        )
        for aid in aids
    ]
    return eligibility.rank(evaluations), truncated


def aids_for(answers: Answers, departement: Territory | None) -> list[Suggestion]:
    """Her aids in order (never an aid for her caregiver); see `split_aids` for what the page shows."""
    evaluations, _unseen = evaluate_aids(answers, departement)
    return [_suggestion(e) for e in evaluations if not e.aid.is_for_caregiver]


def split_aids(evaluations, truncated=False, limit=LIMITS["aids"]):
    """(her aids shown, how many more, whether there are more still, the caregiver's aids): every essential she may
    have is shown, then others up to the limit (at least MIN_OTHER_AIDS); "more" counts the others read and not
    shown, and `truncated` says that more were not even read (the listing has them all)."""
    hers = [e for e in evaluations if not e.aid.is_for_caregiver]
    caregiver = [_suggestion(e) for e in evaluations if e.aid.is_for_caregiver]
    essentials = [e for e in hers if e.essential]
    others = [e for e in hers if not e.essential]
    room = max(limit - len(essentials), MIN_OTHER_AIDS)
    shown = [_suggestion(e) for e in [*essentials, *others[:room]]]
    return shown, max(len(others) - room, 0), truncated, caregiver


def _suggestion(evaluation) -> Suggestion:
    aid = evaluation.aid
    return Suggestion(
        entry=aid,
        why=evaluation.why,
        to_check=evaluation.to_check,
        url=aid.get_absolute_url(),
        essential=evaluation.essential,
    )


def more_aids_url(answers: Answers) -> str:
    """The aids listing filtered like her parcours, by the server from her cookie (no answer in the address)."""
    url = reverse("ressources:listing", kwargs={"kind": ResourceKind.AID})
    name, value = FOR_HER_PARAM
    return f"{url}?{name}={value}" if answers.listing_filters() else url


def _themes_first(queryset, answers):
    if not answers.themes:
        return queryset.annotate(about_her_needs=Value(0, output_field=IntegerField()))
    through = queryset.model.themes.through
    source = f"{queryset.model._meta.model_name}_id"
    about = through.objects.filter(**{source: OuterRef("pk")}, theme__slug__in=answers.themes)
    return queryset.annotate(about_her_needs=Case(When(Exists(about), then=1), default=0, output_field=IntegerField()))


# Sheets.


def published_sheets() -> list[Sheet]:
    """Every published sheet with its `targets`, by title: one query, kept by each process until content changes
    (guichet.sharedcache.memo). Shared between requests: never modify these objects."""
    return memo("ressources.sheets", lambda: list(Sheet.objects.published().with_targets().order_by("title", "pk")))


def sheets_for(answers: Answers, departement) -> list[Suggestion]:
    """The sheets for her statut, phase and département, those about her needs first, then by title."""
    status = answers.status if answers.status_known else ""
    places = enclosing_ids(departement)
    themes = frozenset(answers.themes)
    sheets = [
        sheet
        for sheet in published_sheets()
        if sheet.targets.concerns(status=status, phase=answers.phase, places=places)
    ]
    sheets.sort(key=lambda sheet: not (sheet.targets.themes & themes))  # stable: by title inside each group
    suggestions = []
    for sheet in sheets[: LIMITS["sheets"]]:
        if sheet.targets.themes & themes:
            why = "Sur l'un des besoins que vous avez cochés."
        elif sheet.targets.phases and answers.phase:
            why = f"Écrite pour ce moment : {PHASE_PHRASES[Phase(answers.phase)]}."
        else:
            why = "Utile à toutes les entrepreneuses."
        suggestions.append(Suggestion(entry=sheet, why=why, url=sheet.get_absolute_url()))
    return suggestions


# Structures and apps.


def structures_for(answers: Answers, departement) -> tuple[list[Suggestion], list[Suggestion]]:
    """Structures nearest first (her département, then her region, then national), inside each level those about
    her needs first, and apps: read for her phase, département and needs once per process until content changes
    (guichet.sharedcache.memo; only published content is kept, under those three answers)."""
    themes = tuple(sorted(answers.themes))
    structures, apps = memo(
        "onboarding.structures",
        lambda: _structures(answers.phase, departement, themes),
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
    return suggestions, [
        Suggestion(
            entry=app,
            why=f"Une application ou un service en ligne, utilisable de chez {words['home']}.",
            url=app.get_absolute_url(),
        )
        for app in apps
    ]


def _structures(phase, departement, themes) -> tuple[list[tuple], list]:
    """([(structure, nearness, about her needs)], [apps]). One short query per level, stopping as soon as there are
    enough: each reads the directory in the order of its index by name and stops at its LIMIT, whatever the
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
        missing = LIMITS["structures"] - len(structures)
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
    apps = list(base.filter(kind=StructureKind.APPLICATION).order_by("name", "pk")[: LIMITS["apps"]])
    return structures, apps


def _by_needs(nearness, condition, themes):
    """One level of nearness as (nearness, condition, about her needs): those with a service about one of her
    needs, then the others; a single level when she ticked none."""
    if not themes:
        return [(nearness, condition, False)]
    through = Structure.services.rel.related_model.themes.through
    about = Exists(through.objects.filter(service__structure=OuterRef("pk"), theme__slug__in=themes))
    return [(nearness, condition & about, True), (nearness, condition & ~about, False)]


# Events and groups.


# How many upcoming events, and groups not over, each process keeps per phase and département (see events_for): as
# dates pass and groups fill, those kept still hold the first ones; when they no longer do, the database is read.
KEPT = 25


def events_for(answers: Answers, departement, now=None) -> list:
    """The next events for her phase, in her département or online, soonest first: the KEPT next ones read once per
    process until content changes (guichet.sharedcache.memo), those over since left out at each request."""
    now = now or timezone.now()
    key = (answers.phase, departement.code if departement else None)
    kept = memo("onboarding.events", lambda: list(_occurrences(*key, now=now)[:KEPT]), key=key)
    upcoming = [occurrence for occurrence in kept if occurrence.ends_at > now]
    if len(upcoming) < LIMITS["events"] and len(kept) == KEPT:
        upcoming = list(_occurrences(*key, now=now)[: LIMITS["events"]])
    return upcoming[: LIMITS["events"]]


def _occurrences(phase, departement_code, now):
    occurrences = (
        Occurrence.objects.public()
        .not_cancelled()
        .upcoming(now)
        .select_related("event", "event__departement", "event__organiser")
    )
    if phase:
        occurrences = occurrences.for_phase(phase)
    if departement_code is not None:
        return occurrences.for_departement(departement_code)
    return occurrences.filter(event__mode__in=ONLINE_MODES)


def groups_for(answers: Answers, departement, now=None) -> list:
    """Groups for her phase, in her département or by video, with a place left, soonest first. The KEPT first groups
    not over are read once per process until content changes (guichet.sharedcache.memo); their places, which every
    sign-up changes, are counted at each request in one query."""
    now = now or timezone.now()
    key = (answers.phase, departement.code if departement else None)
    kept = memo("onboarding.groups", lambda: list(_groups(*key, now=now).prefetch_related(None)[:KEPT]), key=key)
    current = [group for group in kept if group.last_session_ends_at and group.last_session_ends_at > now]
    taken = dict(
        Registration.objects.filter(group__in=[group.pk for group in current])
        .holding_place(now)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    groups = []
    for group in current:
        if group.capacity - taken.get(group.pk, 0) > 0 and len(groups) < LIMITS["groups"]:
            group = copy.copy(group)  # those kept are shared by every request of this process
            group.places_taken = taken.get(group.pk, 0)
            group.places_left = group.capacity - group.places_taken
            groups.append(group)
    if len(groups) < LIMITS["groups"] and len(kept) == KEPT:
        groups = list(_groups(*key, now=now).with_places(now).filter(places_left__gt=0)[: LIMITS["groups"]])
    return groups[: LIMITS["groups"]]


def _groups(phase, departement_code, now):
    groups = (
        PeerGroup.objects.published()
        .not_over(now)
        .annotate(
            first_session=Subquery(
                GroupSession.objects.filter(group=OuterRef("pk")).order_by("starts_at").values("starts_at")[:1]
            ),
            last_session_ends_at=Subquery(
                GroupSession.objects.filter(group=OuterRef("pk")).order_by("-ends_at").values("ends_at")[:1]
            ),
        )
        .select_related("departement")
        .order_by("first_session", "pk")
    )
    if phase:
        groups = groups.for_phase(phase)
    if departement_code is not None:
        return groups.for_departement(departement_code)
    return groups.filter(format=GroupFormat.VIDEO)


# Par où commencer.


def first_steps(answers: Answers) -> list[dict]:
    """Her first actions: FirstStep entries for her statut, phase and answers, most urgent first; over the active
    steps each process keeps until content changes (guichet.sharedcache.memo)."""
    steps = memo("onboarding.first_steps", FirstStep.objects.for_memory)
    return [
        {"title": step.title, "text": step.text, "url": step.get_link()}
        for step in [step for step in steps if step.concerns(answers)][: LIMITS["first_steps"]]
    ]


def parcours(answers: Answers) -> Parcours:
    departement = territory_index().departements.get(answers.departement) if answers.departement else None
    aids, more, truncated, caregiver = split_aids(*evaluate_aids(answers, departement))
    structures, apps = structures_for(answers, departement)
    return Parcours(
        answers=answers,
        departement=departement,
        aids=aids,
        caregiver_aids=caregiver,
        more_aids=more,
        more_aids_truncated=truncated,
        more_aids_url=more_aids_url(answers),
        sheets=sheets_for(answers, departement),
        structures=structures,
        apps=apps,
        events=events_for(answers, departement),
        groups=groups_for(answers, departement),
        first_steps=first_steps(answers),
    )
