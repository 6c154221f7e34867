from django.contrib import admin

from guichet.admin import EditorialAdmin, EditorialInlineMixin
from ressources.models import Aid, InspiringContent, Sheet, SheetQuestion

RESOURCE_FIELDS = ("title", "slug", "summary")
AUDIENCE_FIELDSET = (
    "Qui est concernée (conditions que le site vérifie)",
    {
        "fields": ("themes", "phases", "statuses", "territories"),
        "description": "Laissez vide pour « tout le monde » : toutes les phases, tous les statuts, toute la France.",
    },
)
PUBLICATION_FIELDSET = ("Publication", {"fields": ("owner", "status", "source_url", "is_demo")})
TRACKING_FIELDSET = ("Suivi", {"fields": ("created_at", "updated_at", "reviewed_at")})


class ResourceAdmin(EditorialAdmin):
    list_display = ("title",)
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("themes", "phases", "statuses")
    autocomplete_fields = ("territories",)

    def get_list_filter(self, request):
        return ("themes", "phases", "statuses", *super().get_list_filter(request))


class SheetQuestionInline(EditorialInlineMixin, admin.TabularInline):
    model = SheetQuestion
    extra = 1
    fields = ("question", "answer", "position")


@admin.register(Sheet)
class SheetAdmin(ResourceAdmin):
    inlines = [SheetQuestionInline]
    fieldsets = [
        (None, {"fields": (*RESOURCE_FIELDS, "body")}),
        AUDIENCE_FIELDSET,
        PUBLICATION_FIELDSET,
        TRACKING_FIELDSET,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The questions are part of what the search finds.
        form.instance.refresh_search_text()


@admin.register(Aid)
class AidAdmin(ResourceAdmin):
    list_display = ("title", "amount_year", "to_verify")
    fieldsets = [
        (None, {"fields": (*RESOURCE_FIELDS, "benefit", "audience", "conditions")}),
        ("Montant", {"fields": ("amount", "amount_year")}),
        ("Demande", {"fields": ("how_to_apply", "apply_organisation", "apply_url", "apply_phone")}),
        ("Fiabilité", {"fields": ("to_verify", "to_verify_note")}),
        AUDIENCE_FIELDSET,
        (
            "Conditions vérifiées par le questionnaire",
            {"fields": ("requires_twelve_months", "requires_paid_mandate")},
        ),
        PUBLICATION_FIELDSET,
        TRACKING_FIELDSET,
    ]

    def get_list_filter(self, request):
        return ("to_verify", *super().get_list_filter(request))


@admin.register(InspiringContent)
class InspiringContentAdmin(ResourceAdmin):
    list_display = ("title", "format")
    fieldsets = [
        (None, {"fields": (*RESOURCE_FIELDS, "format", "author", "publisher", "link")}),
        ("Longueur", {"fields": ("duration_minutes", "pages")}),
        ("Texte", {"fields": ("transcript",)}),
        AUDIENCE_FIELDSET,
        PUBLICATION_FIELDSET,
        TRACKING_FIELDSET,
    ]

    def get_list_filter(self, request):
        return ("format", *super().get_list_filter(request))
