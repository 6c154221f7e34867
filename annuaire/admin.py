from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from annuaire import services
from annuaire.hours_form import OpeningHoursField
from annuaire.models import ContactRequest, ContactRequestMessage, Service, Structure
from annuaire.resources import StructureResource
from guichet.admin import (
    TECHNICAL_FIELDSET,
    CoordinatorAdmin,
    EditorialAdmin,
    EditorialImportExportMixin,
    EditorialInlineMixin,
    RolePermissionsMixin,
    publication_fieldset,
)
from guichet.answers import Answers
from guichet.answers import summary as answers_summary
from guichet.spreadsheets import SpreadsheetAdminMixin


class ServiceInline(EditorialInlineMixin, admin.StackedInline):
    model = Service
    extra = 1
    fields = ("name", "description", "themes", "phases", "position")
    filter_horizontal = ("themes", "phases")


@admin.register(Structure)
class StructureAdmin(SpreadsheetAdminMixin, EditorialImportExportMixin, EditorialAdmin):
    add_title = "Ajouter une structure ou application"
    list_display = ("name", "category", "city")
    search_fields = ("name", "summary", "city")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("territories",)
    inlines = [ServiceInline]
    resource_classes = [StructureResource]

    fieldsets = [
        ("L'essentiel", {"fields": ("name", "summary", "kind", "category")}),
        (
            "Horaires et contact",
            {"fields": ("opening_hours", "phone", "email", "website", "address", "postal_code", "city")},
        ),
        (
            "Ce qu'elle propose, à qui",
            {"fields": ("description", "audience", "territories")},
        ),
        (
            "Accès",
            {
                "fields": (
                    "is_free",
                    "is_paid",
                    "by_appointment",
                    "on_referral",
                    "membership",
                    "access_note",
                    "wheelchair",
                    "languages",
                )
            },
        ),
        ("Applications et services en ligne", {"fields": ("platforms", "cost", "publisher", "health_validation")}),
        publication_fieldset("organisation"),
        TECHNICAL_FIELDSET,
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "opening_hours":  # a day-by-day table rather than OpenStreetMap code
            return OpeningHoursField(label="Horaires", help_text="Ils s'affichent en français sur la fiche publique.")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_filter(self, request):
        return ("kind", "category", "is_free", *super().get_list_filter(request))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_text()


class AddedMessageInline(RolePermissionsMixin, admin.TabularInline):
    """What she added from her private page (issue 18, point 2): read only, for whoever sees the request."""

    model = ContactRequestMessage
    fields = ("created_at", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContactRequest)
class ContactRequestAdmin(CoordinatorAdmin):
    add_title = "Ajouter une demande de mise en relation"
    """The coordinator's queue. Operators never see it: what she wrote concerns her health."""

    inlines = [AddedMessageInline]

    list_display = ("__str__", "created_at", "state", "structure", "oriented_to", "promised_by", "promise")
    list_filter = ("state",)
    list_select_related = ("structure", "oriented_to")
    autocomplete_fields = ("oriented_to",)
    readonly_fields = (
        "structure",
        "message",
        "phase",
        "professional_status",
        "contact_method",
        "phone",
        "email",
        "preferred_times",
        "consented_at",
        "share_with_structure",
        "answers",
        "created_at",
        "first_contact_at",
        "closed_at",
        "reminded_at",
        "escalated_at",
        "anonymised_at",
    )
    fieldsets = [
        (
            "Sa demande",
            {
                "fields": (
                    "structure",
                    "message",
                    "phase",
                    "professional_status",
                    "answers",
                    "consented_at",
                    "share_with_structure",
                )
            },
        ),
        ("La recontacter", {"fields": ("contact_method", "phone", "email", "preferred_times")}),
        ("Suivi", {"fields": ("state", "oriented_to", "closing_reason", "refusal_reason", "internal_notes")}),
        (
            "Dates",
            {"fields": ("created_at", "first_contact_at", "closed_at", "reminded_at", "escalated_at", "anonymised_at")},
        ),
    ]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        """Through the service, never here: the first contact, her e-mails and the structure's (annuaire.services)."""
        for done in services.save_contact_request(obj):
            self.message_user(request, done)

    @admin.display(description="ses réponses au questionnaire")
    def answers(self, obj):
        rows = answers_summary(Answers.from_dict(obj.questionnaire_answers))
        if not rows:
            return "Non jointes."
        return format_html_join(mark_safe("<br>"), "{} : {}", rows)

    @admin.display(description="rappel promis le")
    def promised_by(self, obj):
        return obj.promised_by

    @admin.display(description="délai tenu", boolean=True)
    def promise(self, obj):
        return obj.promise_kept
