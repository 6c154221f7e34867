"""What "Mon parcours" suggests for her answers: the matching rules, in one place, as plain functions over querysets.
The same rules, written for a reviewer who does not read code, are in onboarding/RULES.md; `manage.py matching_table`
prints, from the live content, which aids each statut × phase is shown.

An empty list on an entry (statuts, phases, territoires) means "everyone". In short:
- statut known: aids for her statut or for every statut; "je ne sais pas" or no answer: aids for some statuts only are
  shown "à vérifier selon votre statut";
- phase known: entries for her phase or every phase;
- département known: national, her region's and her département's entries; structures nearest first; events and
  groups in her département and online; no département: national entries, online events, video groups, and local aids
  "à vérifier selon votre département";
- the eligibility question: "non" hides the aids that require it (12 months of affiliation; a paid mandate for a
  présidente de SAS), "je ne sais pas" or no answer shows them "à vérifier";
- her needs (themes) put the entries about them first.
Each suggestion says why, from the facts that matched.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When

from agenda.models import Occurrence
from annuaire.enums import StructureKind
from annuaire.models import Structure
from guichet.enums import Phase, ProfessionalStatus
from guichet.models import Territory
from onboarding.answers import Answers, ForWhom, YesNo
from pairs.models import PeerGroup
from ressources.models import Aid, Sheet

LIMITS = {"aids": 8, "sheets": 6, "structures": 6, "apps": 3, "events": 5, "groups": 3}

# How to say her statut and phase in a sentence ("vous êtes …", "elle est …").
STATUS_PHRASES = {
    ProfessionalStatus.ARTISAN: "artisane",
    ProfessionalStatus.TRADER: "commerçante",
    ProfessionalStatus.LIBERAL_UNREGULATED: "en profession libérale non réglementée",
    ProfessionalStatus.MICRO: "micro-entrepreneuse",
    ProfessionalStatus.LIBERAL_REGULATED: "en profession libérale réglementée",
    ProfessionalStatus.MANAGER_SARL: "gérante majoritaire de SARL ou d'EURL",
    ProfessionalStatus.PRESIDENT_SAS: "présidente de SAS ou de SASU",
    ProfessionalStatus.SPOUSE: "conjointe collaboratrice",
    ProfessionalStatus.FARMER: "agricultrice",
}
PHASE_PHRASES = {
    Phase.PREVENTION: "vous créez ou gérez votre activité",
    Phase.TREATMENT: "en traitement",
    Phase.AFTER: "après les traitements",
}


@dataclass
class Suggestion:
    entry: object
    why: str
    to_check: list[str] = field(default_factory=list)
    url: str = ""


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

    @property
    def outside_coverage(self) -> bool:
        return self.departement is not None and not self.departement.is_covered


# Who she is, in words.


def subject(answers: Answers) -> dict:
    """The words for her, or for the woman she asks for."""
    if answers.for_whom in (ForWhom.RELATIVE, ForWhom.PROFESSIONAL):
        return {"is": "elle est", "object": "la", "home": "elle"}
    return {"is": "vous êtes", "object": "vous", "home": "vous"}


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


def aids_for(answers: Answers, departement: Territory | None) -> list[Suggestion]:
    queryset = _with_target_flags(Aid.objects.published(), "statuses", "phases", "territories")
    if answers.status_known:
        queryset = queryset.for_status(answers.status)
    if answers.phase:
        queryset = queryset.for_phase(answers.phase)
    if departement is not None:
        queryset = queryset.for_departement(departement.code)
    if answers.twelve_months == YesNo.NO:
        queryset = queryset.filter(requires_twelve_months=False)
    if answers.paid_mandate == YesNo.NO or (
        answers.status_known and answers.status != ProfessionalStatus.PRESIDENT_SAS
    ):
        queryset = queryset.filter(requires_paid_mandate=False)
    queryset = _themes_first(queryset, answers).order_by("-about_her_needs", "title")
    return [_aid_suggestion(aid, answers, departement) for aid in queryset[: LIMITS["aids"]]]


def _themes_first(queryset, answers):
    if not answers.themes:
        return queryset.annotate(about_her_needs=Value(0, output_field=IntegerField()))
    through = queryset.model.themes.through
    source = f"{queryset.model._meta.model_name}_id"
    about = through.objects.filter(**{source: OuterRef("pk")}, theme__slug__in=answers.themes)
    return queryset.annotate(about_her_needs=Case(When(Exists(about), then=1), default=0, output_field=IntegerField()))


def _aid_suggestion(aid, answers: Answers, departement) -> Suggestion:
    statuses, phases, territories = aid.has_statuses, aid.has_phases, aid.has_territories
    to_check = []
    if statuses and not answers.status_known:
        to_check.append("à vérifier selon votre statut")
    if territories and departement is None:
        to_check.append("à vérifier selon votre département")
    if aid.requires_twelve_months and answers.twelve_months != YesNo.YES:
        to_check.append("à vérifier : il faut 12 mois d'affiliation")
    if aid.requires_paid_mandate and answers.paid_mandate != YesNo.YES:
        to_check.append("à vérifier : seulement si vous êtes rémunérée pour votre mandat")
    facts = describe(answers, status=statuses, phase=phases)
    if facts:
        why = f"{facts[:1].upper()}{facts[1:]} : « {aid.title} » {subject(answers)['object']} concerne."
    elif statuses:
        why = "Pour certains statuts seulement : à vérifier selon votre statut."
    else:
        why = "Pour toutes les entrepreneuses, quel que soit leur statut."
    if territories and departement is not None:
        why += f" Elle s'applique dans votre territoire ({departement.name})."
    if aid.about_her_needs:
        why += " Elle répond à l'un des besoins que vous avez cochés."
    return Suggestion(entry=aid, why=why, to_check=to_check, url=aid.get_absolute_url())


# Sheets.


def sheets_for(answers: Answers, departement) -> list[Suggestion]:
    queryset = _with_target_flags(Sheet.objects.published(), "phases")
    if answers.status_known:
        queryset = queryset.for_status(answers.status)
    if answers.phase:
        queryset = queryset.for_phase(answers.phase)
    if departement is not None:
        queryset = queryset.for_departement(departement.code)
    queryset = _themes_first(queryset, answers).order_by("-about_her_needs", "title")
    suggestions = []
    for sheet in queryset[: LIMITS["sheets"]]:
        if sheet.about_her_needs:
            why = "Sur l'un des besoins que vous avez cochés."
        elif sheet.has_phases and answers.phase:
            why = f"Écrite pour ce moment : {PHASE_PHRASES[Phase(answers.phase)]}."
        else:
            why = "Utile à toutes les entrepreneuses."
        suggestions.append(Suggestion(entry=sheet, why=why, url=sheet.get_absolute_url()))
    return suggestions


# Structures and apps.


def structures_for(answers: Answers, departement) -> tuple[list[Suggestion], list[Suggestion]]:
    """Structures nearest first (her département, then her region, then national) and apps. One short query per
    level of nearness, stopping as soon as there are enough: each is a LIMIT on an index, whatever the directory's
    size (a single ranked query over every structure took a second at 10,000 structures)."""
    base = Structure.objects.published()
    if answers.phase:
        base = base.for_phase(answers.phase)
    order = ("-about_her_needs", "name", "pk")
    through = Structure.territories.through
    anywhere = Exists(through.objects.filter(structure_id=OuterRef("pk")))
    levels = [(2, ~anywhere)]
    if departement is not None:
        here = Exists(
            through.objects.filter(
                structure_id=OuterRef("pk"), territory__code=departement.code, territory__kind="departement"
            )
        )
        region = Exists(through.objects.filter(structure_id=OuterRef("pk"), territory_id=departement.parent_id))
        # Her département first; then her region's and national ones together, the region's first.
        levels = [(0, here), (None, (region | ~anywhere) & ~here)]
    words = subject(answers)
    structures = []
    for nearness, condition in levels:
        missing = LIMITS["structures"] - len(structures)
        if missing <= 0:
            break
        queryset = base.filter(condition, kind=StructureKind.STRUCTURE)
        if nearness is None:
            # Region and national: nearest first, then by name (her needs are not ranked here: over thousands of
            # national entries that ranking cost tens of milliseconds for little).
            queryset = queryset.annotate(
                nearness=Case(When(anywhere, then=Value(1)), default=Value(2), output_field=IntegerField()),
                about_her_needs=Value(0, output_field=IntegerField()),
            ).order_by("nearness", "name", "pk")
        else:
            queryset = _structure_themes_first(queryset, answers)
            queryset = queryset.annotate(nearness=Value(nearness, output_field=IntegerField())).order_by(*order)
        for structure in queryset[:missing]:
            where = {
                0: f"Près de chez {words['home']}, dans le département : {departement.name if departement else ''}.",
                1: "Dans la région.",
                2: "Partout en France, souvent à distance.",
            }[structure.nearness]
            if structure.about_her_needs:
                where += " Elle répond aux besoins que vous avez cochés."
            structures.append(Suggestion(entry=structure, why=where, url=structure.get_absolute_url()))
    apps = [
        Suggestion(
            entry=app,
            why=f"Une application ou un service en ligne, utilisable de chez {words['home']}.",
            url=app.get_absolute_url(),
        )
        for app in base.filter(kind=StructureKind.APPLICATION).order_by("name", "pk")[: LIMITS["apps"]]
    ]
    return structures, apps


def _structure_themes_first(queryset, answers):
    if not answers.themes:
        return queryset.annotate(about_her_needs=Value(0, output_field=IntegerField()))
    through = Structure.services.rel.related_model.themes.through
    about = through.objects.filter(service__structure=OuterRef("pk"), theme__slug__in=answers.themes)
    return queryset.annotate(about_her_needs=Case(When(Exists(about), then=1), default=0, output_field=IntegerField()))


# Events and groups.


def events_for(answers: Answers, departement) -> list:
    occurrences = (
        Occurrence.objects.public()
        .not_cancelled()
        .upcoming()
        .select_related("event", "event__departement", "event__organiser")
    )
    if answers.phase:
        occurrences = occurrences.for_phase(answers.phase)
    if departement is not None:
        occurrences = occurrences.for_departement(departement.code)
    else:
        occurrences = occurrences.filter(event__mode__in=["en-ligne", "les-deux"])
    return list(occurrences[: LIMITS["events"]])


def groups_for(answers: Answers, departement) -> list:
    groups = PeerGroup.objects.for_list().prefetch_related(None).filter(places_left__gt=0)
    if answers.phase:
        groups = groups.for_phase(answers.phase)
    if departement is not None:
        groups = groups.for_departement(departement.code)
    else:
        groups = groups.filter(format="visio")
    return list(groups[: LIMITS["groups"]])


# Par où commencer.

FIRST_STEPS = {
    Phase.TREATMENT: [
        {
            "title": "Faites reconnaître votre arrêt de travail",
            "text": "Envoyez l'avis d'arrêt de travail à votre caisse dans les 48 heures : c'est la condition des "
            "indemnités journalières.",
            "aid_prefix": "indemnites-journalieres",
        },
        {
            "title": "Demandez des délais pour vos cotisations",
            "text": "L'URSSAF peut étaler vos cotisations ou les recalculer sur un revenu estimé plus bas.",
            "aid_prefix": "delais-recalcul-cotisations-urssaf",
        },
        {
            "title": "Parlez à quelqu'un qui connaît votre statut",
            "text": "L'animatrice du Guichet unique vous met en relation avec la bonne personne.",
            "url": "/annuaire/mise-en-relation/",
        },
    ],
    Phase.AFTER: [
        {
            "title": "Préparez une reprise progressive",
            "text": "Le temps partiel thérapeutique permet de reprendre à votre rythme en gardant une partie des "
            "indemnités.",
            "aid_prefix": "temps-partiel-therapeutique",
        },
        {
            "title": "Connaissez votre droit à l'oubli",
            "text": "Pour emprunter, vous n'avez plus à déclarer un cancer du sein guéri depuis plus de 5 ans.",
            "aid_prefix": "droit-a-l-oubli",
        },
        {
            "title": "Rejoignez des femmes qui vivent la même chose",
            "text": "Un groupe de pairs, sur place ou en visio, pour parler de la reprise.",
            "url": "/groupes/?phase=apres",
        },
    ],
    Phase.PREVENTION: [
        {
            "title": "Vérifiez votre prévoyance",
            "text": "Un arrêt de travail sans prévoyance peut coûter cher : regardez ce que votre contrat couvre.",
            "aid_prefix": "prevoyance",
        },
        {
            "title": "Sachez ce que vous toucheriez en cas d'arrêt",
            "text": "Les indemnités journalières dépendent de votre statut et de votre ancienneté.",
            "aid_prefix": "indemnites-journalieres",
        },
        {
            "title": "Repérez les personnes ressources",
            "text": "Associations et organismes près de chez vous, avant d'en avoir besoin.",
            "url": "/annuaire/",
        },
    ],
}


def first_steps(answers: Answers, aids: list[Suggestion]) -> list[dict]:
    """Three actions for her phase, each pointing to her own matching aid when there is one."""
    steps = []
    for step in FIRST_STEPS.get(answers.phase, FIRST_STEPS[Phase.TREATMENT] if not answers.phase else []):
        url = step.get("url", "")
        if "aid_prefix" in step:
            match = next((s for s in aids if s.entry.slug.startswith(step["aid_prefix"])), None)
            url = match.url if match else "/ressources/aides/?" + urlencode({"q": step["aid_prefix"].replace("-", " ")})
        steps.append({"title": step["title"], "text": step["text"], "url": url})
    return steps


def parcours(answers: Answers) -> Parcours:
    departement = (
        Territory.objects.departements().select_related("parent").filter(code=answers.departement).first()
        if answers.departement
        else None
    )
    aids = aids_for(answers, departement)
    structures, apps = structures_for(answers, departement)
    return Parcours(
        answers=answers,
        departement=departement,
        aids=aids,
        sheets=sheets_for(answers, departement),
        structures=structures,
        apps=apps,
        events=events_for(answers, departement),
        groups=groups_for(answers, departement),
        first_steps=first_steps(answers, aids),
    )
