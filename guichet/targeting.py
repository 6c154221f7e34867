"""Queryset rules shared by every app whose entries target phases, statuses, territories and themes."""

from dataclasses import dataclass

from django.db.models import Aggregate, CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.query import ModelIterable

from guichet.models import EditorialQuerySet, Territory
from guichet.search import search


class Concat(Aggregate):
    """Comma-separated values of a column, on SQLite (GROUP_CONCAT) and PostgreSQL (STRING_AGG)."""

    function = "GROUP_CONCAT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ',')")


def _split(codes) -> frozenset:
    return frozenset(codes.split(",")) if codes else frozenset()


@dataclass(frozen=True)
class Targets:
    """Whom an entry concerns, read once (`TargetingQuerySet.with_targets`): statuts, phases, territories (ids) and
    themes (slugs); an empty set means everyone."""

    statuses: frozenset
    phases: frozenset
    territories: frozenset
    themes: frozenset

    def concerns(self, *, status: str = "", phase: str = "", places=None) -> bool:
        """The rules of `for_status`, `for_phase` and `for_territory`, in memory (places: the ids of her
        département, its region and the nation, `TerritoryIndex.places`; None when her département is unknown)."""
        return (
            (not status or not self.statuses or status in self.statuses)
            and (not phase or not self.phases or phase in self.phases)
            and (places is None or not self.territories or bool(self.territories & places))
        )


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

    def with_targets(self):
        """These entries with their lists as comma-separated codes, in the same query whatever their number; each
        row gets `targets` (Targets) when read: for pages that filter a catalogue kept in memory."""
        source = f"{self.model._meta.model_name}_id"

        def codes(field, column):
            rows = (
                self._through(field)
                .objects.filter(**{source: OuterRef("pk")})
                .values(source)
                .annotate(codes=Concat(Cast(column, output_field=CharField())))
            )
            return Subquery(rows.values("codes"), output_field=CharField())

        clone = self.annotate(
            target_statuses=codes("statuses", "statustag_id"),
            target_phases=codes("phases", "phasetag_id"),
            target_territories=codes("territories", "territory_id"),
            target_themes=codes("themes", "theme__slug"),
        )
        clone._iterable_class = _WithTargets
        return clone

    def search(self, query: str):
        """Every word of the query, accents and case ignored."""
        return search(self, query)


class _WithTargets(ModelIterable):
    def __iter__(self):
        for row in super().__iter__():
            row.targets = Targets(
                statuses=_split(row.target_statuses),
                phases=_split(row.target_phases),
                territories=frozenset(int(pk) for pk in _split(row.target_territories)),
                themes=_split(row.target_themes),
            )
            yield row


class ForAudienceQuerySet(TargetingQuerySet):
    """The same rules for entries whose statuses are called `audiences` (events and groups,
    `guichet.models.ForAudience`); where they meet is the model's own `for_departement`."""

    def for_status(self, status: str):
        """Entries for this professional status, or for every status."""
        return self._concerns("audiences", "statustag_id", status)
