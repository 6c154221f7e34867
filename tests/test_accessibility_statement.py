"""The RGAA 4.1.2 self-assessment (guichet/rgaa.yaml) and its page /accessibilite/ (issue 19, point 1): the file follows
the referential, every automatic check names tests that exist, and the page shows the rate and date the file gives."""

import ast
import copy
import datetime
import re
from pathlib import Path

import pytest
import yaml

from guichet import rgaa

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data():
    with open(rgaa.PATH, encoding="utf-8") as file:
        return yaml.safe_load(file)


def _test_functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_the_file_has_the_106_criteria_of_the_referential_in_order():
    assessment = rgaa.load()
    assert [criterion.number for criterion in assessment.criteria] == rgaa.NUMBERS
    assert len(assessment.criteria) == 106 and len(rgaa.THEMES) == 13
    assert {criterion.result for criterion in assessment.criteria} <= set(rgaa.RESULTS)
    assert sum(assessment.counts.values()) == 106


def test_every_automatic_check_names_test_functions_that_exist():
    missing = []
    for test in sorted(rgaa.load().named_tests):
        path, _, function = test.partition("::")
        file = ROOT / path
        if not file.is_file() or function not in _test_functions(file):
            missing.append(test)
    assert missing == []


def test_the_rate_is_conforming_over_applicable_and_says_the_state_the_rgaa_way(data):
    results = [entry["result"] for entry in data["criteria"]]
    conforming, failing = results.count("conforme"), results.count("non conforme")
    assessment = rgaa.load()
    assert assessment.applicable == conforming + failing
    assert float(assessment.rate) == pytest.approx(100 * conforming / (conforming + failing), abs=0.05)
    expected = "partiellement conforme" if assessment.rate >= 50 else "non conforme"
    if assessment.rate == 100 and "non évalué" not in results:
        expected = "totalement conforme"
    assert assessment.state == expected


@pytest.mark.parametrize(
    ("results", "state"),
    [
        ({"conforme": 50}, "totalement conforme"),
        ({"conforme": 50, "non évalué": 1}, "partiellement conforme"),
        ({"conforme": 1, "non conforme": 1}, "partiellement conforme"),
        ({"conforme": 1, "non conforme": 2}, "non conforme"),
    ],
)
def test_the_state_follows_the_rgaa_thresholds(data, results, state):
    data = copy.deepcopy(data)
    pool = [result for result, count in results.items() for _ in range(count)]
    for entry in data["criteria"]:
        result = pool.pop() if pool else "non applicable"
        entry.update(result=result, method="manuel", steps="…", observed="…", why="…", remedy="…", tests=[])
    assert rgaa.parse(data).state == state


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data["criteria"].pop(), "106 critères attendus"),
        (lambda data: data["criteria"].insert(3, data["criteria"].pop(4)), "critère 1.4 attendu"),
        (lambda data: data["criteria"][0].update(result="presque"), "1.1 : résultat"),
        (lambda data: data["criteria"][0].update(method="automatique", tests=[]), "nomme ses tests"),
        (
            lambda data: data["criteria"][0].update(method="automatique", tests=["test_site.py"]),
            "n'est pas de la forme",
        ),
        (lambda data: data["criteria"][0].update(result="non conforme", remedy=""), "remède"),
        (lambda data: data["criteria"][2].pop("observed"), "ce qui a été vu"),
        (lambda data: data.pop("assessed_on"), "date de l'évaluation"),
    ],
)
def test_a_file_that_breaks_the_rules_is_refused(data, change, message):
    data = copy.deepcopy(data)
    change(data)
    with pytest.raises(rgaa.InvalidAssessment, match=re.escape(message)):
        rgaa.parse(data)


def test_a_result_not_evaluated_says_why_and_a_result_says_how_it_was_found(data):
    assessment = rgaa.load()
    for criterion in assessment.criteria:
        if criterion.result == rgaa.NON_EVALUE:
            assert criterion.why, criterion.number
        else:
            assert criterion.method in rgaa.METHODS, criterion.number
    assert isinstance(data["assessed_on"], datetime.date | str)
    assert data["source"]["official"].startswith("https://accessibilite.numerique.gouv.fr/")


@pytest.mark.django_db
def test_the_page_shows_the_rate_the_date_and_the_state_of_the_file(client):
    assessment = rgaa.load()
    html = client.get("/accessibilite/").content.decode()
    rate = re.search(r'<strong id="taux">(.*?)</strong>', html).group(1)
    assert rate == f"{assessment.rate}".replace(".", ",") + "&nbsp;%"
    date = re.search(r'<strong id="date-evaluation">(.*?)</strong>', html).group(1)
    months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    on = assessment.assessed_on
    assert date == f"{on.day} {months[on.month - 1]} {on.year}"
    assert f"<strong>{assessment.state}</strong> au RGAA 4.1.2" in html
    # Not evaluated criteria are said plainly, next to the rate.
    if assessment.counts[rgaa.NON_EVALUE]:
        assert f"{assessment.counts[rgaa.NON_EVALUE]} critères sur 106 n'ont pas encore été évalués" in html
    else:
        assert '<strong id="non-evalues">Tous les critères ont été évalués</strong>' in html
    # Every non-conformity with its remedy, every criterion with its result.
    for criterion in assessment.with_result(rgaa.NON_CONFORME):
        assert f"Critère {criterion.number}</strong>" in html
    assert html.count("<details") == 13
    # The footer of every page gives the same state.
    assert f"Accessibilité : {assessment.state}</a>" in client.get("/").content.decode()
