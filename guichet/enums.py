"""Code enums shared by every app.

Phases, professional statuses, editorial statuses and roles are code enums because code branches on them:
the questionnaire's steps, the eligibility rules of aids, the editorial workflow and the admin permissions.
Themes and territories are rows (see `guichet/models/vocabulary.py`).
"""

from django.db import models


class Phase(models.TextChoices):
    PREVENTION = "prevention", "Je crée ou je gère mon activité (prévention)"
    TREATMENT = "traitement", "Pendant les traitements"
    AFTER = "apres", "Après les traitements"

    @property
    def short_label(self) -> str:
        return {
            Phase.PREVENTION: "Je crée ou je gère mon activité",
            Phase.TREATMENT: "Je suis en traitement",
            Phase.AFTER: "Mes traitements sont finis",
        }[self]


class ProfessionalStatus(models.TextChoices):
    """Her status and legal form: it decides which aids apply (docs/DOMAIN.md)."""

    ARTISAN = "artisane", "Artisane"
    TRADER = "commercante", "Commerçante"
    LIBERAL_UNREGULATED = "liberale-non-reglementee", "Profession libérale non réglementée"
    MICRO = "micro-entrepreneuse", "Micro-entrepreneuse (auto-entrepreneuse)"
    LIBERAL_REGULATED = (
        "liberale-reglementee",
        "Profession libérale réglementée (caisse CNAVPL : CIPAV, CARMF, CARPIMKO…)",
    )
    MANAGER_SARL = "gerante-majoritaire", "Gérante majoritaire de SARL ou d'EURL"
    PRESIDENT_SAS = "presidente-sas", "Présidente de SAS ou de SASU"
    SPOUSE = "conjointe-collaboratrice", "Conjointe collaboratrice"
    FARMER = "agricultrice", "Agricultrice (MSA)"
    UNKNOWN = "ne-sait-pas", "Je ne sais pas"


class EditorialStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    REVIEW = "a-relire", "À relire"
    PUBLISHED = "publie", "Publié"
    ARCHIVED = "archive", "Archivé"


class Role(models.TextChoices):
    VISITOR = "visiteuse", "Visiteuse (compte public)"
    OPERATOR = "operatrice", "Opératrice partenaire"
    COORDINATOR = "animatrice", "Animatrice du dispositif"
    ADMINISTRATOR = "administratrice", "Administratrice"


class TerritoryKind(models.TextChoices):
    NATIONAL = "national", "National"
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"


class ForWhom(models.TextChoices):
    """Who the questionnaire is answered for: herself, a relative, or a professional who helps her."""

    ME = "moi", "Pour moi"
    RELATIVE = "proche", "Pour une proche (ma mère, ma sœur, une amie…)"
    PROFESSIONAL = "professionnelle", "Je suis une professionnelle qui accompagne une entrepreneuse"


class YesNo(models.TextChoices):
    YES = "oui", "Oui"
    NO = "non", "Non"
    UNKNOWN = "nsp", "Je ne sais pas"


class ProposalState(models.TextChoices):
    """Where an operator's proposed change of a published entry stands (the published version stays online)."""

    PENDING = "en-attente", "Modification en attente"
    SENT_BACK = "renvoyee", "Renvoyée"
    APPLIED = "publiee", "Publiée"
