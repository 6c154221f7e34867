"""What "Mon parcours" suggests for her answers: her sections, in the order of the kinds of content (guichet.kinds),
each built by its app's own rules (`parcours`: ressources/parcours.py for aids and sheets, annuaire/parcours.py,
agenda/parcours.py, pairs/parcours.py), with the numbers the parcours shows set here. The same rules, written for a
reviewer who does not read code, are in onboarding/RULES.md; `manage.py matching_table` prints, from the live
content, which aids each statut × phase is shown.

An empty list on an entry (statuts, phases, territoires) means "everyone". Aids are evaluated one by one by
ressources/eligibility.py (met / not met / unknown for each condition, with the aid's own words); the parcours puts
the essentials she is eligible for first and never cuts them, then what meets her needs, then the rest, and says how
many more there are. Aids for the relative who helps her go to their own section, never among hers. The first steps
("par où commencer") are entries (FirstStep) targeted by statut, phase and answer.
"""

import sys
from dataclasses import dataclass, field

from django.utils import timezone

from guichet import kinds
from guichet.answers import Answers
from guichet.enums import ForWhom, Phase, ProfessionalStatus
from guichet.kinds import Suggestion
from guichet.models import Territory
from guichet.models.vocabulary import territory_index
from guichet.phrases import PHASE_PHRASES, STATUS_PHRASES
from guichet.phrases import subject as _subject
from guichet.sharedcache import memo
from onboarding.models import FirstStep

LIMITS = {"aids": 8, "sheets": 6, "structures": 6, "apps": 3, "events": 5, "groups": 3, "first_steps": 4}
# However many essentials she has, a few aids about her needs or for everyone still follow them.
MIN_OTHER_AIDS = 3


@dataclass
class Parcours:
    answers: Answers
    departement: Territory | None
    first_steps: list[dict]
    # The kinds' sections (guichet.kinds: `parcours`), empty when no installed kind gives them.
    aids: list[Suggestion] = field(default_factory=list)
    sheets: list[Suggestion] = field(default_factory=list)
    structures: list[Suggestion] = field(default_factory=list)
    apps: list[Suggestion] = field(default_factory=list)
    events: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    caregiver_aids: list[Suggestion] = field(default_factory=list)
    more_aids: int = 0
    more_aids_truncated: bool = False
    more_aids_url: str = ""
    # Sections of kinds the page does not lay out itself (guichet.kinds.KindSection), after the others.
    more: list = field(default_factory=list)

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
    return _subject(answers)


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


# Her sections, from the kinds of content.

# How many upcoming events, and groups not over, each process keeps per phase and département (agenda/parcours.py,
# pairs/parcours.py): as dates pass and groups fill, those kept still hold the first ones; when they no longer do,
# the database is read.
KEPT = 25


def _limits(**more) -> dict:
    """What each section may show (read at each call: tests change them)."""
    return {**LIMITS, "kept": KEPT, "min_other_aids": MIN_OTHER_AIDS, **more}


def _section(key: str, answers: Answers, departement, now=None, **limits) -> dict:
    kind = kinds.get(key)
    if kind is None or kind.parcours is None:
        return {}
    return kind.parcours(answers, departement, _limits(**limits), now or timezone.now())


def aids_for(answers: Answers, departement: Territory | None) -> list[Suggestion]:
    """Every aid of hers in order, never one for her caregiver (the aids' section with no limit)."""
    return _section("aides", answers, departement, aids=sys.maxsize).get("aids", [])


def events_for(answers: Answers, departement, now=None) -> list:
    """Her next events (agenda/parcours.py)."""
    return _section("evenements", answers, departement, now).get("events", [])


def groups_for(answers: Answers, departement, now=None) -> list:
    """Her peer groups with a place left (pairs/parcours.py)."""
    return _section("groupes", answers, departement, now).get("groups", [])


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
    now, limits = timezone.now(), _limits()
    sections, more = {}, []
    for kind in kinds.registered():
        if kind.parcours is not None:
            given = kind.parcours(answers, departement, limits, now)
            if isinstance(given, kinds.KindSection):
                more += [given] if given.suggestions else []
            else:
                sections |= given
    return Parcours(answers=answers, departement=departement, first_steps=first_steps(answers), more=more, **sections)
