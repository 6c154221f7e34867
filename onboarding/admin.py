import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from guichet.admin import CoordinatorAdmin
from onboarding import figures
from onboarding.models import SourceCode, UsageCount


@admin.register(SourceCode)
class SourceCodeAdmin(CoordinatorAdmin):
    list_display = ("code", "label", "event_date", "is_active", "entry_link")
    list_filter = ("is_active",)
    search_fields = ("code", "label")

    @admin.display(description="adresse à imprimer")
    def entry_link(self, obj):
        return f"/questionnaire/?source={obj.code}"


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
