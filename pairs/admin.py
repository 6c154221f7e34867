import datetime

from dateutil import rrule
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from guichet import proposals
from guichet.admin import PUBLICATION_FIELDSET, TECHNICAL_FIELDSET, BaseAdmin, EditorialAdmin, EditorialInlineMixin
from pairs import attendance, services
from pairs.enums import RegistrationStatus as Status
from pairs.models import GroupSession, PeerGroup, Registration


class SessionInline(EditorialInlineMixin, admin.TabularInline):
    model = GroupSession
    extra = 1
    fields = ("starts_at", "ends_at")


class PeerGroupForm(forms.ModelForm):
    """The group, plus an optional series of sessions to add in one go (every N weeks, N times)."""

    series_start = forms.SplitDateTimeField(
        label="première séance de la série", required=False, widget=admin.widgets.AdminSplitDateTime
    )
    series_minutes = forms.IntegerField(
        label="durée d'une séance (minutes)", required=False, min_value=15, max_value=480
    )
    series_every_weeks = forms.IntegerField(label="toutes les (semaines)", required=False, min_value=1, max_value=8)
    series_count = forms.IntegerField(label="nombre de séances", required=False, min_value=1, max_value=52)

    # No Meta: the admin gives the model and the fields (its fieldsets).

    def clean(self):
        cleaned = super().clean()
        series = [
            cleaned.get(name) for name in ("series_start", "series_minutes", "series_every_weeks", "series_count")
        ]
        if any(v is not None for v in series) and not all(v is not None for v in series):
            raise forms.ValidationError(
                "Pour ajouter une série de séances, remplissez ses quatre champs (première séance, durée, rythme, "
                "nombre) ; sinon laissez-les vides."
            )
        if self.instance.pk and all(v is not None for v in series):
            # A series already waiting in the group's proposed change is not added a second time.
            rows = [GroupSession(starts_at=start, ends_at=end) for start, end in self.series()]
            try:
                proposals.check_duplicate_rows(self.instance, proposals.new_rows(rows, fk="group"))
            except forms.ValidationError as duplicate:
                self.add_error("series_start", duplicate.messages)
        return cleaned

    def series(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The series asked for, in local wall-clock time on both sides of daylight-saving changes."""
        data = self.cleaned_data
        if not data.get("series_start"):
            return []
        zone = timezone.get_default_timezone()
        first = timezone.localtime(data["series_start"], zone).replace(tzinfo=None)
        rule = rrule.rrule(rrule.WEEKLY, dtstart=first, interval=data["series_every_weeks"], count=data["series_count"])
        duration = datetime.timedelta(minutes=data["series_minutes"])
        return [(timezone.make_aware(start, zone), timezone.make_aware(start + duration, zone)) for start in rule]


@admin.register(PeerGroup)
class PeerGroupAdmin(EditorialAdmin):
    form = PeerGroupForm
    list_display = ("name", "city", "places", "sheet")
    search_fields = ("name", "summary", "city")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organiser",)
    filter_horizontal = ("themes", "phases", "audiences")
    inlines = [SessionInline]
    fieldsets = [
        ("L'essentiel", {"fields": ("name", "summary", "format")}),
        ("Inscriptions", {"fields": ("capacity", "is_open", "charter")}),
        (
            "Ajouter une série de séances",
            {
                "fields": ("series_start", "series_minutes", "series_every_weeks", "series_count"),
                "description": "Par exemple : toutes les 2 semaines, 12 séances. Chaque séance reste modifiable "
                "en bas de la page.",
            },
        ),
        (
            "Où",
            {
                "fields": (
                    "place_name",
                    "address",
                    "postal_code",
                    "city",
                    "departement",
                    "accessibility",
                    "access_details",
                )
            },
        ),
        (
            "Qui anime, qui organise",
            {"fields": ("facilitator_name", "facilitator_role", "organiser", "organiser_name")},
        ),
        ("Présentation", {"fields": ("description",)}),
        (
            "Pour qui",
            {
                "fields": ("themes", "phases", "audiences"),
                "description": "Laissez vide pour « tout le monde » : toutes les phases, tous les statuts.",
            },
        ),
        PUBLICATION_FIELDSET,
        TECHNICAL_FIELDSET,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
                pending_count=Count("registrations", filter=Q(registrations__status=Status.PENDING)),
                waiting_count=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
            )
        )

    def get_list_filter(self, request):
        return ("format", "departement", "is_demo", *super().get_list_filter(request))

    @admin.display(description="inscriptions", ordering="confirmed_count")
    def places(self, obj):
        """Confirmed out of the capacity, then those to confirm and the waiting list, each a link to the list."""
        return format_html(
            "{} / {} confirmées<br><small>{} à confirmer · {} en attente</small>",
            self.confirmed(obj),
            obj.capacity,
            self.pending(obj),
            self.waiting(obj),
        )

    @admin.display(description="confirmées", ordering="confirmed_count")
    def confirmed(self, obj):
        return self._registrations_link(obj, Status.CONFIRMED, obj.confirmed_count)

    @admin.display(description="à confirmer", ordering="pending_count")
    def pending(self, obj):
        return self._registrations_link(obj, Status.PENDING, obj.pending_count)

    @admin.display(description="liste d'attente", ordering="waiting_count")
    def waiting(self, obj):
        return self._registrations_link(obj, Status.WAITING, obj.waiting_count)

    def _registrations_link(self, obj, status, count):
        url = reverse("admin:pairs_registration_changelist")
        return format_html('<a href="{}?group={}&amp;status__exact={}">{}</a>', url, obj.pk, status, count)

    @admin.display(description="émargement")
    def sheet(self, obj):
        url = reverse("admin:pairs_peergroup_attendance", args=[obj.pk])
        return format_html('<a href="{}">feuille</a> · <a href="{}.csv">CSV</a>', url, url.rstrip("/"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        group = form.instance
        existing = set(group.sessions.values_list("starts_at", flat=True))
        new = [GroupSession(group=group, starts_at=s, ends_at=e) for s, e in form.series() if s not in existing]
        if new and getattr(group, "_proposing", False):
            # A published group's new series waits in its proposed change, like any other edit (guichet.proposals).
            group._proposal = proposals.propose(group, by=request.user, inlines=proposals.new_rows(new, fk="group"))
            new = []
        GroupSession.objects.bulk_create(new)
        if new:
            self.message_user(request, f"{len(new)} séance(s) ajoutée(s).", messages.SUCCESS)
        group.refresh_search_text()

    # Attendance sheet.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/emargement/", view(self.attendance_view), name="pairs_peergroup_attendance"),
            path("<int:pk>/emargement.csv", view(self.attendance_csv), name="pairs_peergroup_attendance_csv"),
            *super().get_urls(),
        ]

    def _group_or_403(self, request, pk):
        group = get_object_or_404(PeerGroup, pk=pk)
        if not group.can_edit(request.user):
            raise PermissionDenied
        return group

    def attendance_view(self, request, pk):
        group = self._group_or_403(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "group": group,
            "sessions": list(group.sessions.all()),
            "participants": attendance.participants(group),
            "title": f"Feuille d'émargement — {group.name}",
        }
        return TemplateResponse(request, "admin/pairs/attendance.html", context)

    def attendance_csv(self, request, pk):
        group = self._group_or_403(request, pk)
        response = HttpResponse(attendance.as_csv(group), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="emargement-{group.slug}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response


class VisibleGroupFilter(admin.SimpleListFilter):
    """Only the groups this person may see (an operator never sees another organisation's group names)."""

    title = "groupe"
    parameter_name = "group"

    def lookups(self, request, model_admin):
        return list(PeerGroup.objects.editable_by(request.user).order_by("name").values_list("pk", "name"))

    def queryset(self, request, queryset):
        return queryset.filter(group_id=self.value()) if self.value() else queryset


class RegistrationAddForm(forms.ModelForm):
    """Signing someone up for her (on the phone, at a stand): the same e-mails as on the site."""

    consent = forms.BooleanField(
        label="Elle a donné son accord",
        help_text="Elle accepte que son inscription, qui révèle une information sur sa santé, soit enregistrée.",
        error_messages={"required": "Sans son accord, l'inscription ne peut pas être enregistrée."},
    )

    class Meta:
        model = Registration
        fields = ("group", "first_name", "email", "phone", "expectations")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "email"):
            self.fields[name].required = True


class MoveForm(forms.Form):
    group = forms.ModelChoiceField(queryset=PeerGroup.objects.none(), label="Vers le groupe")


@admin.register(Registration)
class RegistrationAdmin(BaseAdmin):
    add_title = "Ajouter une inscription"
    list_display = ("__str__", "group", "status", "position", "created_at", "hold_expires_at", "confirmed_at")
    list_filter = ("status", VisibleGroupFilter)
    list_select_related = ("group",)
    search_fields = ("first_name", "email")
    actions = ["confirm_selected", "cancel_selected", "move_selected"]
    readonly_fields = (
        "group",
        "status",
        "created_at",
        "hold_expires_at",
        "waitlisted_at",
        "confirmed_at",
        "cancelled_at",
        "consented_at",
        "added_by",
        "anonymised_at",
    )
    fieldsets = [
        (None, {"fields": ("group", "status", "first_name", "email", "phone", "expectations")}),
        (
            "Dates",
            {
                "fields": (
                    "created_at",
                    "consented_at",
                    "hold_expires_at",
                    "waitlisted_at",
                    "confirmed_at",
                    "cancelled_at",
                    "added_by",
                    "anonymised_at",
                )
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user).with_waiting_position()

    def has_module_permission(self, request):
        return request.user.is_active and (request.user.is_coordinator or request.user.is_operator)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return obj.group.can_edit(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return self.has_module_permission(request) and PeerGroup.objects.editable_by(request.user).exists()

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_coordinator

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = RegistrationAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ("group", "first_name", "email", "phone", "expectations", "consent")})]
        return self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "group":
            kwargs["queryset"] = PeerGroup.objects.editable_by(request.user).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        registration = services.sign_up(
            form.cleaned_data["group"],
            first_name=obj.first_name,
            email=obj.email,
            phone=obj.phone,
            expectations=obj.expectations,
            added_by=request.user,
        )
        # The admin goes on with the registration the service created (or the one that already existed).
        obj.pk = registration.pk
        obj.__dict__.update({k: v for k, v in registration.__dict__.items() if not k.startswith("_")})

    @admin.display(description="position")
    def position(self, obj):
        return obj.waiting_position or ""

    def _editable(self, request, queryset):
        return [r for r in queryset.select_related("group") if r.group.can_edit(request.user)]

    @admin.action(description="Confirmer pour elle (elle a confirmé autrement)")
    def confirm_selected(self, request, queryset):
        results = [services.confirm(r) for r in self._editable(request, queryset)]
        done = sum(1 for r in results if r == services.Outcome.CONFIRMED)
        self.message_user(request, f"{done} inscription(s) confirmée(s) ; e-mail de confirmation envoyé.")
        if done < len(results):
            self.message_user(
                request, f"{len(results) - done} autre(s) n'étai(en)t pas en attente de confirmation.", messages.WARNING
            )

    @admin.action(description="Annuler l'inscription (e-mail, place proposée à la liste d'attente)")
    def cancel_selected(self, request, queryset):
        results = [services.cancel(r) for r in self._editable(request, queryset)]
        done = sum(1 for r in results if r == services.Outcome.CANCELLED)
        self.message_user(request, f"{done} inscription(s) annulée(s).")

    @admin.action(description="Déplacer vers un autre groupe")
    def move_selected(self, request, queryset):
        registrations = [
            r
            for r in self._editable(request, queryset)
            if r.status in (Status.PENDING, Status.CONFIRMED, Status.WAITING)
        ]
        form = MoveForm(request.POST if "apply" in request.POST else None)
        form.fields["group"].queryset = PeerGroup.objects.editable_by(request.user).published().order_by("name")
        if "apply" in request.POST and form.is_valid():
            target = form.cleaned_data["group"]
            moved = [
                services.move(r, to_group=target, by=request.user) for r in registrations if r.group_id != target.pk
            ]
            self.message_user(request, f"{len(moved)} inscription(s) déplacée(s) vers « {target} ».")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Déplacer des inscriptions",
            "registrations": registrations,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return render(request, "admin/pairs/move.html", context)
