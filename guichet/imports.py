"""CSV and spreadsheet import / export of editorial entries for partners (django-import-export), with the same rules
as the admin: an operator imports into her own organisation only, new rows arrive as drafts to be reviewed, a row
for an entry she may not edit is refused, and every row is validated like the admin form (with any error, nothing is
imported). Rows are matched on `adresse` (the slug)."""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from guichet.enums import EditorialStatus
from guichet.models import Organisation, Territory


class DepartementsWidget(widgets.ManyToManyWidget):
    """Département INSEE codes separated by commas ("13, 84"); region and national codes are not accepted."""

    def __init__(self):
        super().__init__(Territory, field="code", separator=",")

    def clean(self, value, row=None, **kwargs):
        codes = [normalise_departement(code) for code in str(value or "").split(",")]
        codes = [code for code in codes if code]
        found = list(Territory.objects.departements().filter(code__in=codes))
        unknown = sorted(set(codes) - {t.code for t in found})
        if unknown:
            raise ValueError(f"Département inconnu : {', '.join(unknown)} (codes INSEE, par exemple 13 ou 2A).")
        return found


class DepartementWidget(widgets.ForeignKeyWidget):
    """One département INSEE code ("13", "2A"); empty for none."""

    def __init__(self):
        super().__init__(Territory, field="code")

    def get_queryset(self, value, row, *args, **kwargs):
        return Territory.objects.departements()

    def clean(self, value, row=None, **kwargs):
        code = normalise_departement(str(value or ""))
        if not code:
            return None
        try:
            return self.get_queryset(value, row).get(code=code)
        except Territory.DoesNotExist:
            raise ValueError(f"Département inconnu : {code} (code INSEE, par exemple 13 ou 2A).") from None


def normalise_departement(code: str) -> str:
    code = code.strip()
    return code.upper() if code[:1].isalpha() or code[1:2].isalpha() else code


class EditorialResource(resources.ModelResource):
    adresse = fields.Field(attribute="slug", column_name="adresse")
    organisation = fields.Field(
        attribute="owner",
        column_name="organisation",
        widget=widgets.ForeignKeyWidget(Organisation, field="slug"),
    )

    class Meta:
        import_id_fields = ("adresse",)
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

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
