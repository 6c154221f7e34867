from django.db import models


class EventKind(models.TextChoices):
    """What kind of event. A short list that rarely changes; each kind takes the colour of its closest theme."""

    PERMANENCE = "permanence", "Permanence d'association"
    INFORMATION = "information", "Réunion ou séminaire d'information"
    WORKSHOP = "atelier", "Atelier (bien-être, activité physique adaptée, socio-esthétique…)"
    MEETING = "rencontre", "Rencontre ou groupe de parole ouvert"
    CULTURE = "culture", "Manifestation culturelle"
    FAIR = "salon", "Salon ou forum de l'entrepreneuriat"

    @property
    def short_label(self) -> str:
        return {
            "permanence": "Permanence",
            "information": "Réunion d'information",
            "atelier": "Atelier",
            "rencontre": "Rencontre",
            "culture": "Manifestation culturelle",
            "salon": "Salon ou forum",
        }[self.value]

    @property
    def theme_slug(self) -> str:
        return {
            "permanence": "droits-protection-sociale",
            "information": "maintien-activite",
            "atelier": "bien-etre",
            "rencontre": "vie-personnelle-proches",
            "culture": "vie-personnelle-proches",
            "salon": "maintien-activite",
        }[self.value]


class Mode(models.TextChoices):
    ON_SITE = "sur-place", "Sur place"
    ONLINE = "en-ligne", "En ligne"
    BOTH = "les-deux", "Sur place et en ligne"


class Registration(models.TextChoices):
    OPEN = "libre", "Entrée libre"
    REQUIRED = "inscription", "Sur inscription"
    SITE = "site", "Inscription via ce site (groupe de pairs)"


class Repeat(models.TextChoices):
    """How a permanence repeats. Each choice is one RFC 5545 rule (see agenda/recurrence.py)."""

    NONE = "", "Une seule fois"
    WEEKLY = "hebdomadaire", "Chaque semaine, le même jour"
    MONTHLY_WEEKDAY = "mensuelle-jour", "Chaque mois, le même jour de la semaine (ex. : le 1er mardi)"
    MONTHLY_DATE = "mensuelle-date", "Chaque mois, à la même date (ex. : le 15)"
