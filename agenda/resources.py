"""CSV and spreadsheet import / export of events (rules in guichet.imports). Dates and times are local (Paris)."""

from django.utils import timezone
from import_export import fields, widgets

from agenda.models import Event
from guichet.imports import DepartementWidget, EditorialResource, SlugForeignKeyWidget, SlugsWidget
from guichet.models import Theme, organiser_model

DATETIME_FORMAT = "%d/%m/%Y %H:%M"


class LocalDateTimeWidget(widgets.DateTimeWidget):
    """ "14/03/2027 14:00", Paris time, both ways."""

    def __init__(self):
        super().__init__(format=DATETIME_FORMAT)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(f"Date et heure attendues sous la forme 14/03/2027 14:00, pas « {value} ».") from None

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).strftime(DATETIME_FORMAT) if value else ""


class EventResource(EditorialResource):
    organisateur = fields.Field(
        attribute="organiser",
        column_name="organisateur",
        widget=SlugForeignKeyWidget(organiser_model(), what="Structure"),
    )
    departement = fields.Field(attribute="departement", column_name="département", widget=DepartementWidget())
    themes = fields.Field(attribute="themes", column_name="thèmes", widget=SlugsWidget(Theme, what="Thème"))
    debut = fields.Field(attribute="starts_at", column_name="début", widget=LocalDateTimeWidget())
    fin = fields.Field(attribute="ends_at", column_name="fin", widget=LocalDateTimeWidget())

    class Meta(EditorialResource.Meta):
        model = Event
        fields = (
            "adresse",
            "organisation",
            "title",
            "kind",
            "summary",
            "description",
            "organisateur",
            "organiser_name",
            "themes",
            "mode",
            "place_name",
            "address",
            "postal_code",
            "city",
            "departement",
            "online_url",
            "accessibility",
            "debut",
            "fin",
            "repeat",
            "repeat_interval",
            "repeat_until",
            "is_free",
            "price_note",
            "registration",
            "registration_url",
            "registration_phone",
            "source_url",
        )
