"""The matching rules: a truth table over every statut × phase (and "je ne sais pas", and no answer), the reasons
given, the eligibility question, the territories, and the cost of the page."""

import itertools

import pytest

from guichet.answers import Answers
from guichet.enums import Phase, ProfessionalStatus
from guichet.models import Theme
from onboarding import matching
from tests.factories import AidFactory, EventFactory, PeerGroupFactory, StructureFactory, _departement
from tests.onboarding.test_parcours import set_answers  # noqa: E402

pytestmark = pytest.mark.django_db

INDEPENDANTES = ["artisane", "commercante", "liberale-non-reglementee", "micro-entrepreneuse", "gerante-majoritaire"]

TWELVE = (
    "affiliation-12-mois",
    "Affiliée depuis plus d'un an : la condition d'ancienneté est remplie.",
    "Il faut 12 mois d'affiliation.",
    "Moins de 12 mois : demandez le maintien de droits à votre CPAM.",
)
PAID = ("mandat-remunere", "Rémunérée : vous cotisez.", "Seulement si vous êtes rémunérée pour votre mandat.", "")
INCOME = ("revenu-minimum", "", "Rien sous un revenu minimum (chiffre d'affaires moins l'abattement en micro).", "")

# title: (statuses, phases, territories, requires_twelve_months, requires_paid_mandate)
AIDS = {
    "Pour toutes": ([], [], [], False, False),
    "IJ indépendantes": (INDEPENDANTES, ["traitement"], [], True, False),
    "IJ libérales": (["liberale-reglementee", "conjointe-collaboratrice"], ["traitement"], [], True, False),
    "IJ présidente SAS": (["presidente-sas"], ["traitement", "prevention"], [], False, True),
    "IJ agricultrices": (["agricultrice"], ["traitement"], [], True, False),
    "Après les traitements": ([], ["apres"], [], False, False),
    "Aide des Bouches-du-Rhône": ([], [], ["13"], False, False),
}


@pytest.fixture
def aids(organisation):
    for title, (statuses, phases, territories, twelve, paid) in AIDS.items():
        AidFactory(
            owner=organisation,
            published=True,
            title=title,
            statuses=statuses,
            phases=phases,
            territories=[_departement(code) for code in territories],
            criteria=[*([TWELVE] if twelve else []), *([PAID] if paid else [])],
            reason=f"Ce que « {title} » apporte.",
        )
    AidFactory(owner=organisation, title="Brouillon jamais proposé")


def expected(title, status, phase, departement):
    """The rules of RULES.md, written again independently of the code: is this aid shown, and what is flagged?"""
    statuses, phases, territories, twelve, paid = AIDS[title]
    known = status not in ("", "ne-sait-pas")
    if known and statuses and status not in statuses:
        return None
    if phase and phases and phase not in phases:
        return None
    if departement and territories and departement not in territories:
        return None
    flags = set()
    if statuses and not known:
        flags.add("statut")
    if territories and not departement:
        flags.add("département")
    if twelve:
        flags.add("12 mois")
    if paid:
        flags.add("rémunérée")
    return flags


def flags_of(suggestion):
    words = {
        "statut": "Votre statut",
        "département": "Votre département",
        "12 mois": "12 mois",
        "rémunérée": "rémunérée",
    }
    return {key for key, word in words.items() if any(word in check for check in suggestion.to_check)}


STATUSES = [*ProfessionalStatus.values, ""]
PHASES = [*Phase.values, ""]


@pytest.mark.parametrize("departement", ["13", "06", ""])
def test_truth_table_every_statut_and_phase(aids, departement):
    dep = _departement(departement) if departement else None
    for status, phase in itertools.product(STATUSES, PHASES):
        answers = Answers(status=status, phase=phase, departement=departement)
        shown = {s.entry.title: flags_of(s) for s in matching.aids_for(answers, dep)}
        wanted = {title: flags for title in AIDS if (flags := expected(title, status, phase, departement)) is not None}
        assert shown == wanted, (status, phase, departement)


def test_reasons_name_the_facts_that_matched(aids):
    answers = Answers(status="gerante-majoritaire", phase="traitement", departement="13", twelve_months="oui")
    by_title = {s.entry.title: s for s in matching.aids_for(answers, _departement("13"))}
    assert by_title["IJ indépendantes"].why == (
        "Vous êtes gérante majoritaire de SARL ou d'EURL, en traitement : ce que « IJ indépendantes » apporte. "
        "Affiliée depuis plus d'un an : la condition d'ancienneté est remplie."
    )
    assert by_title["IJ indépendantes"].to_check == []
    assert by_title["Pour toutes"].why == "Ce que « Pour toutes » apporte."
    # For someone else, the sentence says so.
    relative = Answers(for_whom="proche", status="artisane", phase="traitement")
    [ij] = [s for s in matching.aids_for(relative, None) if s.entry.title == "IJ indépendantes"]
    assert ij.why.startswith("Elle est artisane, en traitement : ce que")


def test_the_eligibility_answer_hides_or_flags(aids):
    # "Non" to the 12 months does not hide the IJ: it says what to ask (the maintien de droits).
    no = Answers(status="artisane", phase="traitement", twelve_months="non")
    [ij] = [s for s in matching.aids_for(no, None) if s.entry.title == "IJ indépendantes"]
    assert ij.to_check == ["Moins de 12 mois : demandez le maintien de droits à votre CPAM."]
    unsure = Answers(status="artisane", phase="traitement", twelve_months="nsp")
    [ij] = [s for s in matching.aids_for(unsure, None) if s.entry.title == "IJ indépendantes"]
    assert ij.to_check == ["Il faut 12 mois d'affiliation."]
    unpaid = Answers(status="presidente-sas", phase="traitement", paid_mandate="non")
    assert "IJ présidente SAS" not in {s.entry.title for s in matching.aids_for(unpaid, None)}
    paid = Answers(status="presidente-sas", phase="traitement", paid_mandate="oui")
    [sas] = [s for s in matching.aids_for(paid, None) if s.entry.title == "IJ présidente SAS"]
    assert sas.to_check == []


def test_structures_nearest_first_events_and_groups_online_included(organisation):
    paca = _departement("13").parent
    StructureFactory(owner=organisation, published=True, name="Nationale")
    StructureFactory(owner=organisation, published=True, name="Régionale", territories=[paca])
    StructureFactory(owner=organisation, published=True, name="Marseillaise", territories=[_departement("13")])
    StructureFactory(owner=organisation, published=True, name="Niçoise", territories=[_departement("06")])
    StructureFactory(owner=organisation, published=True, name="Appli", kind="application")
    EventFactory(owner=organisation, published=True, title="Atelier à Marseille")
    EventFactory(owner=organisation, published=True, title="Webinaire", online=True)
    EventFactory(owner=organisation, published=True, title="À Nice", city="Nice", departement=_departement("06"))
    PeerGroupFactory(owner=organisation, published=True, name="Groupe en visio", video=True)
    PeerGroupFactory(owner=organisation, published=True, name="Groupe complet", capacity=1).registrations.create(
        first_name="A", email="a@exemple.fr", status="confirmee"
    )
    result = matching.parcours(Answers(departement="13"))
    assert [s.entry.name for s in result.structures] == ["Marseillaise", "Régionale", "Nationale"]
    assert result.structures[0].why.startswith("Près de chez vous")
    assert [s.entry.name for s in result.apps] == ["Appli"]
    assert sorted(o.event.title for o in result.events) == ["Atelier à Marseille", "Webinaire"]
    assert [g.name for g in result.groups] == ["Groupe en visio"]  # the full group is not suggested

    elsewhere = matching.parcours(Answers(departement="75"))
    assert elsewhere.outside_coverage and [s.entry.name for s in elsewhere.structures] == ["Nationale"]
    nowhere = matching.parcours(Answers())
    assert [o.event.title for o in nowhere.events] == ["Webinaire"]


def _step(slug, position, *, statuses=(), phases=(), **fields):
    from onboarding.models import FirstStep

    step = FirstStep.objects.create(slug=slug, title=slug, text=f"Texte de {slug}.", position=position, **fields)
    step.statuses.set(statuses)
    step.phases.set(phases)
    return step


def test_first_steps_follow_statut_phase_and_answers_and_link_by_relation(aids):
    from ressources.models import Aid

    ij = Aid.objects.get(title="IJ indépendantes")
    _step("arret", 1, statuses=INDEPENDANTES, phases=["traitement"], aid=ij)
    _step("maintien", 2, statuses=INDEPENDANTES, phases=["traitement"], twelve_months="non", url="/ressources/")
    _step("msa", 1, statuses=["agricultrice"], phases=["traitement"], url="/annuaire/")
    _step("prevoyance-sans-ij", 1, statuses=["presidente-sas"], paid_mandate="non", url="/ressources/fiches/")
    _step("trouver-son-statut", 1, statuses=["ne-sait-pas"], url="/questionnaire/statut/")
    _step("parler", 9, url="/annuaire/mise-en-relation/")

    def titles(**answers):
        return [step["title"] for step in matching.parcours(Answers(**answers)).first_steps]

    assert titles(status="artisane", phase="traitement", twelve_months="oui") == ["arret", "parler"]
    assert titles(status="artisane", phase="traitement", twelve_months="non") == ["arret", "maintien", "parler"]
    assert titles(status="agricultrice", phase="traitement") == ["msa", "parler"]
    assert titles(status="presidente-sas", phase="traitement", paid_mandate="non") == ["prevoyance-sans-ij", "parler"]
    assert titles(status="presidente-sas", phase="traitement", paid_mandate="oui") == ["parler"]
    assert titles(status="ne-sait-pas", phase="apres") == ["trouver-son-statut", "parler"]
    assert titles() == ["trouver-son-statut", "parler"]  # no answer: the treatment's steps, statut unknown
    result = matching.parcours(Answers(status="artisane", phase="traitement"))
    assert result.first_steps[0]["url"] == ij.get_absolute_url()


def test_the_parcours_page_costs_the_same_queries_whatever_the_content(
    client, organisation, aids, django_assert_max_num_queries
):
    set_answers(client, {"status": "artisane", "phase": "traitement", "departement": "13", "themes": ["bien-etre"]})
    bien_etre = list(Theme.objects.filter(slug="bien-etre"))
    # Her first visit also writes the anonymous counter and fills the theme names' cache: measure the visits after.
    client.get("/mon-parcours/")
    with django_assert_max_num_queries(10) as few:
        assert client.get("/mon-parcours/").status_code == 200
    for n in range(15):
        AidFactory(owner=organisation, published=True, title=f"Aide {n}", statuses=["artisane"], themes=bien_etre)
        StructureFactory(owner=organisation, published=True, territories=[_departement("13")])
        EventFactory(owner=organisation, published=True)
        PeerGroupFactory(owner=organisation, published=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/mon-parcours/")


def test_the_reviewers_table_lists_every_statut_and_phase(aids):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("matching_table", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2 + (len(ProfessionalStatus) + 1) * (len(Phase) + 1)
    row = next(line for line in lines if line.startswith("| Artisane | Je suis en traitement"))
    assert "IJ indépendantes ?" in row and "IJ libérales" not in row


def test_no_cap_cuts_an_essential_and_a_long_list_says_how_to_see_the_rest(client, organisation):
    for n in range(10):
        AidFactory(
            owner=organisation,
            published=True,
            title=f"Z essentielle {n}",
            statuses=["artisane"],
            phases=["traitement"],
            essential_phases=["traitement"],
        )
    for n in range(70):
        AidFactory(owner=organisation, published=True, title=f"A autre {n:02d}", phases=["traitement"])
    AidFactory(owner=organisation, published=True, title="Pour la proche", beneficiary="proche")
    result = matching.parcours(Answers(status="artisane", phase="traitement"))
    titles = [s.entry.title for s in result.aids]
    assert titles[:10] == [f"Z essentielle {n}" for n in range(10)]  # first, whatever their title, and all of them
    assert len(titles) == 10 + matching.MIN_OTHER_AIDS
    assert result.more_aids > 0 and result.more_aids_truncated
    assert [s.entry.title for s in result.caregiver_aids] == ["Pour la proche"]
    assert "Pour la proche" not in titles
    set_answers(client, {"status": "artisane", "phase": "traitement"})
    html = client.get("/mon-parcours/").content.decode()
    assert "Voir plus de" in html and 'href="/ressources/aides/?selon=mes-reponses"' in html
    # The listing applies her answers from her cookie: none of them in the address.
    listing = client.get("/ressources/aides/?selon=mes-reponses")
    assert "no-store" in listing["Cache-Control"] and "Cookie" in listing["Vary"]
    assert {"statut": "artisane", "phase": "traitement"}.items() <= dict(
        listing.context["filterset"].data.items()
    ).items()
    assert "Pour la proche" not in listing.content.decode()
