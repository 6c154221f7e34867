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
            EventKind.PERMANENCE: "Permanence",
            EventKind.INFORMATION: "Réunion d'information",
            EventKind.WORKSHOP: "Atelier",
            EventKind.MEETING: "Rencontre",
            EventKind.CULTURE: "Manifestation culturelle",
            EventKind.FAIR: "Salon ou forum",
        }[self]

    @property
    def theme_slug(self) -> str:
        return {
            EventKind.PERMANENCE: "droits-protection-sociale",
            EventKind.INFORMATION: "maintien-activite",
            EventKind.WORKSHOP: "bien-etre",
            EventKind.MEETING: "vie-personnelle-proches",
            EventKind.CULTURE: "vie-personnelle-proches",
            EventKind.FAIR: "maintien-activite",
        }[self]


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
