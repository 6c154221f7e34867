from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from agenda.models import Event, Occurrence
from agenda.resources import EventResource
from guichet.admin import (
    PUBLICATION_FIELDSET,
    TECHNICAL_FIELDSET,
    EditorialAdmin,
    EditorialImportExportMixin,
    EditorialInlineMixin,
)
from guichet.enums import EditorialStatus
from guichet.models import StatusChange
from guichet.spreadsheets import SpreadsheetAdminMixin


class OccurrenceForm(forms.ModelForm):
    class Meta:
        model = Occurrence
        fields = ("starts_at", "ends_at", "is_cancelled", "note")

    def save(self, commit=True):
        # New times for this date only: the rule will keep them when the event is edited.
        if {"starts_at", "ends_at"} & set(self.changed_data):
            self.instance.is_moved = True
        return super().save(commit)


class OccurrenceInline(EditorialInlineMixin, admin.TabularInline):
    """The next dates, each of which can be cancelled or moved without touching the others."""

    model = Occurrence
    form = OccurrenceForm
    extra = 0
    max_num = 0  # dates come from the event and its repetition, never added by hand
    can_delete = False
    fields = ("starts_at", "ends_at", "is_cancelled", "is_moved", "note")
    readonly_fields = ("is_moved",)
    verbose_name_plural = "prochaines dates (annuler ou déplacer une date sans toucher aux autres)"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(ends_at__gt=timezone.now())


@admin.register(Event)
class EventAdmin(SpreadsheetAdminMixin, EditorialImportExportMixin, EditorialAdmin):
    list_display = ("title", "when", "city")
    list_select_related = ("owner", "departement")
    search_fields = ("title", "summary", "city", "place_name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organiser", "peer_group")
    filter_horizontal = ("themes", "phases", "audiences")
    date_hierarchy = "starts_at"
    inlines = [OccurrenceInline]
    resource_classes = [EventResource]
    actions = [*EditorialAdmin.actions, "duplicate"]
    fieldsets = [
        ("L'essentiel", {"fields": ("title", "summary", "kind")}),
        (
            "Quand (heure de Paris)",
            {
                "fields": ("starts_at", "ends_at", "repeat", "repeat_interval", "repeat_until"),
                "description": "Pour une permanence qui revient, indiquez la première date et la répétition : "
                "les dates suivantes s'affichent seules, et chacune peut ensuite être annulée ou déplacée.",
            },
        ),
        (
            "Où",
            {
                "fields": (
                    "mode",
                    "place_name",
                    "address",
                    "postal_code",
                    "city",
                    "departement",
                    "accessibility",
                    "online_url",
                )
            },
        ),
        (
            "Inscription et prix",
            {
                "fields": (
                    "registration",
                    "registration_url",
                    "registration_phone",
                    "is_free",
                    "price_note",
                    "peer_group",
                )
            },
        ),
        ("Présentation", {"fields": ("description",)}),
        (
            "Pour qui",
            {
                "fields": ("themes", "phases", "audiences"),
                "description": "Laissez vide pour « tout le monde » : toutes les phases, tous les statuts.",
            },
        ),
        ("Organisateur", {"fields": ("organiser", "organiser_name")}),
        PUBLICATION_FIELDSET,
        TECHNICAL_FIELDSET,
    ]

    @admin.display(description="quand", ordering="starts_at")
    def when(self, obj):
        start = timezone.localtime(obj.starts_at).strftime("%d/%m/%Y %H:%M")
        if not obj.repeat:
            return start
        return format_html("{}<br><small>{}</small>", start, obj.get_repeat_display())

    def get_list_filter(self, request):
        return ("kind", "mode", "departement", "is_demo", *super().get_list_filter(request))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_text()

    @admin.action(description="Dupliquer (une copie en brouillon)")
    def duplicate(self, request, queryset):
        copies = [duplicate_event(event, by=request.user) for event in queryset if event.can_edit(request.user)]
        if len(copies) == 1:
            self.message_user(request, "Copie créée en brouillon : changez ses dates.", messages.SUCCESS)
            return redirect("admin:agenda_event_change", copies[0].pk)
        self.message_user(request, f"{len(copies)} copie(s) créée(s) en brouillon.", messages.SUCCESS)
        return None


def duplicate_event(event, *, by) -> Event:
    """A draft copy of an event with its themes, phases and audiences (a new series of dates, nothing cancelled)."""
    themes, phases, audiences = list(event.themes.all()), list(event.phases.all()), list(event.audiences.all())
    base = f"{event.slug[:180]}-copie"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    with transaction.atomic():
        copy = Event.objects.get(pk=event.pk)
        copy.pk = copy.id = None
        copy._state.adding = True
        copy.slug = slug
        copy.title = f"{event.title} (copie)"[:200]
        copy.status = EditorialStatus.DRAFT
        copy.reviewed_at = None
        copy.uid = Event._meta.get_field("uid").get_default()
        copy.save()
        copy.themes.set(themes)
        copy.phases.set(phases)
        copy.audiences.set(audiences)
        StatusChange.record(
            copy,
            by=by,
            from_status=EditorialStatus.DRAFT,
            to_status=EditorialStatus.DRAFT,
            note=f"Copie de « {event.title} ».",
        )
    return copy
