"""Demo event codes for the questionnaire's entry links (/questionnaire/?source=CODE), clearly fictitious."""

from guichet.demo import upsert
from onboarding.models import SourceCode

CODES = [
    ("demo-salon-creation-marseille", "Forum de la création d'entreprise (démonstration, fictif)"),
    ("demo-permanence-hopital", "Permanence d'information à l'hôpital (démonstration, fictive)"),
]


def load():
    for code, label in CODES:
        upsert(SourceCode, {"code": code}, {"label": label, "is_active": True})
