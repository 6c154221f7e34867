"""The resources' sections of "Mon parcours" and of the printable booklet (guichet.kinds: `parcours`, `booklet`); the
rules, for a reader who does not read code, are in onboarding/RULES.md.

Aids are evaluated one by one by ressources/eligibility.py (met / not met / unknown for each condition, with the aid's
own words); her parcours puts the essentials she is eligible for first and never cuts them, then what meets her
needs, then the rest, and says how many more there are. Aids for the relative who helps her go to their own section,
never among hers. The booklet groups a département's aids by statut, with the same evaluation."""

from dataclasses import dataclass

from django.urls import reverse

from guichet.answers import FOR_HER_PARAM, Answers
from guichet.enums import Phase, ProfessionalStatus
from guichet.kinds import Suggestion
from guichet.models import Territory
from guichet.models.vocabulary import enclosing_ids
from guichet.phrases import PHASE_PHRASES
from guichet.sharedcache import memo
from ressources import eligibility
from ressources.enums import ResourceKind
from ressources.models import Sheet

# Aids.


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


def split_aids(evaluations, truncated, *, limit: int, min_others: int):
    """(her aids shown, how many more, whether there are more still, the caregiver's aids): every essential she may
    have is shown, then others up to the limit (at least `min_others`); "more" counts the others read and not
    shown, and `truncated` says that more were not even read (the listing has them all)."""
    hers = [e for e in evaluations if not e.aid.is_for_caregiver]
    caregiver = [_suggestion(e) for e in evaluations if e.aid.is_for_caregiver]
    essentials = [e for e in hers if e.essential]
    others = [e for e in hers if not e.essential]
    room = max(limit - len(essentials), min_others)
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


def aids_section(answers: Answers, departement, limits: dict, now=None) -> dict:
    """Her aids (`limits["aids"]`, at least `limits["min_other_aids"]` besides the essentials), the caregiver's, and
    how many more the listing has."""
    aids, more, truncated, caregiver = split_aids(
        *evaluate_aids(answers, departement), limit=limits["aids"], min_others=limits["min_other_aids"]
    )
    return {
        "aids": aids,
        "caregiver_aids": caregiver,
        "more_aids": more,
        "more_aids_truncated": truncated,
        "more_aids_url": more_aids_url(answers),
    }


# Sheets.


def published_sheets() -> list[Sheet]:
    """Every published sheet with its `targets`, by title: one query, kept by each process until content changes
    (guichet.sharedcache.memo). Shared between requests: never modify these objects."""
    return memo("ressources.sheets", lambda: list(Sheet.objects.published().with_targets().order_by("title", "pk")))


def sheets_section(answers: Answers, departement, limits: dict, now=None) -> dict:
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
    for sheet in sheets[: limits["sheets"]]:
        if sheet.targets.themes & themes:
            why = "Sur l'un des besoins que vous avez cochés."
        elif sheet.targets.phases and answers.phase:
            why = f"Écrite pour ce moment : {PHASE_PHRASES[Phase(answers.phase)]}."
        else:
            why = "Utile à toutes les entrepreneuses."
        suggestions.append(Suggestion(entry=sheet, why=why, url=sheet.get_absolute_url()))
    return {"sheets": suggestions}


# The booklet.

# The statuts the booklet groups aids by, in the words of the questionnaire.
STATUS_GROUPS = [
    (
        "Artisanes, commerçantes, micro-entrepreneuses, professions libérales non réglementées, gérantes majoritaires",
        [
            ProfessionalStatus.ARTISAN,
            ProfessionalStatus.TRADER,
            ProfessionalStatus.MICRO,
            ProfessionalStatus.LIBERAL_UNREGULATED,
            ProfessionalStatus.MANAGER_SARL,
        ],
    ),
    ("Professions libérales réglementées", [ProfessionalStatus.LIBERAL_REGULATED]),
    ("Présidentes de SAS ou de SASU", [ProfessionalStatus.PRESIDENT_SAS]),
    ("Conjointes collaboratrices", [ProfessionalStatus.SPOUSE]),
    ("Agricultrices", [ProfessionalStatus.FARMER]),
]


@dataclass
class AidGroup:
    """Aids of the booklet for some statuts (none: for everyone), and whether there are more online."""

    label: str
    statuses: set
    aids: list
    more: bool = False


def _group(label, statuses, evaluations, limits, unseen=0) -> AidGroup:
    """Essentials first and all of them, then the others up to the limit (the same order as the parcours)."""
    essentials = [e.aid for e in evaluations if e.essential]
    others = [e.aid for e in evaluations if not e.essential]
    room = max(limits["aids_per_group"] - len(essentials), 2)
    return AidGroup(label, set(statuses), [*essentials, *others[:room]], len(others) > room or unseen)


def aid_groups(departement, limits: dict) -> tuple[AidGroup, list[AidGroup], AidGroup]:
    """The aids of a département by statut, with the evaluation of "Mon parcours" for a woman of each statut (any
    phase), over the published aids this process keeps (`eligibility.catalogue`)."""
    aids, _needs, unseen = eligibility.shortlist_for(
        eligibility.catalogue(), places=enclosing_ids(departement), size=limits["aids_window"]
    )
    by_status = []
    for label, statuses in STATUS_GROUPS:
        seen, evaluations = set(), []
        for status in statuses:
            profile = Answers(status=status)
            for evaluation in eligibility.rank([eligibility.evaluate(aid, profile) for aid in aids]):
                aid = evaluation.aid
                if aid.pk in seen or aid.is_for_caregiver or not aid.status_codes:
                    continue
                seen.add(aid.pk)
                evaluations.append(evaluation)
        if evaluations:
            by_status.append(_group(label, statuses, eligibility.rank(evaluations), limits, unseen))
    everyone = eligibility.rank([eligibility.evaluate(aid, Answers()) for aid in aids if not aid.status_codes])
    for_everyone = _group(
        "Pour toutes, quel que soit le statut",
        [],
        [e for e in everyone if not e.aid.is_for_caregiver],
        limits,
        unseen,
    )
    caregivers = eligibility.rank([eligibility.evaluate(aid, Answers()) for aid in aids if aid.is_for_caregiver])
    return for_everyone, by_status, _group("Pour les proches qui aident", [], caregivers, limits)


def aids_booklet(departement, limits: dict, now=None) -> dict:
    """The booklet's aids, read once per process per département until content changes (guichet.sharedcache.memo):
    only published content, the same for every reader."""
    for_everyone, by_status, for_caregivers = memo(
        "ressources.booklet", lambda: aid_groups(departement, limits), key=departement.code
    )
    return {"for_everyone": for_everyone, "by_status": by_status, "for_caregivers": for_caregivers}
