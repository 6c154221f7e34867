"""Her account page's section (guichet.account_sections): the alerts sent to her verified addresses."""

from django.db.models import Q
from django.template.loader import render_to_string

from alertes import services
from alertes.models import Alert


def my_alerts(user) -> str:
    """On /compte/: the alerts sent to her verified addresses, each with its unsubscribe link. An address she has
    not verified shows nothing: anyone may type anyone's address in a "Me prévenir" form."""
    if not user.is_authenticated:
        return render_to_string("alertes/includes/my_alerts.html", {"alerts": []})
    from allauth.account.models import EmailAddress

    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    addresses = Q(pk__in=[])
    for email in emails:
        addresses |= Q(email__iexact=email)
    alerts = list(
        Alert.objects.filter(addresses).select_related("content_type").prefetch_related("entry").order_by("-created_at")
    )
    links = [(alert, services.unsubscribe_link(alert)) for alert in alerts]
    return render_to_string("alertes/includes/my_alerts.html", {"alerts": links})
