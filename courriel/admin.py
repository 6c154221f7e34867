"""The e-mails that could not be sent, for the coordinator: what, when, how many tries; never the content (an
e-mail may carry her parcours) and only a masked address."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from mailer.models import PRIORITY_DEFERRED, PRIORITY_MEDIUM, Message, MessageLog

from courriel import queue
from courriel.models import FailedMessage
from guichet.admin import is_coordinator


def mask(address: str) -> str:
    name, _, domain = address.rpartition("@")
    return f"{name[:1]}…@{domain}" if name else "…"


# django-mailer's own pages show the content of queued messages: replaced by the one below.
for model in (Message, MessageLog):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(FailedMessage)
class FailedMessageAdmin(admin.ModelAdmin):
    list_display = ("queued", "subject_line", "recipients", "tries", "state")
    actions = ["retry_now"]
    list_display_links = None

    def get_queryset(self, request):
        return super().get_queryset(request).filter(priority=PRIORITY_DEFERRED).order_by("when_added")

    def has_module_permission(self, request):
        return is_coordinator(request)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request)

    def has_change_permission(self, request, obj=None):
        return is_coordinator(request)

    def has_delete_permission(self, request, obj=None):
        return is_coordinator(request)

    def has_add_permission(self, request):
        return False

    @admin.display(description="mis en file le")
    def queued(self, obj):
        return f"{timezone.localtime(obj.when_added):%d/%m/%Y %H:%M}"

    @admin.display(description="objet")
    def subject_line(self, obj):
        return obj.subject

    @admin.display(description="destinataire")
    def recipients(self, obj):
        return ", ".join(mask(address) for address in obj.to_addresses)

    @admin.display(description="essais")
    def tries(self, obj):
        return obj.retry_count + 1

    @admin.display(description="état")
    def state(self, obj):
        if obj.retry_count >= settings.GUICHET_MAIL_MAX_RETRIES:
            return "abandonné : vérifiez le serveur d'e-mail, puis « Réessayer maintenant »"
        next_try = timezone.localtime(obj.when_added + queue.retry_delay(obj.retry_count + 1))
        return f"nouvel essai automatique vers {next_try:%d/%m %H:%M}"

    @admin.action(description="Réessayer maintenant")
    def retry_now(self, request, queryset):
        count = queryset.update(priority=PRIORITY_MEDIUM)
        messages.success(request, f"{count} e-mail(s) remis dans la file : ils partent au prochain passage.")
