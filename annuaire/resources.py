"""CSV and spreadsheet import / export of structures for partners (rules in guichet.imports)."""

from import_export import fields

from annuaire.models import Structure
from guichet.imports import EditorialResource, TerritoriesWidget


class StructureResource(EditorialResource):
    territoires = fields.Field(attribute="territories", column_name="territoires", widget=TerritoriesWidget())

    former_headers = {"departements": "territoires"}

    class Meta(EditorialResource.Meta):
        model = Structure
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
            "territoires",
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
