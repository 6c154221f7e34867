from django.db import models


class GroupFormat(models.TextChoices):
    ON_SITE = "sur-place", "Sur place"
    VIDEO = "visio", "En visio"


class RegistrationStatus(models.TextChoices):
    PENDING = "en-attente", "En attente de confirmation"
    CONFIRMED = "confirmee", "Confirmée"
    WAITING = "liste-attente", "Liste d'attente"
    CANCELLED = "annulee", "Annulée"
    EXPIRED = "expiree", "Non confirmée à temps"


# A registration in one of these statuses is "current": the same e-mail cannot sign up twice to the group.
ACTIVE_STATUSES = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
