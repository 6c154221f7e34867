"""The funders' figures in the back office (the admin page of the usage counts): whole closed months, small numbers
masked, a CSV export. What is counted lives in backoffice/figures.py; the counts themselves in onboarding.models."""

import csv
import datetime
import io

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from backoffice import figures
from guichet.admin import CoordinatorAdmin
from onboarding.models import UsageCount


class PeriodForm(forms.Form):
    """Whole calendar months, closed ones only (a shorter period could single out one visitor)."""

    start = forms.ChoiceField(label="Du mois de")
    end = forms.ChoiceField(label="Au mois de (inclus)")
    kind = forms.ChoiceField(label="Quoi", choices=UsageCount.Kind.choices)

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        months = [(f"{m:%Y-%m}", figures.month_label(m)) for m in figures.closed_months(today)]
        self.fields["start"].choices = months
        self.fields["end"].choices = months
        self.fields["start"].error_messages["invalid_choice"] = "Choisissez un mois terminé dans la liste."
        self.fields["end"].error_messages["invalid_choice"] = "Choisissez un mois terminé dans la liste."

    @staticmethod
    def initial_for(today) -> dict:
        months = figures.closed_months(today, 3)
        return {"start": f"{months[-1]:%Y-%m}", "end": f"{months[0]:%Y-%m}", "kind": UsageCount.Kind.QUESTIONNAIRE}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "Ce mois est avant le mois de début.")
        return data

    @staticmethod
    def period(data) -> tuple:
        """(first day, last day, kind) of a valid choice."""
        start = datetime.date.fromisoformat(data["start"] + "-01")
        end = figures.month_end(datetime.date.fromisoformat(data["end"] + "-01"))
        return start, end, data["kind"]


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
        initial = PeriodForm.initial_for(today)
        data = request.GET.copy()
        data.pop("format", None)
        form = PeriodForm(data or None, initial=initial, today=today)
        valid = form.is_bound and form.is_valid()
        start, end, kind = PeriodForm.period(form.cleaned_data if valid else initial)
        tables = []
        for by, (title, _label) in figures.DIMENSIONS.items():
            cells, total = figures.table(kind=kind, by=by, start=start, end=end)
            tables.append(
                {"title": f"{UsageCount.Kind(kind).label} — par {title.lower()}", "cells": cells, "total": total}
            )
        for title, (cells, total) in (
            ("Parcours imprimés, envoyés, enregistrés", figures.parcours_actions(start=start, end=end)),
            *figures.content_tables(start=start, end=end),
        ):
            tables.append({"title": title, "cells": cells, "total": total})
        for table in tables:
            table["total"] = figures.total_shown(table["total"])
        most_viewed = figures.most_viewed(start=start, end=end)
        months = [m for m in figures.closed_months(today) if start <= m <= end]
        call_backs = figures.call_backs(months, today=today)
        if request.GET.get("format") == "csv" and (valid or not form.is_bound):
            return self._csv(tables, most_viewed, start, end, call_backs)
        weeks = figures.weekly(kind=UsageCount.Kind.QUESTIONNAIRE, start=start, end=end)
        context = {
            **self.admin_site.each_context(request),
            "title": "Chiffres anonymes",
            "form": form,
            "tables": tables,
            "most_viewed": most_viewed,
            "call_backs": call_backs,
            "promise_days": settings.GUICHET_CALLBACK_WORKING_DAYS,
            "chart": figures.bar_chart(weeks, title="Questionnaires terminés par semaine"),
            "threshold": figures.THRESHOLD,
            "period": f"{figures.month_label(start)} – {figures.month_label(end.replace(day=1))}",
            "masked_reason": figures.SECONDARY_REASON if figures.has_masked(tables) else "",
            "csv_query": (request.GET.urlencode() + "&" if request.GET else "") + "format=csv",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "backoffice/figures.html", context)

    def _csv(self, tables, most_viewed, start, end, call_backs):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Période", f"{start:%d/%m/%Y} – {end:%d/%m/%Y}", ""])
        if figures.has_masked(tables):
            writer.writerow(["Note", figures.SECONDARY_REASON, ""])
        writer.writerow(["Tableau", "Ligne", "Nombre"])
        for table in tables:
            for cell in table["cells"]:
                writer.writerow([table["title"], cell.label, cell.shown])
            writer.writerow([table["title"], "Total", table["total"]])
        for kind, title, reads in most_viewed:
            writer.writerow(["Les plus lues", f"{kind} : {title}", reads])
        for row in call_backs:
            title = f"Premier rappel des demandes reçues en {row.label}"
            writer.writerow([title, "Demandes", row.count_shown])
            writer.writerow([title, "Délai médian", row.median_shown])
            writer.writerow([title, "Dans le délai promis", row.share_shown])
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="chiffres-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
        return response
