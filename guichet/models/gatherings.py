"""What an event and a peer group share: who organises it, where it meets and whom it is for.

Each block is an abstract model declared once here, with its labels, its rule and its words for the pages; the agenda
and the groups inherit them, keeping their own table and column names (no data moved). The organiser is a model of
another app (a structure of the directory): as Django's `AUTH_USER_MODEL`, it is named by a setting,
`GUICHET_ORGANISER_MODEL`, and read with `organiser_model()`, so that neither the kernel nor the apps that inherit
these blocks import the directory.

The reverse name of the organiser's foreign key is each model's `Meta.default_related_name` (`structure.events`,
`structure.peer_groups`).
"""

from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

from guichet.enums import Phase, ProfessionalStatus, TerritoryKind
from guichet.models.vocabulary import PhaseTag, StatusTag, Territory, Theme

ORGANISER_REQUIRED = "Choisissez l'organisateur dans l'annuaire ou écrivez son nom."


def organiser_model():
    """The model of the directory whose entries organise events and groups (`GUICHET_ORGANISER_MODEL`)."""
    try:
        return apps.get_model(settings.GUICHET_ORGANISER_MODEL, require_ready=False)
    except ValueError:
        raise ImproperlyConfigured(
            "GUICHET_ORGANISER_MODEL doit être de la forme « application.Modèle », par exemple annuaire.Structure."
        ) from None
    except LookupError:
        raise ImproperlyConfigured(
            f"GUICHET_ORGANISER_MODEL désigne {settings.GUICHET_ORGANISER_MODEL}, qui n'est pas installé."
        ) from None


class Organised(models.Model):
    """Organised by an entry of the directory, or by someone it does not list, named in words: one or the other."""

    organiser = models.ForeignKey(
        settings.GUICHET_ORGANISER_MODEL,
        verbose_name="organisateur (annuaire)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="La structure de l'annuaire qui l'organise.",
    )
    organiser_name = models.CharField(
        "organisateur (hors annuaire)",
        max_length=200,
        blank=True,
        help_text="Seulement si l'organisateur n'est pas dans l'annuaire (une CCI, par exemple).",
    )

    class Meta:
        abstract = True

    def organiser_errors(self) -> dict[str, str]:
        """The organiser is chosen in the directory or written in words. For the model's `clean()`."""
        if not self.organiser_id and not self.organiser_name:
            return {"organiser": ORGANISER_REQUIRED}
        return {}

    @property
    def organiser_label(self) -> str:
        return self.organiser.name if self.organiser_id else self.organiser_name


def five_digit_postal_code(name: str) -> models.CheckConstraint:
    """The database rule on `Placed.postal_code`, under the name each table already gives it."""
    return models.CheckConstraint(
        condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{5}$"),
        name=name,
        violation_error_message="Un code postal a 5 chiffres.",
    )


class Placed(models.Model):
    """A place where one meets. The model says whether it meets there (`is_on_site`, from its own format field) and
    how its error messages name the place (`place_words`: "du lieu", "où le groupe se réunit")."""

    place_words = "du lieu"

    place_name = models.CharField(
        "lieu", max_length=200, blank=True, help_text="Par exemple : Maison des associations."
    )
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    departement = models.ForeignKey(
        Territory,
        verbose_name="département",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": TerritoryKind.DEPARTEMENT},
    )
    accessibility = models.CharField(
        "accessibilité du lieu", max_length=300, blank=True, help_text="Par exemple : accessible en fauteuil roulant."
    )

    class Meta:
        abstract = True

    def place_errors(self) -> dict[str, str]:
        """A commune and a département when it meets on site. For the model's `clean()`."""
        errors = {}
        if self.is_on_site:
            if not self.city:
                errors["city"] = f"Indiquez la commune {self.place_words}."
            if self.departement_id is None:
                errors["departement"] = f"Indiquez le département {self.place_words}."
        return errors

    @property
    def full_address(self) -> str:
        street = ", ".join(part for part in (self.place_name, self.address) if part)
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (street, town) if part)

    @property
    def map_url(self) -> str:
        """A plain link to the place on OpenStreetMap (no map is embedded: no third-party request from the page)."""
        query = ", ".join(part for part in (self.address, self.postal_code, self.city) if part)
        return f"https://www.openstreetmap.org/search?{urlencode({'query': query})}" if query else ""


class ForAudience(models.Model):
    """Whom it is for: themes, phases and professional statuses; no phase or no status means everyone
    (`guichet.targeting.ForAudienceQuerySet`)."""

    themes = models.ManyToManyField(Theme, verbose_name="thèmes", related_name="+", blank=True)
    phases = models.ManyToManyField(
        PhaseTag, verbose_name="phases", related_name="+", blank=True, help_text="Aucune : toutes les phases."
    )
    audiences = models.ManyToManyField(
        StatusTag, verbose_name="pour quels statuts", related_name="+", blank=True, help_text="Aucun : tout le monde."
    )

    class Meta:
        abstract = True

    @property
    def phase_labels(self) -> list[str]:
        return [Phase(tag.code).short_label for tag in self.phases.all()]

    @property
    def audience_labels(self) -> list[str]:
        return [ProfessionalStatus(tag.code).label for tag in self.audiences.all()]
