from django import template
from django.db.models import Q

from alertes import services
from alertes.models import Alert

register = template.Library()


@register.inclusion_tag("alertes/includes/my_alerts.html")
def my_alerts(user):
    """On /compte/: the alerts sent to her verified addresses, each with its unsubscribe link. An address she has
    not verified shows nothing: anyone may type anyone's address in a "Me prévenir" form."""
    if not user.is_authenticated:
        return {"alerts": []}
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    addresses = Q(pk__in=[])
    for email in emails:
        addresses |= Q(email__iexact=email)
    alerts = list(
        Alert.objects.filter(addresses).select_related("content_type").prefetch_related("entry").order_by("-created_at")
    )
    return {"alerts": [(alert, services.unsubscribe_link(alert)) for alert in alerts]}
