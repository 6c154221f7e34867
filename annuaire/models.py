"""Structures and applications of the directory, with the services they offer.

A structure's themes and phases are those of its services; its reach is its territories (none: national).
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from annuaire.enums import Access, Category, StructureKind, Wheelchair
from annuaire.opening_hours import in_french, validate_opening_hours
from guichet.enums import TerritoryKind
from guichet.models import EditorialModel, Organisation, PhaseTag, SluggedModel, Territory, Theme
from guichet.search import SearchableModel
from guichet.targeting import TargetingQuerySet

ACCESS_FIELDS = {
    Access.FREE: "is_free",
    Access.PAID: "is_paid",
    Access.APPOINTMENT: "by_appointment",
    Access.REFERRAL: "on_referral",
    Access.MEMBERSHIP: "membership",
}


class StructureQuerySet(TargetingQuerySet):
    def _with_theme(self, **lookup):
        """Structures with at least one service about one of these themes."""
        through = Service.themes.through
        return self.filter(Exists(through.objects.filter(service__structure=OuterRef("pk"), **lookup)))

    def for_phase(self, phase: str):
        """Structures with a service for this phase or for every phase (a structure without services: every phase)."""
        through = Service.phases.through
        services = Service.objects.filter(structure=OuterRef("pk"))
        matching = services.filter(
            Exists(through.objects.filter(service=OuterRef("pk"), phasetag_id=phase))
            | ~Exists(through.objects.filter(service=OuterRef("pk")))
        )
        return self.filter(Exists(matching) | ~Exists(services))

    def for_access(self, access: str):
        """Structures with this access condition (gratuit, sur rendez-vous…)."""
        return self.filter(**{ACCESS_FIELDS[Access(access)]: True})

    def for_list(self):
        """What the directory lists: published structures with their reach."""
        return self.published().prefetch_related("territories").order_by("name", "pk")


class Structure(SluggedModel, SearchableModel, EditorialModel):
    kind = models.CharField("type", max_length=12, choices=StructureKind.choices, default=StructureKind.STRUCTURE)
    category = models.CharField("catégorie", max_length=20, choices=Category.choices)
    name = models.CharField("nom", max_length=200)
    summary = models.CharField("en bref", max_length=400, help_text="Ce qu'elle propose, en une ou deux phrases.")
    description = models.TextField("présentation", blank=True)
    audience = models.TextField("pour qui", blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation partenaire",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="structures",
        help_text="Si la structure a un compte partenaire qui tient ses informations à jour.",
    )
    # Access conditions.
    is_free = models.BooleanField("gratuit", default=False)
    is_paid = models.BooleanField("payant", default=False)
    by_appointment = models.BooleanField("sur rendez-vous", default=False)
    on_referral = models.BooleanField("sur orientation", default=False)
    membership = models.BooleanField("adhésion", default=False)
    access_note = models.CharField("précisions sur l'accès", max_length=300, blank=True)
    # Where.
    territories = models.ManyToManyField(
        Territory, verbose_name="territoires couverts", related_name="+", blank=True, help_text="Aucun : national."
    )
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("commune", max_length=100, blank=True)
    # How to reach it.
    phone = models.CharField("téléphone", max_length=60, blank=True, help_text="Tel qu'il est publié.")
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField("site web", max_length=500, blank=True)
    opening_hours = models.CharField(
        "horaires",
        max_length=300,
        blank=True,
        validators=[validate_opening_hours],
        help_text="Format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-17:00 ».",
    )
    wheelchair = models.CharField(
        "accès en fauteuil roulant", max_length=8, choices=Wheelchair.choices, default=Wheelchair.UNKNOWN, blank=True
    )
    languages = models.CharField("langues", max_length=200, blank=True, help_text="Par exemple : français, anglais.")
    # Applications and online services.
    platforms = models.CharField("plateformes", max_length=200, blank=True, help_text="Web, iOS, Android…")
    cost = models.CharField("coût", max_length=200, blank=True)
    publisher = models.CharField("éditeur", max_length=200, blank=True)
    health_validation = models.CharField(
        "validation par des professionnels de santé",
        max_length=300,
        blank=True,
        help_text="Ce que l'on sait de la validation de son contenu ; vide si inconnu.",
    )
    is_demo = models.BooleanField("démonstration", default=False, help_text="Entrée fictive de démonstration.")

    objects = StructureQuerySet.as_manager()

    class Meta:
        verbose_name = "structure ou application"
        verbose_name_plural = "structures et applications"
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"], name="structure_public_list")]
        constraints = [
            models.CheckConstraint(
                condition=Q(postal_code="") | Q(postal_code__regex=r"^[0-9]{5}$"),
                name="structure_postal_code_five_digits",
                violation_error_message="Un code postal a 5 chiffres.",
            ),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def value_in_words(field_name: str, value):
        """How the review, the history and the import preview say a value (None: the usual way)."""
        return in_french(value) if field_name == "opening_hours" else None

    def get_absolute_url(self):
        return reverse("annuaire:detail", kwargs={"slug": self.slug})

    def search_document(self) -> str:
        services = " ".join(f"{s.name} {s.description}" for s in self.services.all()) if self.pk else ""
        return " ".join([self.name, self.summary, self.description, self.city, self.publisher, services])

    @property
    def category_choice(self) -> Category:
        return Category(self.category)

    @property
    def is_application(self) -> bool:
        """An application or online service rather than a place to go."""
        return self.kind == StructureKind.APPLICATION

    @property
    def access_labels(self) -> list[str]:
        return [Access(access).label for access, field in ACCESS_FIELDS.items() if getattr(self, field)]

    @property
    def reach(self) -> str:
        """Where it acts, in words: "National", a region, départements, or a city."""
        territories = list(self.territories.all())
        if not territories or any(t.kind == TerritoryKind.NATIONAL for t in territories):
            return "National"
        names = ", ".join(str(t) for t in territories)
        return f"{self.city} — {names}" if self.city else names

    @property
    def is_national(self) -> bool:
        return self.reach == "National"


class Service(models.Model):
    """One thing a structure offers (an adapted sport class, legal advice…), with its themes and phases."""

    # Shown with its structure, and read by the parcours's choice of structures: a change clears cached pages and
    # each process's copy of the parcours's structures (guichet.sharedcache).
    public_content = True

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="services")
    name = models.CharField("service", max_length=200)
    description = models.TextField("description", blank=True)
    themes = models.ManyToManyField(Theme, verbose_name="thèmes", related_name="+", blank=True)
    phases = models.ManyToManyField(
        PhaseTag, verbose_name="phases", related_name="+", blank=True, help_text="Aucune : toutes les phases."
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "service proposé"
        verbose_name_plural = "services proposés"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


from annuaire.contact import ContactRequest, ContactRequestMessage  # noqa: E402,F401  (models defined in their module)
