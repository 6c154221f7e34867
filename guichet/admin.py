"""The back office. `EditorialAdmin` is the one base every editorial model's admin inherits: it enforces who sees
and edits what (the rules live on the model: `editable_by`, `can_edit`, `allowed_statuses`)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from import_export.admin import ImportExportMixin
from js_asset import Media as JsMedia
from simple_history.admin import SimpleHistoryAdmin

from guichet import proposals, review
from guichet.enums import EditorialStatus, ProposalState, Role, TerritoryKind
from guichet.models import (
    Announcement,
    ErrorReport,
    Organisation,
    PhaseTag,
    ProposedChange,
    StatusChange,
    StatusTag,
    Synonym,
    Territory,
    Theme,
    User,
)
from guichet.models.editorial import review_cutoff

# Who is signed in, for the admin's permission methods of every app (the rules are the User's properties; an
# anonymous visitor is none of them).


def is_coordinator(request) -> bool:
    """The coordinator or an administrator (User.is_coordinator)."""
    return request.user.is_authenticated and request.user.is_coordinator


def is_administrator(request) -> bool:
    """An administrator (User.is_administrator)."""
    return request.user.is_authenticated and request.user.is_administrator


def is_operator(request) -> bool:
    """An operator of a partner organisation (User.is_operator)."""
    return request.user.is_authenticated and request.user.is_operator


def _is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"


# No app list beside every page: 280 px a 1280 px screen needs for the lists' columns and filters. The home page,
# the breadcrumbs and the header lead everywhere.
admin.site.enable_nav_sidebar = False


# The rich-text editor (Tiptap, in django-prose-editor) injects one fixed <style> element; its hash lets that one
# style through on admin forms and nothing else. A new editor version changes the hash: the browser test then fails.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


# Page titles in plain French: "Aides et dispositifs", "Ajouter une aide ou un dispositif", "Modifier : <titre>",
# never Django's "Sélectionnez l'objet … à changer" or "Ajout de aide ou dispositif". A model whose name is feminine,
# or that needs other words, says so on its admin (`add_title`): the kernel names no app's model.
def add_title(admin_class, opts) -> str:
    return getattr(admin_class, "add_title", None) or f"Ajouter un {opts.verbose_name}"


class FrenchTitlesMixin:
    def changelist_view(self, request, extra_context=None):
        title = str(self.opts.verbose_name_plural)
        return super().changelist_view(request, {"title": title[:1].upper() + title[1:], **(extra_context or {})})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add:
            context["title"] = add_title(self, self.opts)
        elif obj is not None:
            verb = "Modifier" if self.has_change_permission(request, obj) else "Consulter"
            context["title"] = f"{verb} : {obj}"
        context["subtitle"] = None
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


class BaseAdmin(FrenchTitlesMixin, admin.ModelAdmin):
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

    may_view = staticmethod(is_coordinator)
    may_change = staticmethod(is_coordinator)

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

    may_change = staticmethod(is_administrator)


class NeedsReviewFilter(admin.SimpleListFilter):
    title = "fraîcheur"
    parameter_name = "fraicheur"

    def lookups(self, request, model_admin):
        return [("a-actualiser", "À actualiser (jamais vérifié, ou pas depuis 6 mois)")]

    def queryset(self, request, queryset):
        if self.value() == "a-actualiser":
            return queryset.needs_review()
        return queryset


class CoveredDepartementFilter(admin.RelatedFieldListFilter):
    """A territory filter of an editorial list offers the départements the site covers, not all 101."""

    def field_choices(self, field, request, model_admin):
        covered = Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, is_covered=True).order_by("code")
        return [(t.pk, str(t)) for t in covered]


def _is_editorial_territory(field) -> bool:
    from guichet.models.editorial import EditorialModel

    model = getattr(field, "model", None)
    return (
        getattr(field, "related_model", None) is Territory
        and isinstance(model, type)
        and issubclass(model, EditorialModel)
    )


admin.FieldListFilter.register(_is_editorial_territory, CoveredDepartementFilter, take_priority=True)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="Votre commentaire pour l'opératrice",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={"required": "Dites ce qu'il faut revoir : l'opératrice le reçoit par e-mail."},
    )


# Every editorial form ends with the same two fieldsets: where the entry stands in the workflow, then what only the
# site needs (its address, the demo flag, the dates kept automatically), folded away. What an operator fills most
# (title, what it is, dates or hours, how to reach it) comes first, in each admin's own fieldsets.
def publication_fieldset(*fields):
    return (
        "Publication et relecture",
        {
            "fields": ("status", "owner", *fields, "source_url", "source_date"),
            "description": "Une fiche publiée que vous modifiez reste en ligne telle quelle jusqu'à la relecture de "
            "l'animatrice.",
        },
    )


PUBLICATION_FIELDSET = publication_fieldset()


def technical_fieldset(*fields):
    return (
        "Informations techniques",
        {
            "fields": ("slug", *fields, "is_demo", "created_at", "updated_at", "reviewed_at"),
            "classes": ("collapse",),
            "description": "L'adresse de la page se remplit seule à partir du titre et ne change plus ensuite : "
            "les liens déjà donnés continuent de marcher.",
        },
    )


TECHNICAL_FIELDSET = technical_fieldset()


class EditorialAdmin(SimpleHistoryAdmin, BaseAdmin):
    """Base admin for every editorial model (owner, status, freshness).

    - operators see and edit only their organisations' entries, may only move them between brouillon and à relire,
      and cannot give an entry to another organisation;
    - an operator's edit of a published entry (its fields, its inlines, a revert to an old version) is kept as a
      proposed change (guichet.proposals) while the published version stays online;
    - the coordinator and administrators see everything, publish, and review proposed changes.
    """

    change_form_template = "admin/guichet/editorial_change_form.html"
    object_history_form_template = "admin/guichet/editorial_history_form.html"
    # Columns that fit a 1280 px screen beside the filters: the entry's own few, then where it stands (status and
    # review in one), its freshness, and its organisation only for whoever sees several.
    list_display_editorial = ("state", "freshness")
    # The organisations that own entries of this list and that she may see: an operator sees only hers.
    list_filter = ("status", NeedsReviewFilter, ("owner", admin.RelatedOnlyFieldListFilter))
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
        owner = () if self._one_organisation(request) else ("owner_name",)
        return tuple(super().get_list_display(request)) + self.list_display_editorial + owner

    def _one_organisation(self, request) -> bool:
        user = request.user
        return not user.is_coordinator and Organisation.objects.of_member(user).count() <= 1

    @admin.display(description="organisation", ordering="owner__name")
    def owner_name(self, obj):
        return obj.owner.name

    @admin.display(description="état", ordering="status")
    def state(self, obj):
        review = self.review_state(obj)
        if not review:
            return obj.get_status_display()
        if len(review) > 90:
            review = review[:89].rstrip() + "…"
        return format_html("{}<br><small>{}</small>", obj.get_status_display(), review)

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

    @admin.display(description="relecture")
    def review_state(self, obj):
        if obj.proposal_state == ProposalState.PENDING:
            return "Modification en attente"
        if obj.proposal_state == ProposalState.SENT_BACK:
            return f"Renvoyée : {obj.proposal_comment}"
        if obj.status == EditorialStatus.DRAFT and obj.sent_back_note:
            return f"Renvoyée : {obj.sent_back_note}"
        return ""

    # Who sees what.

    def get_queryset(self, request):
        content_type = ContentType.objects.get_for_model(self.model)
        proposal = ProposedChange.objects.open().filter(content_type=content_type, object_id=OuterRef("pk"))
        sent_back = StatusChange.objects.filter(
            content_type=content_type,
            object_id=OuterRef("pk"),
            from_status=EditorialStatus.REVIEW,
            to_status=EditorialStatus.DRAFT,
        ).order_by("-created_at", "-pk")
        return (
            super()
            .get_queryset(request)
            .editable_by(request.user)
            .annotate(
                proposal_state=Subquery(proposal.values("state")[:1]),
                proposal_comment=Subquery(proposal.values("comment")[:1]),
                sent_back_note=Subquery(sent_back.values("note")[:1]),
            )
        )

    def get_object(self, request, object_id, from_field=None):
        """An operator with a proposed change open sees her proposal in the form, not the published values."""
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not request.user.is_coordinator:
            proposal = proposals.open_proposal(obj)
            if proposal is not None:
                fields = {f.name: f for f in proposals.editable_fields(self.model)}
                for name, raw in proposal.values.items():
                    if name in fields:
                        setattr(obj, fields[name].attname, proposals.load(fields[name], raw))
                obj._proposal_m2m = proposal.m2m
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None or request.user.is_coordinator:
            return form
        chosen = getattr(obj, "_proposal_m2m", None) or {}
        seen = proposals.revision(proposals.open_proposal(obj))

        class ProposalForm(form):
            # What she saw of the open proposal when she opened the page: never a silent second one.
            proposal_seen = forms.CharField(widget=forms.HiddenInput, required=False, initial=seen)

            def __init__(self, *args, **inner):
                super().__init__(*args, **inner)
                for name, pks in chosen.items():
                    if name in self.fields:
                        self.initial[name] = pks

            def clean(self):
                cleaned = super().clean()
                try:
                    proposals.check_seen(self.instance, cleaned.get("proposal_seen", ""))
                except proposals.ProposalConflict as conflict:
                    raise forms.ValidationError(conflict.messages) from None
                return cleaned

        return ProposalForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refused:
            # The open proposal changed between the form's check and the save (two people at the same second):
            # nothing was saved (the view's transaction), she is told in French and sees the entry again.
            self.message_user(request, " ".join(refused.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def get_historical_record_context_helper(self, request, historical_record):
        return review.FrenchHistoryHelper(self.model, historical_record)

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
        return is_coordinator(request)

    # What the form lets her do.

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.allowed_statuses(request.user):
            readonly.append("status")
        if obj is not None and not request.user.is_coordinator:
            readonly.append("owner")  # only the coordinator gives an entry to another organisation
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
        """Every save asks guichet.proposals: an operator's edit of a published entry becomes a proposed change; a
        status change made in the form goes through the model's transition, with its history row; a revert to an
        old version restores its content only, never its owner, status or verification date."""
        user = request.user
        new_status = obj.status
        if not change:
            obj.status = EditorialStatus.DRAFT
            if not user.is_coordinator and not Organisation.objects.of_member(user).filter(pk=obj.owner_id).exists():
                raise PermissionDenied
            super().save_model(request, obj, form, change)
            if new_status != obj.status:
                obj.change_status(new_status, by=user)
            return
        live = type(obj).objects.get(pk=obj.pk)
        obj.status = live.status
        if getattr(request, "_guichet_revert", False):
            obj.owner_id, obj.reviewed_at, new_status = live.owner_id, live.reviewed_at, live.status
        if not user.is_coordinator:
            obj.owner_id = live.owner_id
        proposals.check_ownership(obj, by=user)
        if proposals.must_propose(obj, by=user):
            chosen = {f.name: form.cleaned_data[f.name] for f in obj._meta.many_to_many if f.name in form.cleaned_data}
            obj._proposing = True
            obj._proposal = proposals.propose(
                obj,
                by=user,
                fields=list(form.cleaned_data),
                m2m=chosen,
                seen=form.cleaned_data.get("proposal_seen", ""),
            )
            form.save_m2m = lambda: None  # the choices wait in the proposal too (the history view calls this)
            return
        super().save_model(request, obj, form, change)
        if new_status != obj.status:
            obj.change_status(new_status, by=user)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if not getattr(obj, "_proposing", False):
            return super().save_related(request, form, formsets, change)
        # Inline rows (a structure's services, an event's dates…) wait in the same proposal.
        inlines = dict(found for found in map(proposals.inline_changes, formsets) if found)
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if inlines:
            obj._proposal = proposals.propose(obj, by=request.user, inlines=inlines)
        return None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._guichet_revert = True
        # simple-history's submit line reads this variable without defining it (our templates are strict).
        extra_context = {"onclick_attrib": "", **(extra_context or {})}
        return super().history_form_view(request, object_id, version_id, extra_context)

    def response_change(self, request, obj):
        if getattr(obj, "_proposing", False):
            if "_confirm_up_to_date" in request.POST:
                obj.confirm_up_to_date(by=request.user)
            if proposals.open_proposal(obj) is not None:
                self.message_user(
                    request,
                    f"« {obj} » : votre modification attend la relecture de l'animatrice. La version publiée reste en "
                    "ligne sans changement d'ici là.",
                    messages.SUCCESS,
                )
            else:
                self.message_user(request, f"« {obj} » : rien ne change par rapport à la version publiée.")
            if "_continue" in request.POST or "_confirm_up_to_date" in request.POST:
                return HttpResponseRedirect(request.path)
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if "_confirm_up_to_date" in request.POST:
            # "Enregistrer et confirmer que c'est à jour": one click after she looked at the entry.
            obj.confirm_up_to_date(by=request.user)
            self.message_user(request, f"« {obj} » : informations confirmées à jour aujourd'hui.", messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        # A readable address is set once from the title; a later title change keeps it (old links keep working).
        return self.prepopulated_fields if obj is None else {}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_confirm"] = obj is not None and obj.can_edit(request.user)
        if obj is not None and obj.pk:
            opts = self.model._meta
            context["proposal"] = proposals.open_proposal(obj)
            if context["proposal"] is not None and context["proposal"].inlines:
                # Rows waiting in the proposal are not in the inlines below: listed here so nobody adds them again.
                context["proposal_rows"] = review.proposal_changes(obj, context["proposal"])[1]
            context["proposal_url"] = reverse(f"admin:{opts.app_label}_{opts.model_name}_proposal", args=[obj.pk])
            if obj.status == EditorialStatus.DRAFT:
                context["sent_back_note"] = proposals.last_sent_back_note(obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

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

    @admin.action(description="Publier (ou publier la modification proposée)")
    def publish(self, request, queryset):
        pending = {
            p.object_id: p
            for p in proposals.proposals_by_pk(self.model, queryset.values_list("pk", flat=True)).values()
            if p.state == ProposalState.PENDING
        }
        approved = 0
        for entry in queryset.filter(pk__in=list(pending)):
            try:
                proposals.approve(pending[entry.pk], by=request.user)
                approved += 1
            except (PermissionDenied, ValidationError) as error:
                messages_ = getattr(error, "messages", [str(error)])
                self.message_user(request, f"« {entry} » : {' '.join(messages_)}", messages.ERROR)
        if approved:
            self.message_user(request, f"{approved} modification(s) proposée(s) publiée(s).", messages.SUCCESS)
        self._transition(request, queryset.exclude(pk__in=list(pending)), "publish", "publiée(s)")

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
            pending = proposals.proposals_by_pk(self.model, [entry.pk for entry in entries])
            for entry in entries:
                proposal = pending.get(entry.pk)
                if proposal is not None and proposal.state == ProposalState.PENDING:
                    proposals.send_back(proposal, by=request.user, comment=comment)
                    done += 1
                    continue
                if entry.status in (EditorialStatus.DRAFT, EditorialStatus.PUBLISHED):
                    continue
                entry.back_to_draft(by=request.user, note=comment[:500])
                review.notify_sent_back(entry, comment=comment, by=request.user)
                done += 1
            self.message_user(request, f"{done} fiche(s) renvoyée(s) ; les opératrices sont prévenues.")
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

    # Proposed changes: the coordinator reads the diff, then publishes or sends back; the operator reads it too.

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/modification/",
                self.admin_site.admin_view(self.proposal_view),
                name=f"{opts.app_label}_{opts.model_name}_proposal",
            ),
            *super().get_urls(),
        ]

    def proposal_view(self, request, object_id):
        entry = self.model.objects.editable_by(request.user).filter(pk=object_id).select_related("owner").first()
        if entry is None:
            raise Http404("Cette fiche n'existe pas ou vous ne pouvez pas la voir.")
        opts = self.model._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
        proposal = proposals.open_proposal(entry)
        if proposal is None:
            self.message_user(request, "Aucune modification proposée n'attend sur cette fiche.")
            return HttpResponseRedirect(change_url)
        form = SendBackForm(request.POST if "_send_back" in request.POST else None)
        if request.method == "POST":
            if not request.user.is_coordinator:
                raise PermissionDenied
            if "_approve" in request.POST:
                try:
                    proposals.approve(proposal, by=request.user)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                else:
                    self.message_user(request, f"« {entry} » : modification publiée.", messages.SUCCESS)
                    return HttpResponseRedirect(reverse("admin:index"))
            elif form.is_valid():
                proposals.send_back(proposal, by=request.user, comment=form.cleaned_data["comment"])
                self.message_user(
                    request, f"« {entry} » : modification renvoyée ; les opératrices sont prévenues.", messages.SUCCESS
                )
                return HttpResponseRedirect(reverse("admin:index"))
        changes, rows = review.proposal_changes(entry, proposal)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Modification proposée — {entry}",
            "entry": entry,
            "proposal": proposal,
            "changes": changes,
            "rows": rows,
            "form": form,
            "opts": opts,
            "change_url": change_url,
            "can_decide": request.user.is_coordinator,
        }
        return TemplateResponse(request, "admin/guichet/proposal.html", context)


class EditorialInlineMixin:
    """Rows that belong to an editorial entry (a structure's services, a sheet's questions, an event's dates):
    whoever may edit the entry edits them, and nobody else. `obj` is the entry. A row its open proposed change
    already adds is refused next to the row (guichet.proposals: never added twice)."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is None or obj.pk is None:
            return formset

        class NoDuplicateFormSet(formset):
            def clean(self):
                super().clean()
                if any(self.errors):
                    return
                for form, label in proposals.duplicate_forms(obj, self):
                    form.add_error(None, proposals.duplicate_message([label]))

        return NoDuplicateFormSet

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
    add_title = "Ajouter une actualité"
    list_display = ("title", "published_on")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        ("L'essentiel", {"fields": ("title", "summary", "published_on", "body")}),
        PUBLICATION_FIELDSET,
        TECHNICAL_FIELDSET,
    ]


@admin.register(Organisation)
class OrganisationAdmin(CoordinatorAdmin):
    add_title = "Ajouter une organisation partenaire"
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
    """A theme's name, colour and order are the administrators'; its slug, once given, is an identifier that code
    (each event kind's and category's colour, the open-data export), saved alerts and links key on: it stays."""

    list_display = ("name", "colour_sample", "position")
    prepopulated_fields = {"slug": ("name",)}

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *(("slug",) if obj else ()))

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else super().get_prepopulated_fields(request, obj)

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

    def has_view_permission(self, request, obj=None):
        # Operators choose an entry's territories through the autocomplete (which asks this admin for the view
        # permission); they do not browse the territory list itself.
        if is_operator(request) and obj is None and _is_autocomplete(request):
            return True
        return super().has_view_permission(request, obj)

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


@admin.register(Synonym)
class SynonymAdmin(CoordinatorAdmin):
    """The words women use that the search understands (guichet/search.py): "IJ" for "indemnités journalières"."""

    list_display = ("term", "equivalents_list", "updated_at")
    search_fields = ("term", "equivalents")
    fields = ("term", "equivalents")

    @admin.display(description="équivalents")
    def equivalents_list(self, obj):
        return ", ".join(obj.expressions()[1:])
