"""The back office. `EditorialAdmin` is the one base every editorial model's admin inherits: it enforces who sees
and edits what (the rules live on the model: `editable_by`, `can_edit`, `allowed_statuses`)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from js_asset import Media as JsMedia
from simple_history.admin import SimpleHistoryAdmin

from guichet import invitations, review
from guichet.enums import EditorialStatus, Role
from guichet.models import (
    Announcement,
    ErrorReport,
    Organisation,
    PhaseTag,
    StatusChange,
    StatusTag,
    Territory,
    Theme,
    User,
)
from guichet.models.editorial import review_cutoff


def _is_coordinator(request) -> bool:
    return request.user.is_active and request.user.is_coordinator


def _is_administrator(request) -> bool:
    return request.user.is_active and request.user.role == Role.ADMINISTRATOR


# The rich-text editor (Tiptap, in django-prose-editor) injects one fixed <style> element; its hash lets that one
# style through on admin forms and nothing else. A new editor version changes the hash: the browser test then fails.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class BaseAdmin(admin.ModelAdmin):
    save_on_top = True
    # Links typed without a scheme ("ameli.fr/...") are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def render_change_form(self, request, context, *args, **kwargs):
        # Inline scripts of form media (the rich-text editor's import map) carry the CSP nonce of the request.
        if "media" in context and hasattr(request, "csp_nonce"):
            context["media"] = JsMedia.from_media(context["media"], nonce=request.csp_nonce)
        response = super().render_change_form(request, context, *args, **kwargs)
        response._csp_update = {"style-src": [EDITOR_STYLE_HASH]}
        return response


class RolePermissionsMixin:
    """Admin permissions from two rules: who may look (`may_view`) and who may change (`may_change`)."""

    may_view = staticmethod(_is_coordinator)
    may_change = staticmethod(_is_coordinator)

    def has_module_permission(self, request):
        return self.may_view(request)

    def has_view_permission(self, request, obj=None):
        return self.may_view(request)

    def has_add_permission(self, request):
        return self.may_change(request)

    def has_change_permission(self, request, obj=None):
        return self.may_change(request)

    def has_delete_permission(self, request, obj=None):
        return self.may_change(request)


class CoordinatorAdmin(RolePermissionsMixin, BaseAdmin):
    """Models the coordinator and administrators manage; operators do not see them."""


class AdministratorAdmin(RolePermissionsMixin, BaseAdmin):
    """Models only administrators change; the coordinator may look."""

    may_change = staticmethod(_is_administrator)


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "fraîcheur"
    parameter_name = "fraicheur"

    def lookups(self, request, model_admin):
        return [("a-actualiser", "À actualiser (jamais vérifié, ou pas depuis 6 mois)")]

    def queryset(self, request, queryset):
        if self.value() == "a-actualiser":
            return queryset.needs_review()
        return queryset


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="Votre commentaire pour l'opératrice",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={"required": "Dites ce qu'il faut revoir : l'opératrice le reçoit par e-mail."},
    )


class EditorialAdmin(SimpleHistoryAdmin, BaseAdmin):
    """Base admin for every editorial model (owner, status, freshness).

    - operators see and edit only their organisations' entries, may only move them between brouillon and à relire,
      and cannot give an entry to another organisation;
    - the coordinator and administrators see everything and publish.
    """

    change_form_template = "admin/guichet/editorial_change_form.html"
    list_display_editorial = ("status", "owner", "freshness", "updated_at")
    list_filter = ("status", NeedsReviewFilter, "owner")
    list_select_related = ("owner",)
    readonly_fields = ("created_at", "updated_at", "reviewed_at")
    actions = [
        "submit_for_review",
        "back_to_draft",
        "send_back",
        "publish",
        "archive",
        "confirm_up_to_date",
    ]

    def get_list_display(self, request):
        return tuple(super().get_list_display(request)) + self.list_display_editorial

    @admin.display(description="vérification", ordering="reviewed_at")
    def freshness(self, obj):
        if obj.reviewed_at is None:
            return format_html("<strong>{}</strong>", "À actualiser (jamais vérifié)")
        if obj.reviewed_at < review_cutoff():
            return format_html(
                "<strong>À actualiser</strong> (vérifié le {})",
                timezone.localtime(obj.reviewed_at).strftime("%d/%m/%Y"),
            )
        return f"Vérifié le {timezone.localtime(obj.reviewed_at):%d/%m/%Y}"

    # Who sees what.

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def has_module_permission(self, request):
        return request.user.is_active and (request.user.is_coordinator or request.user.is_operator)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.has_module_permission(request)
        return obj.can_edit(request.user)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        user = request.user
        if user.is_active and user.is_coordinator:
            return True
        return user.is_active and user.is_operator and user.organisations.exists()

    def has_delete_permission(self, request, obj=None):
        # Operators archive through the coordinator; only she deletes.
        return _is_coordinator(request)

    # What the form lets her do.

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.allowed_statuses(request.user):
            readonly.append("status")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner" and not request.user.is_coordinator:
            kwargs["queryset"] = Organisation.objects.of_member(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        field = super().formfield_for_choice_field(db_field, request, **kwargs)
        if db_field.name == "status" and not request.user.is_coordinator:
            field.choices = [
                (value, label)
                for value, label in field.choices
                if value in (EditorialStatus.DRAFT, EditorialStatus.REVIEW)
            ]
        return field

    def save_model(self, request, obj, form, change):
        """A status change made in the form goes through the model's transition, with its history row."""
        new_status = obj.status
        if change:
            obj.status = form.initial.get("status", obj.status)
        else:
            obj.status = EditorialStatus.DRAFT
        if not change and not request.user.is_coordinator:
            if not Organisation.objects.of_member(request.user).filter(pk=obj.owner_id).exists():
                raise PermissionDenied
        if (
            change
            and not request.user.is_coordinator
            and obj.status == EditorialStatus.PUBLISHED
            and form.has_changed()
        ):
            # An operator's change to a published entry is reviewed before it goes out again: the entry goes back to
            # "à relire" in the same save, so its history diffs cleanly against the last published version.
            obj.full_clean()
            obj.status = EditorialStatus.REVIEW
            super().save_model(request, obj, form, change)
            StatusChange.record(
                obj,
                by=request.user,
                from_status=EditorialStatus.PUBLISHED,
                to_status=EditorialStatus.REVIEW,
                note="Modifiée après publication : à relire.",
            )
            review.notify_submitted(obj, by=request.user)
            self.message_user(
                request,
                "Vos modifications sont enregistrées et soumises à l'animatrice : la fiche est hors ligne jusqu'à sa "
                "relecture.",
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)
        if new_status != obj.status:
            obj.change_status(new_status, by=request.user)

    def get_prepopulated_fields(self, request, obj=None):
        # A readable address is set once from the title; a later title change keeps it (old links keep working).
        return self.prepopulated_fields if obj is None else {}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_confirm"] = obj is not None and obj.can_edit(request.user)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def response_change(self, request, obj):
        """ "Enregistrer et confirmer que c'est à jour": one click after she looked at the entry."""
        if "_confirm_up_to_date" in request.POST:
            obj.confirm_up_to_date(by=request.user)
            self.message_user(request, f"« {obj} » : informations confirmées à jour aujourd'hui.", messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # Transitions as bulk actions.

    def _transition(self, request, queryset, method, done):
        count, refused = 0, []
        for entry in queryset:
            try:
                getattr(entry, method)(by=request.user)
                count += 1
            except (PermissionDenied, ValidationError) as error:
                refused.append(f"« {entry} » : {' '.join(getattr(error, 'messages', [str(error)]))}")
        if count:
            self.message_user(request, f"{count} fiche(s) {done}.", messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.ERROR)

    @admin.action(description="Soumettre pour relecture")
    def submit_for_review(self, request, queryset):
        self._transition(request, queryset, "submit_for_review", "soumise(s) pour relecture")

    @admin.action(description="Repasser en brouillon")
    def back_to_draft(self, request, queryset):
        self._transition(request, queryset, "back_to_draft", "repassée(s) en brouillon")

    @admin.action(description="Publier")
    def publish(self, request, queryset):
        self._transition(request, queryset, "publish", "publiée(s)")

    @admin.action(description="Archiver")
    def archive(self, request, queryset):
        self._transition(request, queryset, "archive", "archivée(s)")

    @admin.action(description="Confirmer que c'est à jour")
    def confirm_up_to_date(self, request, queryset):
        self._transition(request, queryset, "confirm_up_to_date", "confirmée(s) à jour")

    @admin.action(description="Renvoyer à l'opératrice avec un commentaire")
    def send_back(self, request, queryset):
        """The coordinator returns entries to draft with a comment, e-mailed to the owner's operators."""
        form = SendBackForm(request.POST if "apply" in request.POST else None)
        entries = [entry for entry in queryset.select_related("owner") if entry.can_edit(request.user)]
        if "apply" in request.POST and form.is_valid():
            comment = form.cleaned_data["comment"]
            done = 0
            for entry in entries:
                if entry.status == EditorialStatus.DRAFT:
                    continue
                entry.back_to_draft(by=request.user, note=comment[:500])
                review.notify_sent_back(entry, comment=comment, by=request.user)
                done += 1
            self.message_user(request, f"{done} fiche(s) renvoyée(s) en brouillon ; les opératrices sont prévenues.")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Renvoyer avec un commentaire",
            "entries": entries,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/guichet/send_back.html", context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_coordinator:
            for name in ("publish", "archive", "send_back", "delete_selected"):
                actions.pop(name, None)
        return actions


class EditorialInlineMixin:
    """Rows that belong to an editorial entry (a structure's services, a sheet's questions, an event's dates):
    whoever may edit the entry edits them, and nobody else. `obj` is the entry."""

    def _may_edit(self, request, obj) -> bool:
        user = request.user
        if obj is None:
            return user.is_active and (user.is_coordinator or user.is_operator)
        return obj.can_edit(user)

    def has_view_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)


class EditorialImportExportMixin(ImportExportMixin):
    """Spreadsheet import / export (guichet.imports) for an editorial admin: operators import what they may add and
    export what they may see; the resource checks each row against the person importing."""

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def has_import_permission(self, request):
        return self.has_add_permission(request)

    def has_export_permission(self, request):
        return self.has_module_permission(request)


@admin.register(Announcement)
class AnnouncementAdmin(EditorialAdmin):
    list_display = ("title", "published_on")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ("title", "slug", "summary", "body", "published_on")}),
        ("Publication", {"fields": ("owner", "status", "source_url", "source_date", "is_demo")}),
        ("Suivi", {"fields": ("created_at", "updated_at", "reviewed_at")}),
    ]


class InvitationForm(forms.ModelForm):
    """A new team member: no password here, she chooses hers from the invitation e-mail."""

    organisations = forms.ModelMultipleChoiceField(
        label="Organisations",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text="Celles dont elle tiendra les fiches (pour une opératrice).",
    )

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "role")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        if request is not None and not _is_administrator(request):
            # The coordinator invites operators; administrators give the other roles.
            self.fields["role"].choices = [(Role.OPERATOR.value, Role.OPERATOR.label)]
            self.fields["role"].initial = Role.OPERATOR

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.OPERATOR and not data.get("organisations"):
            self.add_error("organisations", "Une opératrice tient les fiches d'au moins une organisation.")
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
            user.organisations.set(self.cleaned_data["organisations"])
        return user


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


def _is_coordinator_or_administrator(request) -> bool:
    return _is_coordinator(request) or _is_administrator(request)


@admin.register(User)
class UserAdmin(RolePermissionsMixin, DjangoUserAdmin):
    """People. Administrators manage everyone; the coordinator invites and manages operators only."""

    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name")}),
        ("Rôle", {"fields": ("role", "is_active")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "first_name", "last_name", "role", "organisations"),
                "description": "Elle recevra un e-mail pour choisir son mot de passe.",
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    actions = ["send_invitation"]

    add_form = InvitationForm
    form = UserChangeForm
    may_view = may_change = staticmethod(_is_coordinator_or_administrator)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if _is_administrator(request) else queryset.filter(role=Role.OPERATOR)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:

            class RequestInvitationForm(form):
                def __init__(self, *args, **inner):
                    super().__init__(*args, request=request, **inner)

            return RequestInvitationForm
        return form

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not _is_administrator(request):
            readonly += ["email", "role", "password"]
        return readonly

    def has_delete_permission(self, request, obj=None):
        return _is_administrator(request)  # the coordinator deactivates; accounts carry history

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            transaction.on_commit(lambda: invitations.invite(obj, by=request.user))
            self.message_user(request, f"Invitation envoyée à {obj.email}.", messages.SUCCESS)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and "organisations" in form.cleaned_data:
            form.instance.organisations.set(form.cleaned_data["organisations"])

    @admin.action(description="Renvoyer l'invitation (un nouveau lien pour choisir son mot de passe)")
    def send_invitation(self, request, queryset):
        people = [user for user in queryset if user.is_active]
        for user in people:
            invitations.invite(user, by=request.user)
        self.message_user(request, f"{len(people)} invitation(s) envoyée(s).", messages.SUCCESS)


@admin.register(Organisation)
class OrganisationAdmin(CoordinatorAdmin):
    list_display = ("name", "email", "is_demo")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("members",)
    list_filter = ("is_demo",)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "members":
            kwargs["queryset"] = User.objects.filter(role=Role.OPERATOR)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Theme)
class ThemeAdmin(AdministratorAdmin):
    list_display = ("name", "colour_sample", "position")
    prepopulated_fields = {"slug": ("name",)}

    @admin.display(description="couleur")
    def colour_sample(self, obj):
        # An SVG presentation attribute, not an inline style: allowed by the Content-Security-Policy.
        return format_html(
            '<svg width="16" height="16" aria-hidden="true"><rect width="16" height="16" fill="{}"/></svg> {}',
            obj.colour,
            obj.colour,
        )


@admin.register(Territory)
class TerritoryAdmin(CoordinatorAdmin):
    list_display = ("name", "code", "kind", "parent", "is_covered")
    list_filter = ("kind", "is_covered", "parent")
    list_select_related = ("parent",)
    search_fields = ("name", "code")
    fields = ("kind", "code", "name", "parent", "is_covered")

    def get_readonly_fields(self, request, obj=None):
        # INSEE facts come from a migration; only the coverage flag is a decision.
        return ("kind", "code", "name", "parent")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PhaseTag, StatusTag)
class EnumMirrorAdmin(CoordinatorAdmin):
    """Read-only: these rows mirror code enums."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ErrorReport)
class ErrorReportAdmin(CoordinatorAdmin):
    list_display = ("entry_title", "created_at", "handled_at")
    list_filter = (("handled_at", admin.EmptyFieldListFilter),)
    search_fields = ("entry_title", "message")
    readonly_fields = ("entry_title", "entry_link", "message", "email", "created_at")
    fields = (
        "entry_title",
        "entry_link",
        "message",
        "email",
        "created_at",
        "handled_at",
        "handling_note",
    )
    actions = ["mark_handled"]

    @admin.display(description="adresse de la fiche")
    def entry_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.entry_url, obj.entry_url)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Marquer comme traité")
    def mark_handled(self, request, queryset):
        for report in queryset.filter(handled_at__isnull=True):
            report.handled_at = timezone.now()
            report.save(update_fields=["handled_at"])
        self.message_user(request, "Signalements marqués comme traités.", messages.SUCCESS)


@admin.register(StatusChange)
class StatusChangeAdmin(CoordinatorAdmin):
    list_display = (
        "created_at",
        "content_type",
        "object_id",
        "from_status",
        "to_status",
        "by",
        "note",
    )
    list_filter = ("to_status", "content_type")
    list_select_related = ("content_type", "by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
