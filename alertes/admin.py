"""The coordinator sees how many alerts there are, never who asked for them: no address is listed to the team."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from alertes.enums import AlertKind, Rhythm
from alertes.models import Alert
from guichet.admin import CoordinatorAdmin


@admin.register(Alert)
class AlertAdmin(CoordinatorAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        # The list only: no page per alert (it would show an address).
        from django.urls import path

        return [path("", self.admin_site.admin_view(self.changelist_view), name="alertes_alert_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        counts = Alert.objects.aggregate(
            total=Count("pk"),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
            entries=Count("pk", filter=Q(kind=AlertKind.ENTRY, confirmed_at__isnull=False)),
            searches=Count("pk", filter=Q(kind=AlertKind.SEARCH, confirmed_at__isnull=False)),
            weekly=Count("pk", filter=Q(rhythm=Rhythm.WEEKLY, confirmed_at__isnull=False)),
            with_phase=Count("pk", filter=Q(health_consent_at__isnull=False)),
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Alertes : les chiffres",
            "counts": counts,
        }
        return TemplateResponse(request, "admin/alertes/alert/counts.html", context)
