"""The RGAA 4.1.2 self-assessment kept in guichet/rgaa.yaml: read, checked and summed up for /accessibilite/.

The file holds one entry per criterion of the referential (106, in 13 themes), each with its result on the sample and
how it was checked. `load()` refuses a file that does not follow the referential's numbering or says a result without
saying how it was found; `Assessment` computes the rate the RGAA way: conforming criteria over applicable ones, among
the criteria evaluated, and says apart how many were not evaluated.
"""

import datetime
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml

PATH = Path(__file__).with_name("rgaa.yaml")

# Number of criteria in each theme of RGAA 4.1.2 (https://accessibilite.numerique.gouv.fr/methode/criteres-et-tests/).
THEMES = {
    1: ("Images", 9),
    2: ("Cadres", 2),
    3: ("Couleurs", 3),
    4: ("Multimédia", 13),
    5: ("Tableaux", 8),
    6: ("Liens", 2),
    7: ("Scripts", 5),
    8: ("Éléments obligatoires", 10),
    9: ("Structuration de l'information", 4),
    10: ("Présentation de l'information", 14),
    11: ("Formulaires", 13),
    12: ("Navigation", 11),
    13: ("Consultation", 12),
}
NUMBERS = [f"{theme}.{n}" for theme, (_, count) in THEMES.items() for n in range(1, count + 1)]

CONFORME, NON_CONFORME, NON_APPLICABLE, NON_EVALUE = "conforme", "non conforme", "non applicable", "non évalué"
RESULTS = (CONFORME, NON_CONFORME, NON_APPLICABLE, NON_EVALUE)
AUTOMATIC, MANUAL, BOTH = "automatique", "manuel", "automatique et manuel"
METHODS = (AUTOMATIC, MANUAL, BOTH)


class InvalidAssessment(ValueError):
    pass


@dataclass(frozen=True)
class Criterion:
    number: str
    title: str
    result: str
    method: str = ""
    tests: tuple[str, ...] = ()
    steps: str = ""
    observed: str = ""
    why: str = ""
    remedy: str = ""

    @property
    def theme(self) -> str:
        return THEMES[int(self.number.split(".")[0])][0]


@dataclass(frozen=True)
class Assessment:
    assessed_on: datetime.date
    source: dict
    environment: str
    assessed_by: str
    sample: tuple[dict, ...]
    derogations: tuple[dict, ...]
    criteria: tuple[Criterion, ...]

    def with_result(self, result: str) -> list[Criterion]:
        return [criterion for criterion in self.criteria if criterion.result == result]

    @property
    def counts(self) -> dict[str, int]:
        return {result: len(self.with_result(result)) for result in RESULTS}

    @property
    def applicable(self) -> int:
        """Criteria evaluated and applicable: the denominator of the rate."""
        return self.counts[CONFORME] + self.counts[NON_CONFORME]

    @property
    def rate(self) -> Decimal:
        """Per cent of the applicable criteria that conform, to one decimal (RGAA's method)."""
        if not self.applicable:
            return Decimal("0.0")
        return (Decimal(100 * self.counts[CONFORME]) / self.applicable).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def state(self) -> str:
        """RGAA's words: totally conforming only at 100 % with nothing left unevaluated, partially from 50 %."""
        if self.rate == 100 and not self.counts[NON_EVALUE]:
            return "totalement conforme"
        if self.rate >= 50:
            return "partiellement conforme"
        return "non conforme"

    def by_theme(self) -> list[dict]:
        """Each theme with its criteria and a line such as « 3 conformes, 1 non conforme, 5 non applicables »."""
        themes = []
        for number, (name, _) in THEMES.items():
            criteria = [criterion for criterion in self.criteria if criterion.number.split(".")[0] == str(number)]
            counts = [(result, sum(c.result == result for c in criteria)) for result in RESULTS]
            summary = ", ".join(_counted(count, result) for result, count in counts if count)
            themes.append({"number": number, "name": name, "criteria": criteria, "summary": summary})
        return themes

    @property
    def named_tests(self) -> set[str]:
        return {test for criterion in self.criteria for test in criterion.tests}


def _counted(count: int, result: str) -> str:
    """« 1 conforme », « 2 non évalués »."""
    return f"{count} {result}{'s' if count > 1 else ''}"


def _require(condition, message):
    if not condition:
        raise InvalidAssessment(message)


def _criterion(entry: dict, expected: str) -> Criterion:
    number = str(entry.get("number", ""))
    _require(number == expected, f"critère {expected} attendu, {number or 'rien'} trouvé")
    allowed = {"number", "title", "result", "method", "tests", "steps", "observed", "why", "remedy"}
    _require(set(entry) <= allowed, f"{number} : champs inconnus {sorted(set(entry) - allowed)}")
    _require(str(entry.get("title", "")).strip(), f"{number} : titre manquant")
    result = entry.get("result")
    _require(result in RESULTS, f"{number} : résultat « {result} » hors de {RESULTS}")
    method = entry.get("method", "")
    tests = tuple(entry.get("tests") or ())
    if method:
        _require(method in METHODS, f"{number} : méthode « {method} » hors de {METHODS}")
    if method in (AUTOMATIC, BOTH):
        _require(tests, f"{number} : une vérification automatique nomme ses tests")
        for test in tests:
            path, _, function = test.partition("::")
            _require(
                path.startswith("tests/") and path.endswith(".py") and function.startswith("test_"),
                f"{number} : « {test} » n'est pas de la forme tests/…/fichier.py::test_…",
            )
    else:
        _require(not tests, f"{number} : des tests nommés mais une méthode {method or 'absente'}")
    if method in (MANUAL, BOTH):
        _require(
            entry.get("steps") and entry.get("observed"),
            f"{number} : une vérification manuelle dit ses étapes et ce qui a été vu",
        )
    if result == NON_EVALUE:
        _require(entry.get("why"), f"{number} : un critère non évalué dit pourquoi")
    else:
        _require(method, f"{number} : un résultat ({result}) dit comment il a été vérifié")
    if result == NON_CONFORME:
        _require(entry.get("remedy"), f"{number} : une non-conformité dit son remède")
    return Criterion(
        number=number,
        title=entry["title"].strip(),
        result=result,
        method=method,
        tests=tests,
        steps=entry.get("steps", ""),
        observed=entry.get("observed", ""),
        why=entry.get("why", ""),
        remedy=entry.get("remedy", ""),
    )


def parse(data: dict) -> Assessment:
    _require(isinstance(data, dict), "le fichier doit décrire une évaluation")
    _require(data.get("referential") == "RGAA 4.1.2", "référentiel attendu : RGAA 4.1.2")
    assessed_on = data.get("assessed_on")
    if isinstance(assessed_on, str):
        assessed_on = datetime.date.fromisoformat(assessed_on)
    _require(isinstance(assessed_on, datetime.date), "date de l'évaluation manquante (assessed_on: AAAA-MM-JJ)")
    _require(data.get("sample"), "échantillon manquant")
    entries = data.get("criteria") or []
    _require(len(entries) == len(NUMBERS), f"{len(NUMBERS)} critères attendus, {len(entries)} trouvés")
    return Assessment(
        assessed_on=assessed_on,
        source=data.get("source") or {},
        environment=data.get("environment", ""),
        assessed_by=data.get("assessed_by", ""),
        sample=tuple(data["sample"]),
        derogations=tuple(data.get("derogations") or ()),
        criteria=tuple(_criterion(entry, expected) for entry, expected in zip(entries, NUMBERS, strict=True)),
    )


@functools.cache
def load(path: Path = PATH) -> Assessment:
    with open(path, encoding="utf-8") as file:
        return parse(yaml.safe_load(file))
