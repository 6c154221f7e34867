from django.contrib import admin

from guichet.admin import CoordinatorAdmin
from onboarding.models import FirstStep


@admin.register(FirstStep)
class FirstStepAdmin(CoordinatorAdmin):
    add_title = "Ajouter une première démarche"
    """ "Par où commencer": the first steps of "Mon parcours", by statut, phase and answer (onboarding/RULES.md)."""

    list_display = ("title", "position", "is_active", "paid_mandate", "twelve_months")
    list_filter = ("is_active", "phases", "statuses")
    search_fields = ("title", "text", "slug")
    filter_horizontal = ("statuses", "phases")
    autocomplete_fields = ("aid", "sheet")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ("title", "slug", "text", "position", "is_active")}),
        ("Pour qui", {"fields": ("statuses", "phases", "paid_mandate", "twelve_months")}),
        ("Lien (un seul)", {"fields": ("aid", "sheet", "url")}),
        ("Source", {"fields": ("source_url",)}),
    ]
