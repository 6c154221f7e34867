from django.db import models


class AlertKind(models.TextChoices):
    SEARCH = "recherche", "Nouveautés de mon profil ou d'une recherche"
    ENTRY = "fiche", "Une fiche suivie"


class Rhythm(models.TextChoices):
    AS_IT_HAPPENS = "immediat", "Dès qu'il y a du nouveau"
    WEEKLY = "hebdo", "Une fois par semaine au plus"
