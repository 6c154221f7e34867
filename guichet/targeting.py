"""Queryset rules shared by every app whose entries target phases, statuses, territories and themes."""

from django.db.models import Exists, OuterRef

from guichet.models import EditorialQuerySet, Territory
from guichet.search import search


class TargetingQuerySet(EditorialQuerySet):
    """Who an entry concerns, for models with `themes`, `phases`, `statuses` and `territories` many-to-many fields.

    An empty list means everyone: all phases, all statuses, the whole of France. Every rule is an `Exists` subquery on
    the through table, so filters combine without duplicate rows and the same way on SQLite and PostgreSQL.
    """

    def _through(self, field):
        return self.model._meta.get_field(field).remote_field.through

    def _concerns(self, field, target_field, value):
        """Entries whose `field` list is empty (everyone) or contains `value`."""
        through = self._through(field)
        source = f"{self.model._meta.model_name}_id"
        any_row = through.objects.filter(**{source: OuterRef("pk")})
        matching = any_row.filter(**{target_field: value})
        return self.filter(Exists(matching) | ~Exists(any_row))

    def for_phase(self, phase: str):
        """Entries for this phase, or for every phase."""
        return self._concerns("phases", "phasetag_id", phase)

    def for_status(self, status: str):
        """Entries for this professional status, or for every status."""
        return self._concerns("statuses", "statustag_id", status)

    def for_departement(self, code: str):
        """Entries valid in this département (INSEE code): national ones, its region's, its own."""
        through = self._through("territories")
        source = f"{self.model._meta.model_name}_id"
        any_row = through.objects.filter(**{source: OuterRef("pk")})
        matching = any_row.filter(territory__in=Territory.objects.enclosing_code(code).values("pk"))
        return self.filter(Exists(matching) | ~Exists(any_row))

    def for_territory(self, departement):
        """The same as `for_departement`, from the département's row (its region known): a lighter query."""
        through = self._through("territories")
        source = f"{self.model._meta.model_name}_id"
        any_row = through.objects.filter(**{source: OuterRef("pk")})
        matching = any_row.filter(territory__in=Territory.objects.enclosing(departement).values("pk"))
        return self.filter(Exists(matching) | ~Exists(any_row))

    def with_themes(self, themes):
        """Entries about at least one of these themes (Theme rows or a Theme queryset)."""
        return self._with_theme(theme__in=themes)

    def with_theme_slugs(self, slugs):
        """Entries about at least one of the themes with these slugs (the listing filter)."""
        return self._with_theme(theme__slug__in=slugs)

    def _with_theme(self, **lookup):
        through = self._through("themes")
        source = f"{self.model._meta.model_name}_id"
        return self.filter(Exists(through.objects.filter(**{source: OuterRef("pk")}, **lookup)))

    def search(self, query: str):
        """Every word of the query, accents and case ignored."""
        return search(self, query)
