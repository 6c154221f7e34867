from django.db import models


class ResourceKind(models.TextChoices):
    SHEET = "fiches", "Fiches d'information"
    AID = "aides", "Aides et dispositifs"
    CONTENT = "contenus", "Contenus inspirants"


class ContentFormat(models.TextChoices):
    VIDEO = "video", "Vidéo"
    PODCAST = "podcast", "Podcast"
    ARTICLE = "article", "Article"
    BOOK = "livre", "Livre"
    TESTIMONY = "temoignage", "Témoignage"

    @classmethod
    def needing_transcript(cls):
        """Audio and video: a transcript or a text summary is required (accessibility)."""
        return [cls.VIDEO, cls.PODCAST]


class Beneficiary(models.TextChoices):
    """Who receives an aid: the woman who is ill, or the relative who helps her (a caregiver aid is never shown as
    hers; it goes to the section on what her relatives can ask for)."""

    PERSON = "elle", "Elle : l'entrepreneuse malade"
    CAREGIVER = "proche", "Sa proche aidante (congé, allocation, répit des aidants)"


class CriterionKind(models.TextChoices):
    """A condition of an aid. The first two are asked by the questionnaire, so they can be met or not; the others
    are never asked (income, disability, age…): they are always named in "à vérifier" with how to check them."""

    TWELVE_MONTHS = "affiliation-12-mois", "12 mois d'affiliation (demandé au questionnaire)"
    PAID_MANDATE = "mandat-remunere", "Mandat rémunéré de présidente de SAS (demandé au questionnaire)"
    MINIMUM_INCOME = "revenu-minimum", "Un revenu minimum"
    FULL_STOP = "arret-complet", "Arrêter complètement son activité"
    DISABILITY = "handicap-reconnu", "Un handicap reconnu (RQTH ou autre titre)"
    DEPENDENT_PERSON = "personne-aidee-dependante", "La personne aidée : GIR I à III ou handicap d'au moins 80 %"
    AGE = "age", "Une condition d'âge"
    CONTRIBUTIONS = "cotisations-a-jour", "Cotiser encore ou être à jour de ses cotisations"
    OTHER = "autre", "Autre condition"

    @property
    def asked(self) -> bool:
        """Whether the questionnaire asks about it (so her answer can meet it or not)."""
        return self in (CriterionKind.TWELVE_MONTHS, CriterionKind.PAID_MANDATE)
