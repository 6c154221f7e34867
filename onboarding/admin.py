import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from guichet.admin import CoordinatorAdmin
from onboarding import figures, kit
from onboarding.models import SourceCode, UsageCount


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
        return self._kit(request, pk, "onboarding/kit/flyer.html")

    def poster_view(self, request, pk):
        return self._kit(request, pk, "onboarding/kit/poster.html")


class PeriodForm(forms.Form):
    start = forms.DateField(label="Du", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label="Au", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label="Quoi", choices=UsageCount.Kind.choices)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "Cette date est avant la date de début.")
        return data


@admin.register(UsageCount)
class UsageCountAdmin(CoordinatorAdmin):
    """No list of raw counters (a cell of one would say too much): the page shows aggregates, small cells hidden."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        initial = {"start": today - datetime.timedelta(days=90), "end": today, "kind": UsageCount.Kind.QUESTIONNAIRE}
        form = PeriodForm(request.GET or None, initial=initial)
        period = form.cleaned_data if form.is_bound and form.is_valid() else initial
        tables = []
        for by, (title, _label) in figures.DIMENSIONS.items():
            cells, total = figures.table(kind=period["kind"], by=by, start=period["start"], end=period["end"])
            tables.append({"title": title, "cells": cells, "total": figures.total_shown(total)})
        context = {
            **self.admin_site.each_context(request),
            "title": "Chiffres anonymes",
            "form": form,
            "tables": tables,
            "threshold": figures.THRESHOLD,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/onboarding/figures.html", context)
