"""Is this aid for her? One evaluation, used by "Mon parcours", the booklet, the aid page ("Est-ce pour moi ?"),
`manage.py matching_table` and the figures. The rules, for a reader who does not read code: onboarding/RULES.md.

Each condition of an aid gives met / not met / unknown against her answers:
- statuts, phases (lists on the aid; empty means everyone): not hers → the aid is not shown; her statut unknown →
  named in "à vérifier" with how to find her statut;
- territories are filtered in the database (`for_departement`); an unknown département names local aids to check;
- the criteria (`AidCriterion`): those the questionnaire asks (12 months of affiliation, a paid mandate) are met or
  not; "not met" hides the aid unless the criterion says what she can still ask for (the maintien de droits);
  the others (income, disability, age…) are never known: each is named in "à vérifier" with its own words.
The profile is any object with `status`, `phase`, `twelve_months`, `paid_mandate` and `for_whom` (her answers).
"""

import json
from dataclasses import dataclass, field
from enum import IntEnum

from django.db.models import (
    Aggregate,
    CharField,
    Exists,
    JSONField,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Cast, JSONObject

from guichet.enums import Phase, ProfessionalStatus, YesNo
from guichet.phrases import PHASE_PHRASES, STATUS_PHRASES, subject
from guichet.targeting import Concat
from ressources.enums import Beneficiary, CriterionKind
from ressources.models import Aid, AidCriterion

FIND_YOUR_STATUS = (
    "Votre statut figure sur votre extrait Kbis ou votre avis de situation au répertoire SIRENE ; l'organisme qui "
    "vous envoie vos appels de cotisations (URSSAF, MSA, caisse de la CNAVPL) le confirme"
)


class Verdict(IntEnum):
    EXCLUDED = 0
    TO_CHECK = 1
    ELIGIBLE = 2


@dataclass
class Evaluation:
    aid: Aid
    verdict: Verdict
    essential: bool = False
    about_her_needs: bool = False
    reasons: list[str] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)

    @property
    def is_eligible(self) -> bool:
        """Every condition met as far as her answers tell, nothing left to check."""
        return self.verdict == Verdict.ELIGIBLE

    @property
    def shown(self) -> bool:
        return self.verdict != Verdict.EXCLUDED

    @property
    def why(self) -> str:
        return " ".join(self.reasons)


class JSONList(Aggregate):
    """A JSON list of the grouped values, on SQLite (JSON_GROUP_ARRAY) and PostgreSQL (JSON_AGG)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra):
        # As text, like SQLite's: psycopg would otherwise decode it before the field does.
        return self.as_sql(compiler, connection, function="JSON_AGG", template="%(function)s(%(expressions)s)::text")


@dataclass(frozen=True)
class Criterion:
    kind: str
    met_text: str
    check_text: str
    not_met_text: str
    position: int = 0


def _criteria_rows():
    rows = (
        AidCriterion.objects.filter(aid_id=OuterRef("pk"))
        .order_by()
        .values("aid_id")
        .annotate(
            rows=JSONList(
                JSONObject(
                    kind="kind",
                    met_text="met_text",
                    check_text="check_text",
                    not_met_text="not_met_text",
                    position="position",
                )
            )
        )
    )
    return Subquery(rows.values("rows"), output_field=JSONField())


def criteria_of(aid) -> list[Criterion]:
    """An aid's criteria in order: from the annotation of `aids_with_rules`, or from the database."""
    if "criteria_rows" in aid.__dict__:
        rows = aid.criteria_rows
    else:
        rows = aid.criteria.values("kind", "met_text", "check_text", "not_met_text", "position")
    if isinstance(rows, str):  # a JSON text the database driver did not decode
        rows = json.loads(rows)
    return sorted((Criterion(**row) for row in rows or []), key=lambda c: c.position)


def _codes(field_name: str, column: str):
    through = Aid._meta.get_field(field_name).remote_field.through
    rows = (
        through.objects.filter(aid_id=OuterRef("pk"))
        .values("aid_id")
        .annotate(codes=Concat(Cast(column, output_field=CharField())))
    )
    return Subquery(rows.values("codes"), output_field=CharField())


def aids_with_rules(queryset=None):
    """Published aids with what the evaluation reads, in one query whatever their number: statuts, phases and
    essential phases as comma-separated codes, whether they target territories, and their criteria as JSON."""
    territories = Aid.territories.through.objects.filter(aid_id=OuterRef("pk"))
    queryset = Aid.objects.published() if queryset is None else queryset
    return queryset.annotate(
        status_codes=_codes("statuses", "statustag_id"),
        phase_codes=_codes("phases", "phasetag_id"),
        essential_codes=_codes("essential_phases", "phasetag_id"),
        has_territories=Exists(territories),
        criteria_rows=_criteria_rows(),
    )


# How many aids a page evaluates at most: every essential fits (there are a dozen at most), and enough others to fill
# the page; the rest is counted, not evaluated.
WINDOW = 60


def catalogue() -> list[Aid]:
    """Every published aid, annotated for `evaluate` and with its `targets` (guichet.targeting): one query, kept by
    each process until content changes (guichet.sharedcache.memo). Shared between requests: never modify them."""
    from guichet.sharedcache import memo

    return memo("ressources.aids", _load_catalogue)


def _load_catalogue() -> list[Aid]:
    aids = list(aids_with_rules(Aid.objects.published().with_targets()))
    for aid in aids:
        aid.essential_phases_set = frozenset(_split(aid.essential_codes))
        if isinstance(aid.criteria_rows, str):
            aid.criteria_rows = json.loads(aid.criteria_rows)
    return aids


def shortlist_for(
    aids, *, status: str = "", phase: str = "", places=None, themes=(), size: int = WINDOW
) -> tuple[list[Aid], set[int], bool]:
    """The aids of `aids` (`catalogue()`) to evaluate for a page, in memory: those that concern her statut, phase
    and places (the querysets' for_status / for_phase / for_territory rules, guichet.targeting.Targets), the
    essentials of her phase first (of any phase when she gave none), then the aids for a caregiver, then those about
    her needs, then by title; at most `size`. Returns them, the ids of those about her needs, and whether there were
    more."""
    themes = frozenset(themes)
    kept = [aid for aid in aids if aid.targets.concerns(status=status, phase=phase, places=places)]

    def key(aid):
        essential = bool(aid.essential_phases_set) and (phase in aid.essential_phases_set if phase else True)
        return (
            not essential,
            aid.beneficiary != Beneficiary.CAREGIVER,
            not (aid.targets.themes & themes),
            aid.title,
            aid.pk,
        )

    kept.sort(key=key)
    about_her_needs = {aid.pk for aid in kept[:size] if aid.targets.themes & themes}
    return kept[:size], about_her_needs, len(kept) > size


def _split(codes) -> set[str]:
    return set(codes.split(",")) if codes else set()


def evaluate(aid: Aid, profile, *, departement_known: bool = True, about_her_needs: bool | None = None) -> Evaluation:
    """Her verdict on one aid (annotated by `aids_with_rules`), with the reasons and what to check, in words.
    `about_her_needs`: whether it is about one of her needs, when the aid does not carry it (`shortlist_for`)."""
    statuses = _split(getattr(aid, "status_codes", None))
    phases = _split(getattr(aid, "phase_codes", None))
    essential_phases = _split(getattr(aid, "essential_codes", None))
    status = profile.status if profile.status in STATUS_PHRASES else ""
    phase = profile.phase
    words = subject(profile)
    reasons, to_check = [], []

    if statuses and status and status not in statuses:
        names = ", ".join(sorted(STATUS_PHRASES[code] for code in statuses if code in STATUS_PHRASES))
        return Evaluation(aid, Verdict.EXCLUDED, reasons=[f"Elle est réservée à ces statuts : {names}."])
    if phases and phase and phase not in phases:
        names = ", ".join(PHASE_PHRASES[Phase(code)] for code in Phase.values if code in phases)
        return Evaluation(aid, Verdict.EXCLUDED, reasons=[f"Elle concerne un autre moment : {names}."])

    # Why: her statut and phase when the aid targets them, then the sentence written for the aid.
    facts = []
    if statuses and status:
        facts.append(f"{words['is']} {STATUS_PHRASES[status]}")
    if phases and phase:
        if phase == Phase.PREVENTION:
            facts.append("elle crée ou gère son activité" if words["you"] == "elle" else PHASE_PHRASES[phase])
        else:
            facts.append(PHASE_PHRASES[Phase(phase)] if facts else f"{words['is']} {PHASE_PHRASES[Phase(phase)]}")
    reason = aid.reason or aid.summary
    if facts:
        lead = ", ".join(facts)
        reasons.append(f"{lead[:1].upper()}{lead[1:]} : {reason[:1].lower()}{reason[1:]}")
    else:
        reasons.append(reason)
    if statuses and not status:
        names = ", ".join(sorted(STATUS_PHRASES[code] for code in statuses if code in STATUS_PHRASES))
        to_check.append(f"Votre statut : cette aide est réservée aux statuts suivants : {names}. {FIND_YOUR_STATUS}.")
    if aid.has_territories and not departement_known:
        to_check.append("Votre département : cette aide n'existe que dans certains départements (voir la fiche).")

    verdict = Verdict.ELIGIBLE
    for criterion in criteria_of(aid):
        kind = CriterionKind(criterion.kind)
        answer = _answer(kind, profile)
        if answer == YesNo.YES:
            reasons.append(criterion.met_text)
        elif answer == YesNo.NO:
            if not criterion.not_met_text:
                return Evaluation(aid, Verdict.EXCLUDED, reasons=[criterion.check_text])
            to_check.append(criterion.not_met_text)
            verdict = Verdict.TO_CHECK
        else:
            to_check.append(criterion.check_text)
    if to_check:
        verdict = Verdict.TO_CHECK
    essential = bool(essential_phases) and (phase in essential_phases if phase else True)
    return Evaluation(
        aid,
        verdict,
        essential=essential,
        about_her_needs=bool(getattr(aid, "about_her_needs", False) if about_her_needs is None else about_her_needs),
        reasons=reasons,
        to_check=to_check,
    )


def _answer(kind: CriterionKind, profile) -> str:
    """Her answer to the question behind a criterion: oui, non, or "" when unknown (never asked, or not answered)."""
    if kind == CriterionKind.TWELVE_MONTHS:
        value = profile.twelve_months
    elif kind == CriterionKind.PAID_MANDATE:
        value = profile.paid_mandate if profile.status == ProfessionalStatus.PRESIDENT_SAS else ""
    else:
        return ""
    return value if value in (YesNo.YES, YesNo.NO) else ""


def rank(evaluations: list[Evaluation]) -> list[Evaluation]:
    """Essentials first (those that target her statut before those for everyone), then what meets her needs, then
    the rest; inside each group, what is confirmed before what is to check, then by title."""

    def key(evaluation):
        return (
            not evaluation.essential,
            not getattr(evaluation.aid, "status_codes", None),
            not evaluation.about_her_needs,
            evaluation.verdict != Verdict.ELIGIBLE,
            evaluation.aid.title,
        )

    return sorted((e for e in evaluations if e.shown), key=key)
