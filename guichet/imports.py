"""CSV and spreadsheet import / export of editorial entries for partners (django-import-export), with the same rules
as the admin: an operator imports into her own organisation only, new rows arrive as drafts to be reviewed, a row
for an entry she may not edit is refused, and every row is validated like the admin form (with any error, nothing is
imported). Rows are matched on `adresse` (the slug).

The file speaks French both ways: columns are headed by the fields' French names (the former English headers are still
read), choices and yes / no are written in words, a territory is written with its kind ("région:93" is not
"département:93"), and every refused cell or row says why in French, on its line. A re-import of an unmodified export
changes nothing. The preview lists, for each row, what would change, field by field, in words (`FrenchDiff`)."""

import unicodedata
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from import_export import fields, resources, widgets

from guichet.enums import EditorialStatus, TerritoryKind
from guichet.models import Organisation, Territory
from guichet.proposals import ProposalResourceMixin  # saving rows: the proposed-change rule (guichet.proposals)
from guichet.spreadsheets import escape_formula, unescape_formula

EMPTY = ""


def simplified(text) -> str:
    """Lower case, no accents, single spaces: how a header or a word typed by hand is compared."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


# Territories -----------------------------------------------------------------------------------------------------

KIND_WORDS = {
    "departement": TerritoryKind.DEPARTEMENT,
    "dep": TerritoryKind.DEPARTEMENT,
    "dept": TerritoryKind.DEPARTEMENT,
    "region": TerritoryKind.REGION,
    "national": TerritoryKind.NATIONAL,
    "france": TerritoryKind.NATIONAL,
}
KIND_PREFIX = {
    TerritoryKind.NATIONAL: "national",
    TerritoryKind.REGION: "région",
    TerritoryKind.DEPARTEMENT: "département",
}
KIND_ORDER = [TerritoryKind.NATIONAL, TerritoryKind.REGION, TerritoryKind.DEPARTEMENT]


def territory_reference(territory: Territory) -> str:
    """How a territory is written in a file: its kind and its code, "région:93", "département:13", "national:FR"."""
    return f"{KIND_PREFIX[territory.kind]}:{territory.code}"


def territory_words(territory: Territory) -> str:
    """How a territory is named in the preview: "Seine-Saint-Denis (93)", "région Provence-Alpes-Côte d'Azur"."""
    if territory.kind == TerritoryKind.REGION:
        return f"région {territory.name}"
    return str(territory)


def normalise_departement(code: str) -> str:
    code = code.strip()
    code = code.upper() if code[:1].isalpha() or code[1:2].isalpha() else code
    return code.zfill(2) if code.isdigit() and len(code) == 1 else code  # a spreadsheet turns "05" into 5


class TerritoryReader:
    """Reads "région:93", "département:13", "national" (or "France"); a bare code is a département, unless a région
    has the same code: then the file must say which."""

    def __init__(self, *, allowed=tuple(KIND_ORDER)):
        self.allowed = allowed
        self._by_key = None

    def by_key(self):
        if self._by_key is None:
            self._by_key = {(t.kind, t.code): t for t in Territory.objects.all()}
        return self._by_key

    def read(self, text: str) -> Territory:
        raw = text.strip()
        kind, code = None, raw
        if ":" in raw:
            word, code = raw.split(":", 1)
            kind = KIND_WORDS.get(simplified(word))
            if kind is None:
                raise ValueError(f"« {raw} » : écrivez « département:13 », « région:93 » ou « national ».")
        elif simplified(raw) in {"national", "france", "france entiere", "fr"}:
            kind, code = TerritoryKind.NATIONAL, "FR"
        code = "FR" if kind == TerritoryKind.NATIONAL else normalise_departement(code)
        if kind is None:
            found = {k: t for (k, c), t in self.by_key().items() if c == code and k in self.allowed}
            if TerritoryKind.DEPARTEMENT in found and TerritoryKind.REGION in found:
                raise ValueError(
                    f"« {raw} » est ambigu : écrivez « département:{code} » pour "
                    f"{found[TerritoryKind.DEPARTEMENT].name} ou « région:{code} » pour "
                    f"{found[TerritoryKind.REGION].name}."
                )
            kind = TerritoryKind.DEPARTEMENT
        if kind not in self.allowed:
            raise ValueError(f"« {raw} » : seul un département est attendu ici (code INSEE, par exemple 13 ou 2A).")
        territory = self.by_key().get((kind, code))
        if territory is None:
            kind_name = KIND_PREFIX[kind].capitalize()
            raise ValueError(f"{kind_name} inconnu : « {raw} » (code INSEE, par exemple 13 ou 2A).")
        return territory


class TerritoriesWidget(widgets.ManyToManyWidget):
    """Territories of any kind, separated by commas: "région:93, département:05"."""

    def __init__(self):
        super().__init__(Territory, field="code", separator=",")
        self.reader = TerritoryReader()

    def clean(self, value, row=None, **kwargs):
        parts = [part for part in str(value or "").split(",") if part.strip()]
        found, problems = [], []
        for part in parts:
            try:
                found.append(self.reader.read(part))
            except ValueError as error:
                problems.append(str(error))
        if problems:
            raise ValueError(" ".join(problems))
        return list(dict.fromkeys(found))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return EMPTY
        territories = sorted(value.all(), key=lambda t: (KIND_ORDER.index(t.kind), t.code))
        return ", ".join(territory_reference(t) for t in territories)


class DepartementWidget(widgets.ForeignKeyWidget):
    """One département: "13", "2A" or "département:13"; empty for none."""

    def __init__(self):
        super().__init__(Territory, field="code")
        self.reader = TerritoryReader(allowed=(TerritoryKind.DEPARTEMENT,))

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        return self.reader.read(text) if text else None

    def render(self, value, obj=None, **kwargs):
        return territory_reference(value) if value else EMPTY


# Other values, in words ------------------------------------------------------------------------------------------

YES = {"oui", "o", "vrai", "x", "1", "true", "yes"}
NO = {"non", "n", "faux", "0", "false", "no"}


class YesNoWidget(widgets.BooleanWidget):
    """ "oui" / "non" (also vrai / faux, 1 / 0, x); empty keeps the field's default."""

    def clean(self, value, row=None, **kwargs):
        word = simplified(value)
        if not word:
            return None
        if word in YES:
            return True
        if word in NO:
            return False
        raise ValueError(f"« {value} » : écrivez « oui » ou « non ».")

    def render(self, value, obj=None, **kwargs):
        return EMPTY if value is None else ("oui" if value else "non")


class ChoiceWidget(widgets.CharWidget):
    """A choice written in words (its French label); its code is also read."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.labels = {str(code): str(label) for code, label in choices if code is not None}
        self.codes = {simplified(code): code for code in self.labels} | {
            simplified(label): code for code, label in self.labels.items()
        }

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return EMPTY
        if text in self.labels:
            return text  # the code itself
        code = self.codes.get(simplified(text))
        if code is None:
            raise ValueError(f"« {text} » n'est pas une valeur possible : {', '.join(self.labels.values())}.")
        return code

    def render(self, value, obj=None, **kwargs):
        return self.labels.get(str(value), EMPTY if value is None else str(value))


class FrenchIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(str(value).strip() if value is not None else value, row, **kwargs)
        except (ValueError, ArithmeticError):
            raise ValueError(f"Un nombre entier est attendu, pas « {value} ».") from None


class FrenchDateWidget(widgets.DateWidget):
    """ "14/03/2027" (also 2027-03-14)."""

    def __init__(self):
        super().__init__(format="%d/%m/%Y")
        self.formats = ("%d/%m/%Y", "%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(f"Date attendue sous la forme 14/03/2027, pas « {value} ».") from None


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """An entry named by its address (slug); an unknown one is refused in French."""

    def __init__(self, model, *, what: str):
        super().__init__(model, field="slug")
        self.what = what

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return super().clean(text, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(f"{self.what} inconnue : « {text} » (son adresse, telle qu'exportée).") from None


class SlugsWidget(widgets.ManyToManyWidget):
    """Entries named by their addresses (slugs), separated by commas; an unknown one is refused in French."""

    def __init__(self, model, *, what: str):
        super().__init__(model, field="slug", separator=",")
        self.what = what

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(",") if slug.strip()]
        found = list(self.model.objects.filter(slug__in=slugs))
        unknown = [slug for slug in slugs if slug not in {obj.slug for obj in found}]
        if unknown:
            raise ValueError(f"{self.what} inconnu(s) : {', '.join(unknown)}.")
        return found


# The preview -----------------------------------------------------------------------------------------------------


def value_in_words(instance, attribute: str) -> str:
    """A field's value as the preview shows it: labels, "oui" / "non", names, dates; "" for nothing."""
    if not attribute or instance is None:
        return EMPTY
    try:
        model_field = instance._meta.get_field(attribute)
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, models.ManyToManyField):
        read = getattr(instance, "_imported_m2m", {})  # what the row gives, saved or only proposed
        if attribute in read:
            related = list(read[attribute])
        elif instance.pk is None:
            return EMPTY
        else:
            related = list(getattr(instance, attribute).all())
        if related and isinstance(related[0], Territory):
            related.sort(key=lambda t: (KIND_ORDER.index(t.kind), t.code))
            return ", ".join(territory_words(t) for t in related)
        return ", ".join(str(obj) for obj in related)
    value = getattr(instance, attribute, None)
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "oui" if value else "non"
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Territory):
        return territory_words(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y à %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, models.Model):
        return str(value)
    return strip_tags(str(value)).strip()


class FrenchDiff:
    """What a row changes, field by field, in words: a list of {"label", "old", "new"} (all fields of a new entry)."""

    def __init__(self, resource, instance, new):
        self.fields = resource.get_import_fields()
        self.new = new
        self.left = [EMPTY] * len(self.fields) if new else self._read(instance)
        self.right = list(self.left)

    def _read(self, instance):
        return [value_in_words(instance, field.attribute) for field in self.fields]

    def compare_with(self, resource, instance):
        self.right = self._read(instance) if instance is not None else [EMPTY] * len(self.fields)

    def as_html(self):
        return [
            {"label": column_label(field), "old": old, "new": new}
            for field, old, new in zip(self.fields, self.left, self.right, strict=True)
            if old != new
        ]


def column_label(field) -> str:
    name = str(field.column_name)
    return name[:1].upper() + name[1:]


class ImportProblem(Exception):
    """A whole file refused, with its French reason."""


# The resource ----------------------------------------------------------------------------------------------------

# Where a field's French name would take another column's: `adresse` is the entry's address on the site (its slug).
COLUMN_NAMES = {"address": "adresse postale", "source_url": "source (lien)"}


class EditorialResource(ProposalResourceMixin, resources.ModelResource):
    adresse = fields.Field(attribute="slug", column_name="adresse")
    organisation = fields.Field(
        attribute="owner",
        column_name="organisation",
        widget=SlugForeignKeyWidget(Organisation, what="Organisation"),
    )

    # Headers of former files, still read: {former header: column}.
    former_headers: dict[str, str] = {}

    class Meta:
        import_id_fields = ("adresse",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    # Parsing, preview and errors (French files both ways) ------------------------------------------------------

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        """A model field's column: headed by its French name, choices and yes / no in words."""
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.column_name = COLUMN_NAMES.get(field_name, str(django_field.verbose_name))
        if django_field.choices:
            field.widget = ChoiceWidget(django_field.flatchoices)
        elif isinstance(django_field, models.BooleanField):
            field.widget = YesNoWidget()
        elif isinstance(django_field, models.DateField) and not isinstance(django_field, models.DateTimeField):
            field.widget = FrenchDateWidget()
        elif isinstance(django_field, models.IntegerField):
            field.widget = FrenchIntegerWidget()
        return field

    def get_diff_class(self):
        return FrenchDiff

    def import_instance(self, instance, row, **kwargs):
        """Cells of many-valued columns (territories, themes) are checked with the others, so that their errors too
        are named by their column on their row (django-import-export only reads them when saving)."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        instance._imported_m2m = {}
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    instance._imported_m2m[field.attribute] = field.clean(row)
                except ValueError as error:
                    errors.setdefault(field.attribute, []).append(ValidationError(str(error)))
        if errors:
            raise ValidationError(errors)

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    def column_names(self) -> dict[str, str]:
        """Every header this resource reads, simplified, with the column it stands for."""
        names = {simplified(field.column_name): field.column_name for field in self.fields.values()}
        for key, field in self.fields.items():
            for alias in (key, field.attribute or ""):
                names.setdefault(simplified(alias), field.column_name)
        for former, column in self.former_headers.items():
            names.setdefault(simplified(former), column)
        return names

    def before_import(self, dataset, **kwargs):
        """French or former headers, in any case and accents, mapped to our columns; exported formulas un-escaped."""
        super().before_import(dataset, **kwargs)
        names = self.column_names()
        headers = [names.get(simplified(header), str(header or "").strip()) for header in dataset.headers or []]
        ids = [self.fields[name].column_name for name in self.get_import_id_fields()]
        missing = [column for column in ids if column not in headers]
        if missing:
            raise ValidationError(
                f"La colonne « {', '.join(missing)} » manque : gardez la première ligne du fichier exporté (les titres "
                "des colonnes)."
            )
        rows = [[unescape_formula(cell) for cell in row] for row in dataset]
        dataset.wipe()
        dataset.headers = headers
        for row in rows:
            dataset.append(row)

    def after_import(self, dataset, result, **kwargs):
        """Refused cells named by their French column, not by the attribute behind it."""
        super().after_import(dataset, result, **kwargs)
        labels = {}
        for field in self.get_import_fields():
            labels[field.attribute] = labels[field.column_name] = column_label(field)
        for row in result.invalid_rows:
            row.error_dict = {
                key if key == NON_FIELD_ERRORS else labels.get(key, self._model_label(key)): messages
                for key, messages in row.error_dict.items()
            }

    def handle_import_error(self, result, error, raise_errors=False):
        """A refused file says why in French, without the Python wrapping of the message."""
        if isinstance(error, ValidationError):
            error = ImportProblem(" ".join(error.messages))
        super().handle_import_error(result, error, raise_errors)

    def _model_label(self, name: str) -> str:
        try:
            label = str(self._meta.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name
        return label[:1].upper() + label[1:]

    # Who may import what, and how rows are saved ---------------------------------------------------------------

    def get_queryset(self):
        """Exports and updates only reach what this person may edit."""
        queryset = self._meta.model.objects.all()
        return queryset.editable_by(self.user) if self.user is not None else queryset

    def before_import_row(self, row, **kwargs):
        if self.user is not None and not self.user.is_coordinator:
            mine = Organisation.objects.of_member(self.user)
            wanted = (row.get("organisation") or "").strip()
            if wanted and not mine.filter(slug=wanted).exists():
                raise ValidationError("Vous ne pouvez importer que pour votre organisation.")
            if not wanted:
                first = mine.order_by("pk").first()
                row["organisation"] = first.slug if first else ""
        slug = (row.get("adresse") or "").strip()
        if slug and self.user is not None:
            existing = self._meta.model.objects.filter(slug=slug).first()
            if existing is not None and not existing.can_edit(self.user):
                raise ValidationError("Cette fiche est tenue par une autre organisation : ligne refusée.")

    def before_save_instance(self, instance, row, **kwargs):
        if instance._state.adding:
            instance.status = EditorialStatus.DRAFT  # imported entries are reviewed before publication

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run") and hasattr(instance, "refresh_search_text"):
            instance.refresh_search_text()
