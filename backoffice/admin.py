"""The back office's own admin pages: the team's accounts (invitations, a link to choose a new password) and the
event codes with their field kit (flyer and poster to print). The models stay in their apps (guichet, onboarding);
only their admin lives here."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from backoffice import invitations, kit
from guichet.admin import (
    CoordinatorAdmin,
    FrenchTitlesMixin,
    RolePermissionsMixin,
    is_administrator,
)
from guichet.enums import Role
from guichet.models import Organisation, User
from onboarding.models import SourceCode


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
        if request is not None and not is_administrator(request):
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


@admin.register(User)
class UserAdmin(FrenchTitlesMixin, RolePermissionsMixin, DjangoUserAdmin):
    add_title = "Inviter une personne"
    """People. Administrators manage everyone; the coordinator invites and manages operators only (RolePermissionsMixin:
    the coordinator's pages, administrators included)."""

    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password_state")}),
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
    readonly_fields = ("password_state", "last_login", "date_joined")
    actions = ["send_invitation"]

    add_form = InvitationForm
    form = UserChangeForm

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if is_administrator(request) else queryset.filter(role=Role.OPERATOR)

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
        if obj is not None and not is_administrator(request):
            readonly += ["email", "role"]
        return readonly

    @admin.display(description="mot de passe")
    def password_state(self, obj):
        """Never the hash: whether she has chosen one, and a link to send her a new choice link."""
        state = "défini, jamais affiché" if obj.has_usable_password() else "pas encore choisi"
        url = reverse("admin:guichet_user_send_reset", args=[obj.pk])
        return format_html('{} — <a href="{}">lui envoyer un lien pour en choisir un nouveau</a>', state, url)

    def get_urls(self):
        view = self.admin_site.admin_view(self.send_reset_view)
        reset = path("<int:object_id>/nouveau-mot-de-passe/", view, name="guichet_user_send_reset")
        return [reset, *super().get_urls()]

    def send_reset_view(self, request, object_id):
        user = self.get_object(request, str(object_id))
        if user is None or not self.has_change_permission(request, user):
            raise PermissionDenied
        if request.method == "POST":
            invitations.invite(user, by=request.user)
            self.message_user(request, f"Un lien pour choisir son mot de passe a été envoyé à {user.email}.")
            return HttpResponseRedirect(reverse("admin:guichet_user_change", args=[user.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Envoyer à {user.email} un lien pour choisir son mot de passe",
            "person": user,
            "opts": self.opts,
        }
        return TemplateResponse(request, "backoffice/send_reset.html", context)

    def user_change_password(self, request, id, form_url=""):
        """Nobody sets another person's password, nor her own here (issue 17, point 2): whoever could would sign in
        as her. The coordinator sends a link to choose one (send_reset_view); each person changes hers from her
        account, behind allauth's limits."""
        raise PermissionDenied

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request)  # the coordinator deactivates; accounts carry history

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


@admin.register(SourceCode)
class SourceCodeAdmin(CoordinatorAdmin):
    """Event codes and the field kit: an A5 flyer and an A4 poster with a QR code to the questionnaire."""

    list_display = ("code", "label", "event_date", "is_active", "entry_link", "kit")
    list_filter = ("is_active",)
    search_fields = ("code", "label")

    @admin.display(description="adresse à imprimer")
    def entry_link(self, obj):
        return kit.entry_url(obj)

    @admin.display(description="à imprimer")
    def kit(self, obj):
        return format_html(
            '<a href="{}">flyer A5</a> · <a href="{}">affiche A4</a> · <a href="{}">mode stand</a>',
            reverse("admin:onboarding_sourcecode_flyer", args=[obj.pk]),
            reverse("admin:onboarding_sourcecode_poster", args=[obj.pk]),
            f"/stand/{obj.code}/",
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/flyer/", view(self.flyer_view), name="onboarding_sourcecode_flyer"),
            path("<int:pk>/affiche/", view(self.poster_view), name="onboarding_sourcecode_poster"),
            *super().get_urls(),
        ]

    def _kit(self, request, pk, template):
        if not self.has_view_permission(request):
            raise PermissionDenied
        code = get_object_or_404(SourceCode, pk=pk)
        return TemplateResponse(request, template, kit.context(code))

    def flyer_view(self, request, pk):
        return self._kit(request, pk, "backoffice/kit/flyer.html")

    def poster_view(self, request, pk):
        return self._kit(request, pk, "backoffice/kit/poster.html")
