"""Shared vocabulary stored as rows.

- Themes are editable rows: the coordinator may rename one, reorder them or add one (say "parentalité") without a
  deployment. Their colour is validated against WCAG contrast so that no edit can make a badge unreadable.
- Territories are facts (INSEE codes), created by a data migration; only `is_covered` is meant to change, so that a
  new region opens without code changes.
- PhaseTag and StatusTag mirror the code enums `Phase` and `ProfessionalStatus` one row per value, with the enum value
  as primary key. Content that concerns several phases or statuses points at them through a many-to-many, which
  filters the same way on SQLite and PostgreSQL (`.filter(phases=Phase.TREATMENT)`). The rows are created by a
  migration from the enum and are read-only in the admin.
"""

import re
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from guichet.enums import Phase, ProfessionalStatus, TerritoryKind

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
# WCAG 2.1 AA for normal text: badges show white text on the theme's colour.
MIN_CONTRAST = 4.5


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_relative_luminance(first), _relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_theme_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError("Indiquez une couleur au format #RRVVBB, par exemple #1f5fa8.")
    ratio = contrast_ratio(value, WHITE)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            f"Cette couleur est trop claire : le texte blanc n'y est pas lisible "
            f"(contraste {ratio:.1f}:1, il faut au moins {MIN_CONTRAST}:1). Choisissez une teinte plus foncée."
        )


def departement_from_postal_code(postal_code: str) -> str | None:
    """The INSEE code of the département of a French postal code, from its first digits, or None.

    Overseas: the first three digits (971…976). Corsica: 200xx–201xx is Corse-du-Sud (2A), 202xx–206xx Haute-Corse (2B).
    A few communes near a border have a postal code of the neighbouring département: this is an approximation.
    """
    code = (postal_code or "").strip().replace(" ", "")
    if not re.fullmatch(r"[0-9]{5}", code) or code.startswith("00"):
        return None
    if code.startswith("97"):
        return code[:3] if code[:3] in {"971", "972", "973", "974", "976"} else None
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    if code.startswith("98") or code.startswith("99"):
        return None
    return code[:2]


class Theme(models.Model):
    # Public pages show it with the entries: a change starts a new generation of cached content (guichet.sharedcache).
    public_content = True

    slug = models.SlugField("identifiant", max_length=60, unique=True)
    name = models.CharField("nom", max_length=80, unique=True)
    description = models.CharField("description", max_length=240, blank=True)
    colour = models.CharField(
        "couleur",
        max_length=7,
        validators=[validate_theme_colour],
        help_text="Fond des étiquettes, sous un texte blanc : contraste d'au moins 4,5:1.",
    )
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)

    class Meta:
        verbose_name = "thème"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(THEME_NAMES_KEY)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        cache.delete(THEME_NAMES_KEY)
        return result


THEME_NAMES_KEY = "vocabulary:theme-names"


def theme_names() -> dict[str, str]:
    """{slug: name} of every theme, from the shared cache (kept 5 minutes, dropped when a theme changes): the
    parcours names her needs without a query."""
    return cache.get_or_set(
        THEME_NAMES_KEY, lambda: dict(Theme.objects.order_by("position", "name").values_list("slug", "name")), 300
    )


@dataclass(frozen=True)
class TerritoryIndex:
    departements: dict  # INSEE code → Territory, its region (parent) loaded
    national_ids: frozenset

    def places(self, departement: "Territory") -> frozenset:
        """The ids of the territories whose entries concern someone in this département: itself, its region, the
        nation (what `enclosing` selects)."""
        return frozenset({departement.pk, departement.parent_id, *self.national_ids}) - {None}


def enclosing_ids(departement: "Territory | None"):
    """`TerritoryIndex.places` of this département (None for none), without a query when it comes from the index."""
    if departement is None:
        return None
    if "enclosing_ids" in departement.__dict__:
        return departement.enclosing_ids
    return territory_index().places(departement)


def territory_index() -> TerritoryIndex:
    """The départements and the nation, kept by each process until content changes (guichet.sharedcache.memo): the
    parcours finds her département without a query. Shared between requests: never modify these objects."""
    from guichet.sharedcache import memo

    def build():
        territories = list(Territory.objects.select_related("parent"))
        index = TerritoryIndex(
            departements={t.code: t for t in territories if t.kind == TerritoryKind.DEPARTEMENT},
            national_ids=frozenset(t.pk for t in territories if t.kind == TerritoryKind.NATIONAL),
        )
        for departement in index.departements.values():
            departement.enclosing_ids = index.places(departement)
        return index

    return memo("guichet.territories", build)


class TerritoryQuerySet(models.QuerySet):
    def departements(self):
        """Départements only, by INSEE code."""
        return self.filter(kind=TerritoryKind.DEPARTEMENT).order_by("code")

    def covered(self):
        """Départements where the service is deployed (structures, events and groups near her)."""
        return self.departements().filter(is_covered=True)

    def enclosing_code(self, code: str):
        """The same as `enclosing`, from a département's INSEE code, as one subquery."""
        return self.filter(
            Q(kind=TerritoryKind.DEPARTEMENT, code=code)
            | Q(kind=TerritoryKind.REGION, children__code=code)
            | Q(kind=TerritoryKind.NATIONAL)
        )

    def enclosing(self, departement: "Territory"):
        """The territories whose content concerns someone in this département: itself, its region, the nation."""
        return self.filter(Q(pk=departement.pk) | Q(pk=departement.parent_id) | Q(kind=TerritoryKind.NATIONAL))


class Territory(models.Model):
    # Public pages show it with the entries: a change starts a new generation of cached content (guichet.sharedcache).
    public_content = True

    kind = models.CharField("type", max_length=12, choices=TerritoryKind.choices)
    code = models.CharField("code INSEE", max_length=3, help_text="« FR » pour la France entière.")
    name = models.CharField("nom", max_length=80)
    parent = models.ForeignKey(
        "self",
        verbose_name="région",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_covered = models.BooleanField(
        "couvert par le service",
        default=False,
        help_text="Le service y est déployé : structures, événements et groupes de proximité.",
    )

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire"
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_unique_kind_code"),
            models.CheckConstraint(
                condition=Q(kind=TerritoryKind.DEPARTEMENT, parent__isnull=False) | ~Q(kind=TerritoryKind.DEPARTEMENT),
                name="territory_departement_has_region",
            ),
        ]

    def __str__(self):
        if self.kind == TerritoryKind.DEPARTEMENT:
            return f"{self.name} ({self.code})"
        return self.name


class PhaseTag(models.Model):
    code = models.CharField("phase", max_length=20, primary_key=True, choices=Phase.choices)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "phase"
        ordering = ["position"]

    def __str__(self):
        return self.get_code_display()


class StatusTag(models.Model):
    code = models.CharField("statut", max_length=30, primary_key=True, choices=ProfessionalStatus.choices)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "statut professionnel"
        ordering = ["position"]

    def __str__(self):
        return self.get_code_display()
