from django import template
from django.urls import reverse

from guichet.forms import ErrorReportForm

register = template.Library()


@register.inclusion_tag("guichet/includes/report_form.html")
def report_error_form(entry):
    """The "Signaler une information erronée ou périmée" block of every public detail page."""
    opts = entry._meta
    return {
        "action": reverse("guichet:report_error", kwargs={"model_label": opts.label_lower, "pk": entry.pk}),
        "form": ErrorReportForm(),
    }


@register.inclusion_tag("guichet/includes/freshness.html")
def freshness(entry):
    """ "Mis à jour le / vérifié le" and the source, shown on every public detail page."""
    return {"entry": entry}


@register.inclusion_tag("guichet/includes/outdated.html")
def outdated_notice(entry):
    """ "Information ancienne, à vérifier", near the top of a public page whose entry is long overdue for review."""
    return {"entry": entry}


@register.simple_tag
def coordinator_desk():
    """The coordinator's desk on the admin home page (guichet.desk)."""
    from guichet import desk

    return desk.desk()
