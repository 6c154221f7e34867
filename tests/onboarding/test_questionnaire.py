"""The questionnaire as she goes through it: one question a page, skippable, back keeps answers, nothing stored."""

import re

import pytest
from django.apps import apps

from onboarding.models import SourceCode, UsageCount
from tests.onboarding.test_parcours import set_answers  # noqa: E402

pytestmark = pytest.mark.django_db


def rows_outside_counters():
    """Every row of every table but the anonymous counters (and the vocabulary the migrations create)."""
    skip = {"usagecount", "territory", "theme", "phasetag", "statustag", "contenttype", "permission"}
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.model_name not in skip}


def answer(client, step, **data):
    return client.post(f"/questionnaire/{step}/", {"action": "suivant", **data})


def test_the_whole_questionnaire_writes_nothing_but_an_anonymous_counter(client):
    before = rows_outside_counters()
    assert "Commencer" in client.get("/questionnaire/").content.decode()
    page = client.get("/questionnaire/pour-qui/").content.decode()
    assert "Question 1 sur 5" in page  # the eligibility question comes once the statut is known
    assert answer(client, "pour-qui", for_whom="moi")["Location"] == "/questionnaire/statut/"
    assert answer(client, "statut", status="gerante-majoritaire")["Location"] == "/questionnaire/precision/"
    page = client.get("/questionnaire/precision/").content.decode()
    assert "Question 3 sur 6" in page and "depuis au moins 12 mois" in page
    assert answer(client, "precision", twelve_months="oui")["Location"] == "/questionnaire/phase/"
    assert answer(client, "phase", phase="traitement")["Location"] == "/questionnaire/departement/"
    assert answer(client, "departement", code_postal="13006")["Location"] == "/questionnaire/besoins/"
    page = client.get("/questionnaire/besoins/").content.decode()
    assert "Question 6 sur 6" in page and "Voir mon parcours" in page
    assert answer(client, "besoins", themes=["argent-aides"])["Location"] == "/mon-parcours/"
    parcours = client.get("/mon-parcours/").content.decode()
    assert "Gérante majoritaire de SARL ou d&#x27;EURL" in parcours and "Bouches-du-Rhône (13)" in parcours
    assert rows_outside_counters() == before
    [counter] = UsageCount.objects.all()
    assert (counter.kind, counter.phase, counter.status, counter.departement, counter.count) == (
        "questionnaire",
        "traitement",
        "gerante-majoritaire",
        "13",
        1,
    )
    # Counted once per visit, not at every reload.
    client.get("/mon-parcours/")
    assert UsageCount.objects.get().count == 1
    # Nothing about her in the database: the answers are in her (signed) session cookie.
    assert "gerante-majoritaire" not in str(list(UsageCount.objects.values("source")))


def test_every_question_can_be_skipped(client):
    steps = ["pour-qui", "statut", "phase", "departement", "besoins"]
    for step, following in zip(steps, [*steps[1:], None], strict=True):
        response = client.post(f"/questionnaire/{step}/", {"action": "passer"})
        assert response["Location"] == (f"/questionnaire/{following}/" if following else "/mon-parcours/")
    html = client.get("/mon-parcours/").content.decode()
    assert "Aides et dispositifs pour vous" in html


def test_going_back_keeps_the_answers(client):
    answer(client, "pour-qui", for_whom="proche")
    answer(client, "statut", status="artisane")
    response = client.post("/questionnaire/precision/", {"action": "precedent", "twelve_months": "non"})
    assert response["Location"] == "/questionnaire/statut/"
    page = client.get("/questionnaire/statut/").content.decode()
    assert re.search(r'value="artisane"[^>]*checked', page)
    page = client.get("/questionnaire/precision/").content.decode()
    assert re.search(r'value="non"[^>]*checked', page)  # what she chose before going back is kept
    assert client.post("/questionnaire/pour-qui/", {"action": "precedent"})["Location"] == "/questionnaire/"


def test_a_new_statut_forgets_the_old_eligibility_answer_and_the_question_adapts(client):
    answer(client, "statut", status="artisane")
    answer(client, "precision", twelve_months="non")
    answer(client, "statut", status="presidente-sas")
    page = client.get("/questionnaire/precision/").content.decode()
    assert "rémunérée pour votre mandat" in page and "checked" not in page
    answer(client, "statut", status="ne-sait-pas")
    # No eligibility question for "je ne sais pas": its address leads on.
    assert client.get("/questionnaire/precision/")["Location"] == "/questionnaire/phase/"


def test_the_home_doors_answer_the_phase(client):
    client.post("/questionnaire/", {"phase": "apres"}, headers={"Sec-Fetch-Site": "same-origin"})
    page = client.get("/questionnaire/phase/").content.decode()
    assert re.search(r'value="apres"[^>]*checked', page)


def test_event_codes_are_counted_and_unknown_ones_ignored(client):
    SourceCode.objects.create(code="salon-cci-marseille-2027", label="Salon CCI")
    client.get("/questionnaire/?source=salon-cci-marseille-2027")
    client.post("/questionnaire/phase/", {"action": "suivant", "phase": "prevention"})
    client.get("/mon-parcours/")
    assert UsageCount.objects.get().source == "salon-cci-marseille-2027"

    client.post("/mon-parcours/effacer/")
    client.get("/questionnaire/?source=code-inconnu")
    client.post("/questionnaire/phase/", {"action": "suivant", "phase": "prevention"})
    client.get("/mon-parcours/")
    assert sorted(UsageCount.objects.values_list("source", flat=True)) == ["", "salon-cci-marseille-2027"]


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("pour-qui", {"for_whom": "personne"}, "Ce choix n&#x27;existe pas"),
        ("statut", {"status": "<script>alert(1)</script>"}, "Ce choix n&#x27;existe pas"),
        ("phase", {"phase": "x" * 5000}, "Ce choix n&#x27;existe pas"),
        ("departement", {"departement": "zz"}, "Ce choix n&#x27;existe pas"),
        ("departement", {"code_postal": "99999"}, "Ce code postal n&#x27;est pas reconnu"),
        ("departement", {"code_postal": "1" * 50}, "Un code postal a 5 chiffres"),
        ("besoins", {"themes": ["inexistant"]}, "Ce choix n&#x27;existe pas"),
    ],
)
def test_bad_and_hostile_input_gets_a_clear_message(client, step, data, message):
    answer(client, "statut", status="artisane")
    response = answer(client, step, **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "<script>alert(1)</script>" not in html
    # What she answered before is not lost.
    assert re.search(r'value="artisane"[^>]*checked', client.get("/questionnaire/statut/").content.decode())


def test_unknown_steps_and_odd_requests(client):
    assert client.get("/questionnaire/inconnue/").status_code == 404
    assert client.put("/questionnaire/phase/").status_code == 405
    # A forged session value is dropped, never trusted.
    set_answers(client, {"status": "reine", "phase": ["x"], "themes": "abc", "departement": {"a": 1}})
    html = client.get("/mon-parcours/").content.decode()
    assert "Mon parcours" in html and "reine" not in html


def test_for_a_relative_the_questions_speak_of_her(client):
    from tests.onboarding.test_parcours import set_answers

    set_answers(client, {"for_whom": "proche"})
    html = client.get("/questionnaire/statut/").content.decode()
    assert "Quel est son statut ?" in html and "Son statut figure sur son extrait Kbis" in html
    assert "Où en est-elle ?" in client.get("/questionnaire/phase/").content.decode()
    assert "Elle vient d&#x27;apprendre son diagnostic" in client.get("/questionnaire/phase/").content.decode()
    # A wrong answer keeps the relative's wording next to the error.
    response = client.post("/questionnaire/phase/", {"phase": "nimporte", "action": "suivant"})
    assert "Où en est-elle ?" in response.content.decode() and "Ce choix n&#x27;existe pas" in response.content.decode()


def test_for_herself_the_treatment_answer_covers_a_new_diagnosis_and_the_statut_question_helps(client):
    phase = client.get("/questionnaire/phase/").content.decode()
    assert "Je viens d&#x27;apprendre mon diagnostic, ou je suis en traitement" in phase
    status = client.get("/questionnaire/statut/").content.decode()
    assert "Quel est votre statut ?" in status and "appels de cotisations" in status and "Je ne sais pas" in status
