"""Mon parcours and the booklet, checked against women written from docs/DOMAIN.md (issue 14, point 6).

The expectations below come from the domain facts only, never from the matching code: each persona names the fact
(number, or "Dec. 2026" for the section "Additions and corrections, December 2026") her expectations rest on. Only what
DOMAIN.md says with certainty is asserted; what it leaves open ("à vérifier", "sources disagree") is left out.

The demo content (`manage.py load_demo`) is loaded once for the whole module inside a transaction that is rolled back
at the end; each test runs in its own savepoint on top of it.
"""

import re
from dataclasses import dataclass, field

import pytest
from django.utils.html import escape

from guichet.answers import Answers
from onboarding import booklet, matching
from tests.onboarding.test_parcours import set_answers

pytestmark = pytest.mark.django_db

# --- Aid slugs (demo content) ---------------------------------------------------------------------------------------
IJ_INDEPENDANTES = "indemnites-journalieres-independantes"  # fact 1
IJ_LIBERALES = "indemnites-journalieres-professions-liberales"  # fact 2
TPT = "temps-partiel-therapeutique-independantes"  # fact 3
IJ_PRESIDENTE = "indemnites-journalieres-presidente-sas"  # fact 4
IJ_AMEXA = "indemnites-journalieres-agricultrices-amexa"  # fact 5
ALD = "affection-longue-duree-cancer-du-sein"  # fact 6
PENSION_INDEPENDANTES = "pension-invalidite-artisanes-commercantes"  # fact 7
ACTION_SOCIALE_CPSTI = "action-sociale-urssaf-cpsti"  # fact 8
DELAIS_URSSAF = "delais-recalcul-cotisations-urssaf"  # fact 9
AMA = "ama-aide-maintien-activite-independantes"  # fact 11b
REPIT = "aide-au-repit-travailleur-independant"  # fact 11b; for the relative who helps (issue 14)
DROIT_OUBLI = "droit-a-l-oubli-loi-lemoine"  # fact 12
MADELIN = "prevoyance-madelin"  # fact 13
AJPA = "allocation-journaliere-proche-aidant"  # fact 15, Dec. 2026
GIMS_13 = "sante-au-travail-independantes-gims-13"  # fact 20
PENSION_MSA = "pension-invalidite-agricultrices-msa"  # fact 5, Dec. 2026 ("who to call": MSA)
ACTION_SOCIALE_MSA = "action-sociale-msa-exploitantes"  # Dec. 2026 ("who to call": MSA)
INVALIDITE_CNAVPL = "invalidite-professions-liberales-cnavpl"  # fact 7 ("Libérales: own fund")
MICRO_COTISATION_MINIMALE = "micro-entrepreneuse-cotisation-minimale-facultative"  # Dec. 2026 (micro threshold)

# What the relative who helps can ask for: never shown as the sick woman's own aid (fact 15, Dec. 2026; issue 14).
CAREGIVER_AIDS = {AJPA, REPIT}
# Aids whose eligibility depends on her statut: with "je ne sais pas", each one shown says to check the statut.
STATUT_SPECIFIC = {
    IJ_INDEPENDANTES,
    IJ_LIBERALES,
    IJ_PRESIDENTE,
    IJ_AMEXA,
    PENSION_INDEPENDANTES,
    PENSION_MSA,
    INVALIDITE_CNAVPL,
    ACTION_SOCIALE_CPSTI,
    ACTION_SOCIALE_MSA,
    DELAIS_URSSAF,
    MADELIN,
    MICRO_COTISATION_MINIMALE,
}
# IJ that need 12 months of affiliation (facts 1, 2, 5), with the maintien de droits route (Dec. 2026).
IJ_WITH_AFFILIATION = {IJ_INDEPENDANTES, IJ_LIBERALES, IJ_AMEXA}
# Never hers whatever her answers, by statut (the other schemes' IJ and bodies).
NOT_AGRICULTRICE = {  # fact 5, Dec. 2026 "who to call": MSA, not CPAM / URSSAF / CPSTI
    IJ_INDEPENDANTES,
    IJ_LIBERALES,
    IJ_PRESIDENTE,
    PENSION_INDEPENDANTES,
    ACTION_SOCIALE_CPSTI,
    DELAIS_URSSAF,
    AMA,
    TPT,
}
NOT_PRESIDENTE = {  # facts 4, 13: assimilée salariée, not a TNS; no CPSTI social aid
    IJ_INDEPENDANTES,
    IJ_LIBERALES,
    IJ_AMEXA,
    PENSION_INDEPENDANTES,
    ACTION_SOCIALE_CPSTI,
    MADELIN,
}
NOT_LIBERALE_REGLEMENTEE = {IJ_INDEPENDANTES, PENSION_INDEPENDANTES, IJ_PRESIDENTE, IJ_AMEXA}  # facts 2, 7
NOT_INDEPENDANTE = {IJ_PRESIDENTE, IJ_AMEXA, IJ_LIBERALES}  # facts 1, 2, 4, 5

# Words, any one of which names a criterion in a "to check".
WORDS_AFFILIATION = ("12 mois", "douze mois", "un an", "une année", "affiliée", "affiliation")
WORDS_INCOME = ("revenu", "chiffre d'affaires", "abattement")
WORDS_MICRO_INCOME = ("abattement", "chiffre d'affaires")
WORDS_PAID = ("rémunér", "salaire", "payée")
WORDS_MAINTIEN = ("maintien de droits",)


@dataclass(frozen=True)
class Persona:
    key: str
    description: str  # who she is, in one line
    answers: dict  # keyword arguments of Answers
    first: tuple = ()  # each must be among the first N aids shown (N = max(6, len(first)))
    first_any: tuple = ()  # tuples of slugs: at least one of each tuple among the first N
    never: frozenset = frozenset()  # never in p.aids (caregiver aids and GIMS 13 outside 13 are added for all)
    caregiver: tuple = ()  # must be in p.caregiver_aids (a relative)
    mentions: dict = field(default_factory=dict)  # slug -> words: one of them in that aid's why or to_check
    to_check: dict = field(default_factory=dict)  # slug -> words: one of them in that aid's to_check
    steps_must: tuple = ()  # each item (a word, or a tuple of alternatives) appears in her first steps
    steps_never: tuple = ()  # none of these appears in her first steps

    def __str__(self):
        return self.key


def answers(for_whom="moi", status="", phase="", departement="13", paid_mandate="", twelve_months="oui"):
    return dict(
        for_whom=for_whom,
        status=status,
        phase=phase,
        departement=departement,
        themes=(),
        paid_mandate=paid_mandate,
        twelve_months=twelve_months,
    )


PERSONAS = [
    # --- Indépendantes (artisane, commerçante, libérale non réglementée, micro, gérante majoritaire) ----------------
    Persona(
        "artisane-traitement-13",
        "Boulangère artisane à Marseille, affiliée depuis des années, en traitement.",
        answers(status="artisane", phase="traitement", departement="13"),
        # facts 1, 9: IJ (sick note to the CPAM within 48 h) and délais / recalcul at the URSSAF.
        first=(IJ_INDEPENDANTES, DELAIS_URSSAF),
        never=NOT_INDEPENDANTE,
        to_check={IJ_INDEPENDANTES: WORDS_INCOME},  # fact 1: no IJ below a minimum income
        steps_must=("CPAM", "URSSAF"),
    ),
    Persona(
        "artisane-traitement-75",
        "Coiffeuse artisane à Paris (hors PACA), en traitement.",
        answers(status="artisane", phase="traitement", departement="75"),
        # facts 1, 9 apply in all of France; fact 20: the GIMS is the Bouches-du-Rhône's service.
        first=(IJ_INDEPENDANTES, DELAIS_URSSAF),
        never=NOT_INDEPENDANTE | {GIMS_13},
        steps_must=("CPAM",),
    ),
    Persona(
        "artisane-apres-83",
        "Fleuriste artisane à Toulon, ses traitements sont finis.",
        answers(status="artisane", phase="apres", departement="83"),
        # facts 3, 7: temps partiel thérapeutique and invalidity pension after treatment; fact 12 in the legal words.
        first=(TPT, PENSION_INDEPENDANTES),
        never=NOT_INDEPENDANTE,
        steps_must=("fin du protocole thérapeutique",),
    ),
    Persona(
        "commercante-prevention-06",
        "Commerçante (épicerie fine) à Nice, en bonne santé, qui gère son activité.",
        answers(status="commercante", phase="prevention", departement="06"),
        # fact 13: Madelin prévoyance for TNS at the réel; prévoyance comes before illness (issue 14).
        first=(MADELIN,),
        never=NOT_INDEPENDANTE,
    ),
    Persona(
        "liberale-non-reglementee-apres-84",
        "Consultante en communication (libérale non réglementée) à Avignon, après les traitements.",
        answers(status="liberale-non-reglementee", phase="apres", departement="84"),
        # fact 3 (TPT of indépendantes), fact 12 (legal words).
        first=(TPT,),
        never={IJ_PRESIDENTE, IJ_AMEXA},
        steps_must=("fin du protocole thérapeutique",),
    ),
    Persona(
        "micro-traitement-13",
        "Micro-entrepreneuse (graphiste, prestations de services) à Aix-en-Provence, en traitement.",
        answers(status="micro-entrepreneuse", phase="traitement", departement="13"),
        # fact 1 (IJ; €6.00/day minimum for micro), Dec. 2026 (income = turnover minus the flat allowance),
        # fact 9 (délais), fact 13 (no Madelin for micro-entrepreneuses).
        first=(IJ_INDEPENDANTES, DELAIS_URSSAF),
        never=NOT_INDEPENDANTE | {MADELIN},
        to_check={IJ_INDEPENDANTES: WORDS_MICRO_INCOME},
        steps_must=("URSSAF",),
    ),
    Persona(
        "micro-prevention-84",
        "Micro-entrepreneuse (vente de bijoux) à Carpentras, qui lance son activité.",
        answers(status="micro-entrepreneuse", phase="prevention", departement="84"),
        # Dec. 2026: the optional minimum contribution raises her IJ; fact 13: no Madelin for micro-entrepreneuses.
        first=(MICRO_COTISATION_MINIMALE,),
        never=NOT_INDEPENDANTE | {MADELIN},
    ),
    Persona(
        "gerante-traitement-83-moins-12-mois",
        "Gérante majoritaire d'EURL à Hyères, installée il y a 8 mois, en traitement.",
        answers(status="gerante-majoritaire", phase="traitement", departement="83", twelve_months="non"),
        # Dec. 2026 "maintien de droits": less than 12 months never means nothing, the IJ aid is still shown.
        first=(IJ_INDEPENDANTES,),
        never=NOT_INDEPENDANTE,
        mentions={IJ_INDEPENDANTES: WORDS_MAINTIEN},
    ),
    Persona(
        "gerante-prevention-13",
        "Gérante majoritaire de SARL (bureau d'études) à Marseille, qui gère son activité.",
        answers(status="gerante-majoritaire", phase="prevention", departement="13"),
        # fact 13 names gérantes majoritaires.
        first=(MADELIN,),
        never=NOT_INDEPENDANTE,
    ),
    # --- Professions libérales réglementées (CNAVPL) ----------------------------------------------------------------
    Persona(
        "kine-traitement-05",
        "Kinésithérapeute libérale (CARPIMKO) à Gap, en traitement.",
        answers(status="liberale-reglementee", phase="traitement", departement="05"),
        # fact 2: IJ of professions libérales, paid by the CPAM up to 90 days, then her section's own fund.
        first=(IJ_LIBERALES,),
        never=NOT_LIBERALE_REGLEMENTEE,
        steps_must=("90 jours",),
    ),
    Persona(
        "infirmiere-apres-04",
        "Infirmière libérale (CARPIMKO) à Digne-les-Bains, ses traitements sont finis.",
        answers(status="liberale-reglementee", phase="apres", departement="04"),
        # fact 7: "Libérales: own fund" for invalidity; fact 12 in the legal words.
        first=(INVALIDITE_CNAVPL,),
        never=NOT_LIBERALE_REGLEMENTEE,
        steps_must=("fin du protocole thérapeutique",),
    ),
    # --- Présidentes de SAS / SASU ----------------------------------------------------------------------------------
    Persona(
        "presidente-remuneree-traitement-06",
        "Présidente de SASU rémunérée (agence web) à Antibes, en traitement.",
        answers(status="presidente-sas", phase="traitement", departement="06", paid_mandate="oui"),
        # fact 4: IJ only if paid (and the 1,015 × SMIC hours condition); not eligible to the CPSTI social aid.
        first=(IJ_PRESIDENTE,),
        never=NOT_PRESIDENTE,
    ),
    Persona(
        "presidente-non-remuneree-traitement-13",
        "Présidente de SAS non rémunérée (start-up) à Marseille, en traitement.",
        answers(status="presidente-sas", phase="traitement", departement="13", paid_mandate="non"),
        # fact 4: unpaid, no IJ; Dec. 2026: no social contributions of her own, so no URSSAF délais as first step;
        # issue 14: what stands in for IJ is prévoyance / her company's cover.
        never=NOT_PRESIDENTE | {IJ_PRESIDENTE, DELAIS_URSSAF},
        steps_must=("prévoyance",),
    ),
    Persona(
        "presidente-ne-sait-pas-remuneration-84",
        "Présidente de SASU à Orange qui ne sait pas si elle se verse une rémunération, en traitement.",
        answers(status="presidente-sas", phase="traitement", departement="84", paid_mandate="nsp"),
        # fact 4: the IJ depend on a pay: shown, with the pay to check.
        first=(IJ_PRESIDENTE,),
        never=NOT_PRESIDENTE,
        to_check={IJ_PRESIDENTE: WORDS_PAID},
    ),
    # --- Conjointe collaboratrice -----------------------------------------------------------------------------------
    Persona(
        "conjointe-collaboratrice-traitement-13",
        "Conjointe collaboratrice dans l'entreprise de plomberie de son mari à Aubagne, en traitement.",
        answers(status="conjointe-collaboratrice", phase="traitement", departement="13"),
        # fact 1 (IJ of indépendantes, minimum for conjointes collaboratrices), fact 2 (libérales' conjointes since
        # 2022): one of them, depending on her spouse's activity; a SAS president has no conjointe collaboratrice.
        first_any=((IJ_INDEPENDANTES, IJ_LIBERALES),),
        never={IJ_PRESIDENTE},
    ),
    # --- Agricultrices (MSA) ----------------------------------------------------------------------------------------
    Persona(
        "agricultrice-traitement-04",
        "Éleveuse de brebis (MSA) près de Forcalquier, en traitement.",
        answers(status="agricultrice", phase="traitement", departement="04"),
        # fact 5 (IJ AMEXA), Dec. 2026: the MSA, not the CPAM, 36 46 or the URSSAF.
        first=(IJ_AMEXA,),
        never=NOT_AGRICULTRICE,
        steps_must=("MSA",),
        steps_never=("URSSAF", "36 46", "3646", "3698", "36 98"),
    ),
    Persona(
        "agricultrice-apres-05",
        "Arboricultrice (MSA) près d'Embrun, ses traitements sont finis.",
        answers(status="agricultrice", phase="apres", departement="05"),
        # Dec. 2026 "who to call": the MSA for everything; fact 7 is the indépendantes' pension, not hers.
        never=NOT_AGRICULTRICE,
        steps_must=("MSA",),
        steps_never=("URSSAF", "36 46", "3646", "3698", "36 98"),
    ),
    # --- Je ne sais pas; une proche ---------------------------------------------------------------------------------
    Persona(
        "ne-sait-pas-traitement-83",
        "Femme à Draguignan qui ne sait pas quel est son statut, en traitement.",
        answers(status="ne-sait-pas", phase="traitement", departement="83", twelve_months=""),
        # Statuses section + issue 14: "je ne sais pas" shows the main statuses' essentials, each with what to check.
        first=(IJ_INDEPENDANTES,),
    ),
    Persona(
        "proche-fille-commercante-traitement-13",
        "Fille qui cherche pour sa mère, commerçante à Marseille en traitement.",
        answers(for_whom="proche", status="commercante", phase="traitement", departement="13", twelve_months=""),
        # fact 1 for her mother; fact 15 + Dec. 2026: the AJPA concerns the relative, never the woman helped.
        first=(IJ_INDEPENDANTES,),
        never=NOT_INDEPENDANTE,
        caregiver=(AJPA,),
        to_check={IJ_INDEPENDANTES: WORDS_AFFILIATION},
    ),
]

PACA = ["04", "05", "06", "13", "83", "84"]
INDEPENDANTES_ESSENTIALS = {IJ_INDEPENDANTES, DELAIS_URSSAF, PENSION_INDEPENDANTES, TPT}
# The booklet: under each statut, that statut's essential aids (facts 1, 2, 3, 4, 5, 7, 9).
BOOKLET_ESSENTIALS = {
    "artisane": INDEPENDANTES_ESSENTIALS,
    "commercante": INDEPENDANTES_ESSENTIALS,
    "micro-entrepreneuse": INDEPENDANTES_ESSENTIALS,
    "gerante-majoritaire": INDEPENDANTES_ESSENTIALS,
    "liberale-non-reglementee": {IJ_INDEPENDANTES, DELAIS_URSSAF, TPT},
    "liberale-reglementee": {IJ_LIBERALES},
    "presidente-sas": {IJ_PRESIDENTE},
    "agricultrice": {IJ_AMEXA},
}
# Under a group of this statut alone, these are never printed.
BOOKLET_NEVER = {"agricultrice": NOT_AGRICULTRICE, "presidente-sas": NOT_PRESIDENTE}


# --- Fixtures and helpers -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(demo_content):
    """The demo content, loaded once for this module (tests/conftest.py)."""


def _norm(text):
    return (text or "").replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").lower()


def _mentions(text, words):
    text = _norm(text)
    return any(_norm(word) in text for word in words)


def _slugs(suggestions):
    return [s.entry.slug for s in suggestions]


def _steps_text(steps):
    return "\n".join(f"{step['title']} — {step['text']}" for step in steps)


def _parcours(persona):
    return matching.parcours(Answers(**persona.answers))


def _window(persona):
    return max(6, len(persona.first) + len(persona.first_any))


def _never(persona):
    never = set(persona.never) | CAREGIVER_AIDS
    if persona.answers["departement"] != "13":
        never.add(GIMS_13)  # fact 20
    return never


def _expected_to_check(persona, shown):
    """slug -> words, one of which must be in that aid's "à vérifier": each unknown criterion is named (issue 14)."""
    expected = {slug: words for slug, words in persona.to_check.items()}
    status = persona.answers["status"]
    if status in ("", "ne-sait-pas"):
        for slug in STATUT_SPECIFIC & shown:
            expected.setdefault(slug, ("statut",))
    elif persona.answers["twelve_months"] in ("", "nsp"):
        for slug in IJ_WITH_AFFILIATION & shown:
            expected.setdefault(slug, WORDS_AFFILIATION)
    if status == "presidente-sas" and persona.answers["paid_mandate"] in ("", "nsp") and IJ_PRESIDENTE in shown:
        expected.setdefault(IJ_PRESIDENTE, WORDS_PAID)
    if status == "micro-entrepreneuse" and IJ_INDEPENDANTES in shown:
        expected.setdefault(IJ_INDEPENDANTES, WORDS_MICRO_INCOME)  # Dec. 2026: turnover minus the allowance
    return expected


def _set_answers(client, persona):
    set_answers(client, Answers(**persona.answers).as_dict())


def _section(html, heading):
    """The HTML from the <h2> title that contains `heading` to the next <h2>."""
    found = re.search(r"<h2[^>]*>[^<]*" + re.escape(heading), html)
    assert found, f"pas de titre « {heading} » sur la page"
    end = html.find("<h2", found.end())
    return html[found.start() : end if end != -1 else len(html)]


def _aid_titles(slugs, *, required=True):
    from ressources.models import Aid

    titles = dict(Aid.objects.filter(slug__in=slugs).values_list("slug", "title"))
    if required:
        missing = set(slugs) - set(titles)
        assert not missing, f"aides absentes du contenu de démonstration : {sorted(missing)}"
    return titles


# --- The parcours, through its interface ----------------------------------------------------------------------------

BY_KEY = pytest.mark.parametrize("persona", PERSONAS, ids=str)


def test_the_table_covers_what_the_issue_asks():
    keys = [p.key for p in PERSONAS]
    assert len(keys) == len(set(keys)) >= 16
    statuses = {p.answers["status"] for p in PERSONAS}
    assert statuses >= {
        "artisane",
        "commercante",
        "liberale-non-reglementee",
        "micro-entrepreneuse",
        "liberale-reglementee",
        "gerante-majoritaire",
        "presidente-sas",
        "conjointe-collaboratrice",
        "agricultrice",
        "ne-sait-pas",
    }
    assert {p.answers["phase"] for p in PERSONAS} >= {"prevention", "traitement", "apres"}
    assert {p.answers["departement"] for p in PERSONAS} >= {*PACA, "75"}
    assert {p.answers["paid_mandate"] for p in PERSONAS if p.answers["status"] == "presidente-sas"} >= {"oui", "non"}
    assert any(p.answers["for_whom"] == "proche" for p in PERSONAS)
    assert any(p.answers["twelve_months"] == "non" for p in PERSONAS)


@BY_KEY
def test_her_essentials_come_first(demo, persona):
    p = _parcours(persona)
    window = _slugs(p.aids)[: _window(persona)]
    missing = [slug for slug in persona.first if slug not in window]
    assert not missing, f"{persona.description}\nabsentes des {len(window)} premières : {missing}\nvues : {window}"
    for alternatives in persona.first_any:
        assert set(alternatives) & set(window), f"{persona.description}\naucune de {alternatives} dans {window}"
    assert isinstance(p.more_aids, int) and p.more_aids >= 0


@BY_KEY
def test_what_is_not_hers_is_not_shown_as_hers(demo, persona):
    p = _parcours(persona)
    shown = set(_slugs(p.aids))
    wrong = sorted(shown & _never(persona))
    assert not wrong, f"{persona.description}\nmontrées à tort : {wrong}"
    # What the relative who helps can ask for is never in her own aids, and the reverse.
    assert not shown & set(_slugs(p.caregiver_aids))


@BY_KEY
def test_a_relative_sees_what_she_herself_can_ask_for_apart(demo, persona):
    p = _parcours(persona)
    caregiver = set(_slugs(p.caregiver_aids))
    missing = [slug for slug in persona.caregiver if slug not in caregiver]
    assert not missing, f"{persona.description}\nabsentes de la partie « pour vous, la proche » : {missing}"
    assert not caregiver & set(_slugs(p.aids))


@BY_KEY
def test_every_why_is_a_reason_and_every_unknown_is_named(demo, persona):
    p = _parcours(persona)
    for suggestion in [*p.aids, *p.caregiver_aids]:
        why = suggestion.why or ""
        assert why.strip(), f"{persona.key}: « pourquoi » vide pour {suggestion.entry.slug}"
        assert "vous concerne" not in _norm(why), f"{persona.key}, {suggestion.entry.slug} : « {why} »"
        assert all(isinstance(item, str) and item.strip() for item in suggestion.to_check)
    by_slug = {s.entry.slug: s for s in p.aids}
    for slug, words in _expected_to_check(persona, set(by_slug)).items():
        assert slug in by_slug, f"{persona.key}: {slug} devrait être montrée"
        checks = " ".join(by_slug[slug].to_check)
        assert _mentions(checks, words), f"{persona.key}, {slug} : « à vérifier » sans {words} : {checks!r}"
    for slug, words in persona.mentions.items():
        assert slug in by_slug, f"{persona.key}: {slug} devrait être montrée"
        said = " ".join([by_slug[slug].why, *by_slug[slug].to_check])
        assert _mentions(said, words), f"{persona.key}, {slug} : ni le pourquoi ni « à vérifier » ne disent {words}"


@BY_KEY
def test_her_first_steps_fit_her_statut_and_phase(demo, persona):
    p = _parcours(persona)
    assert all({"title", "text", "url"} <= set(step) for step in p.first_steps)
    text = _steps_text(p.first_steps)
    # Fact 12, Dec. 2026: the droit à l'oubli in the legal words, never "guérie".
    assert not re.search(r"\bguérie?s?\b", _norm(text)), f"{persona.description}\n« guérie » :\n{text}"
    if "oubli" in _norm(text):
        assert "fin du protocole thérapeutique" in _norm(text), text
    for words in persona.steps_must:
        words = words if isinstance(words, tuple) else (words,)
        assert _mentions(text, words), f"{persona.description}\n« Par où commencer » sans {words} :\n{text}"
    for word in persona.steps_never:
        assert not _mentions(text, (word,)), f"{persona.description}\n« Par où commencer » dit « {word} » :\n{text}"


NEGATION = re.compile(r"\b(pas|aucune?|sans|ni|ne|jamais|non)\b|\bn'")
IJ_WORDS = re.compile(r"indemnités journalières|\bij\b")


def test_an_unpaid_presidente_is_never_told_to_claim_daily_allowances(demo):
    """Fact 4 and Dec. 2026: unpaid, she has no IJ and no social contributions of her own: no step sends her to claim
    IJ (any sentence that names them says she has none) or to ask the URSSAF for délais."""
    persona = next(p for p in PERSONAS if p.key == "presidente-non-remuneree-traitement-13")
    p = _parcours(persona)
    assert p.first_steps
    for step in p.first_steps:
        for part in (step["title"], step["text"]):
            for sentence in re.split(r"(?<=[.!?:;])\s+", _norm(part)):
                if IJ_WORDS.search(sentence):
                    assert NEGATION.search(sentence), f"étape qui lui promet des IJ : {step}"
        whole = _norm(f"{step['title']} {step['text']}")
        assert "urssaf" not in whole, f"étape qui l'envoie à l'URSSAF : {step}"
        assert not ("cotisations" in whole and re.search(r"délai|étal", whole)), f"délais de cotisations : {step}"
        url = step["url"] or ""
        assert not any(slug in url for slug in (IJ_PRESIDENTE, IJ_INDEPENDANTES, DELAIS_URSSAF)), step


# --- What she sees on /mon-parcours/ --------------------------------------------------------------------------------


@BY_KEY
def test_the_page_shows_her_essentials_in_the_aids_section(demo, client, persona):
    _set_answers(client, persona)
    response = client.get("/mon-parcours/")
    assert response.status_code == 200
    section = _section(response.content.decode(), "Aides et dispositifs")
    titles = _aid_titles(persona.first)
    caregiver_titles = _aid_titles(CAREGIVER_AIDS, required=False)
    for slug in persona.first:
        assert escape(titles[slug]) in section, f"{persona.key}: « {titles[slug]} » absente de la section des aides"
    for alternatives in persona.first_any:
        assert any(escape(title) in section for title in _aid_titles(alternatives).values()), persona.key
    for title in caregiver_titles.values():
        assert escape(title) not in section, f"{persona.key}: « {title} » montrée comme la sienne"


# --- The booklet ----------------------------------------------------------------------------------------------------


def _booklet(code):
    from guichet.models import Territory

    return booklet.booklet(Territory.objects.departements().get(code=code))


@pytest.mark.parametrize("code", PACA)
def test_the_booklet_prints_each_statut_essentials_under_that_statut(demo, code):
    groups = _booklet(code).by_status
    for status, essentials in BOOKLET_ESSENTIALS.items():
        under = [group for group in groups if status in group.statuses]
        assert under, f"livret {code} : aucun groupe pour {status}"
        printed = {aid.slug for group in under for aid in group.aids}
        assert essentials <= printed, f"livret {code}, {status} : manquent {sorted(essentials - printed)}"
    for group in groups:
        assert group.label.strip() and group.aids
        if len(group.statuses) == 1:
            [status] = group.statuses
            wrong = {aid.slug for aid in group.aids} & BOOKLET_NEVER.get(status, set())
            assert not wrong, f"livret {code}, « {group.label} » : {sorted(wrong)}"


@pytest.mark.parametrize("code", PACA)
def test_the_printed_booklet_shows_them_under_the_statut_heading(demo, client, code):
    groups = _booklet(code).by_status
    response = client.get(f"/livret/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    for status, essentials in BOOKLET_ESSENTIALS.items():
        titles = _aid_titles(essentials)
        chunks = []
        for group in groups:
            if status not in group.statuses:
                continue
            heading = f"<h3>{escape(group.label)}</h3>"
            assert heading in html, f"livret {code} : titre « {group.label} » absent"
            chunk = html.split(heading, 1)[1]
            chunks.append(chunk.split("<h3", 1)[0])
        printed = "".join(chunks)
        missing = [title for title in titles.values() if escape(title) not in printed]
        assert not missing, f"livret {code}, {status} : manquent sous son statut {missing}"
