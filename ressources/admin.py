from django.contrib import admin
from django.forms.models import BaseInlineFormSet

from guichet.admin import PUBLICATION_FIELDSET, TECHNICAL_FIELDSET, EditorialAdmin, EditorialInlineMixin
from ressources.models import Aid, AidCriterion, InspiringContent, Sheet, SheetQuestion, criteria_contradictions

RESOURCE_FIELDS = ("title", "summary")
AUDIENCE_FIELDSET = (
    "Qui est concernée (conditions que le site vérifie)",
    {
        "fields": ("themes", "phases", "statuses", "territories"),
        "description": "Laissez vide pour « tout le monde » : toutes les phases, tous les statuts, toute la France.",
    },
)


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
    add_title = "Ajouter une fiche d'information"
    inlines = [SheetQuestionInline]
    fieldsets = [
        ("L'essentiel", {"fields": (*RESOURCE_FIELDS, "body")}),
        AUDIENCE_FIELDSET,
        PUBLICATION_FIELDSET,
        TECHNICAL_FIELDSET,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The questions are part of what the search finds.
        form.instance.refresh_search_text()


class AidCriterionFormSet(BaseInlineFormSet):
    """Each criterion is validated by its model (`AidCriterion.clean`); here, the criteria together against the
    statuts the aid targets (`criteria_contradictions`), with the error next to the condition concerned."""

    def clean(self):
        super().clean()
        statuses = getattr(self.instance, "pending_statuses", None)
        if statuses is None:
            statuses = [tag.code for tag in self.instance.statuses.all()] if self.instance.pk else []
        forms = [f for f in self.forms if f.cleaned_data.get("kind") and not f.cleaned_data.get("DELETE")]
        kinds = [f.cleaned_data["kind"] for f in forms]
        for message in criteria_contradictions(kinds, statuses):
            for form in forms:
                if form.cleaned_data["kind"] in message.kinds:
                    form.add_error("kind", str(message))


class AidCriterionInline(EditorialInlineMixin, admin.StackedInline):
    model = AidCriterion
    formset = AidCriterionFormSet
    extra = 0
    fields = ("kind", "met_text", "check_text", "not_met_text", "position")
    verbose_name_plural = "conditions évaluées pour chaque visiteuse (« pourquoi » et « à vérifier »)"


@admin.register(Aid)
class AidAdmin(ResourceAdmin):
    add_title = "Ajouter une aide ou un dispositif"
    list_display = ("title", "amount_year", "to_verify")
    inlines = [AidCriterionInline]
    fieldsets = [
        ("L'essentiel", {"fields": (*RESOURCE_FIELDS, "benefit", "amount", "amount_year")}),
        (
            "Comment la demander",
            {"fields": ("how_to_apply", "apply_organisation", "apply_url", "apply_phone", "paper_form")},
        ),
        ("Qui y a droit", {"fields": ("audience", "conditions")}),
        AUDIENCE_FIELDSET,
        (
            "Pour qui et quand (« Mon parcours »)",
            {
                "fields": ("beneficiary", "essential_phases", "reason"),
                "description": "Une aide essentielle dans une phase passe avant les autres et n'est jamais coupée. "
                "Les conditions détaillées sont plus bas.",
            },
        ),
        ("Fiabilité", {"fields": ("to_verify", "to_verify_note")}),
        PUBLICATION_FIELDSET,
        TECHNICAL_FIELDSET,
    ]

    def get_list_filter(self, request):
        return ("to_verify", "beneficiary", *super().get_list_filter(request))

    def save_form(self, request, form, change):
        aid = super().save_form(request, form, change)
        # The criteria (inline) are checked against the statuts chosen in this same form, not yet saved.
        aid.pending_statuses = [tag.code for tag in form.cleaned_data.get("statuses", [])]
        return aid


@admin.register(InspiringContent)
class InspiringContentAdmin(ResourceAdmin):
    list_display = ("title", "format")
    fieldsets = [
        ("L'essentiel", {"fields": (*RESOURCE_FIELDS, "format", "link", "author", "publisher")}),
        ("Longueur", {"fields": ("duration_minutes", "pages")}),
        ("Texte", {"fields": ("transcript",)}),
        AUDIENCE_FIELDSET,
        PUBLICATION_FIELDSET,
        TECHNICAL_FIELDSET,
    ]

    def get_list_filter(self, request):
        return ("format", *super().get_list_filter(request))
