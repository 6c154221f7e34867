"""CSV and spreadsheet import / export of structures for partners (django-import-export).

Rows are matched on `adresse` (the slug). An operator imports into her own organisation only, new rows arrive as
drafts to be reviewed, and a row for a structure she may not edit is refused. Every row is validated like the admin
form; with any error, nothing is imported.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from annuaire.models import Structure
from guichet.models import Organisation, Territory


class DepartementsWidget(widgets.ManyToManyWidget):
    """Département INSEE codes separated by commas ("13, 84"); region and national codes are not accepted."""

    def __init__(self):
        super().__init__(Territory, field="code", separator=",")

    def clean(self, value, row=None, **kwargs):
        codes = [
            code.strip().upper() if code.strip()[:1].isalpha() else code.strip() for code in str(value or "").split(",")
        ]
        codes = [code for code in codes if code]
        found = list(Territory.objects.departements().filter(code__in=codes))
        unknown = sorted(set(codes) - {t.code for t in found})
        if unknown:
            raise ValueError(f"Département inconnu : {', '.join(unknown)} (codes INSEE, par exemple 13 ou 2A).")
        return found


class StructureResource(resources.ModelResource):
    adresse = fields.Field(attribute="slug", column_name="adresse")
    departements = fields.Field(attribute="territories", column_name="departements", widget=DepartementsWidget())
    organisation = fields.Field(
        attribute="owner",
        column_name="organisation",
        widget=widgets.ForeignKeyWidget(Organisation, field="slug"),
    )

    class Meta:
        model = Structure
        import_id_fields = ("adresse",)
        fields = (
            "adresse",
            "organisation",
            "kind",
            "category",
            "name",
            "summary",
            "description",
            "audience",
            "is_free",
            "is_paid",
            "by_appointment",
            "on_referral",
            "membership",
            "access_note",
            "departements",
            "address",
            "postal_code",
            "city",
            "phone",
            "email",
            "website",
            "opening_hours",
            "wheelchair",
            "languages",
            "platforms",
            "cost",
            "publisher",
            "source_url",
        )
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user

    def get_queryset(self):
        """Exports and updates only reach what this person may edit."""
        queryset = Structure.objects.all()
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
            existing = Structure.objects.filter(slug=slug).first()
            if existing is not None and not existing.can_edit(self.user):
                raise ValidationError("Cette structure est tenue par une autre organisation : ligne refusée.")

    def before_save_instance(self, instance, row, **kwargs):
        if instance._state.adding:
            instance.status = "brouillon"  # imported entries are reviewed before publication

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run"):
            instance.refresh_search_text()
