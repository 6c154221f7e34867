from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from guichet import fictitious, terms
from guichet.forms import ErrorReportForm
from guichet.sharedcache import memo

register = template.Library()


@register.inclusion_tag("guichet/includes/report_form.html")
def report_error_form(entry):
    """The "Signaler une information erronée ou périmée" block of every public detail page."""
    opts = entry._meta
    return {
        "action": reverse("guichet:report_error", kwargs={"model_label": opts.label_lower, "pk": entry.pk}),
        "form": ErrorReportForm(),
    }


@register.filter
def fictif(entry):
    """An entry's name, with "(fictif)" for a fictitious demonstration entry: `{{ event|fictif }}`."""
    return fictitious.label(entry, getattr(entry, "is_demo", False))


@register.simple_tag
def duration(setting):
    """A duration the settings decide, in words: `{% duration "GUICHET_REVIEW_AFTER_DAYS" %}` → "6 mois"."""
    return terms.duration(setting)


@register.filter
def days(count):
    """A number of days in words: `{{ 60|days }}` → "2 mois"."""
    return terms.days(count)


@register.simple_tag
def covered_area():
    """Where the service is deployed: "la région Provence-Alpes-Côte d'Azur" (guichet.terms)."""
    return terms.covered_area()


@register.inclusion_tag("guichet/includes/freshness.html")
def freshness(entry):
    """ "Mis à jour le", "vérifiée le … par l'équipe" (or "pas encore vérifiée") and the source with its own date
    ("Source datée du …", never presented as a verification), shown on every public detail page."""
    return {"entry": entry}


@register.inclusion_tag("guichet/includes/outdated.html")
def outdated_notice(entry):
    """Near the top of a public page: "Information ancienne, à vérifier" when the team's last verification is long
    overdue, "Pas encore vérifiée par l'équipe" when nobody has verified the entry yet (fictitious entries say they
    are fictitious instead)."""
    return {"entry": entry}


@register.filter
def row_header_scope(cell):
    """A cell of the admin's lists (admin/change_list_results.html): Django writes each row's first cell as a bare
    `<th class="…">`; it is the row's header, declared as such (RGAA 5.7)."""
    text = str(cell)
    if text.startswith("<th") and "scope=" not in text[: text.find(">")]:
        return mark_safe('<th scope="row"' + text[3:])  # noqa: S308 (Django's own escaped cell, one attribute added)
    return cell


@register.simple_tag
def filters_form(form, action: str, label: str):
    """A listing's filters (guichet/includes/filters.html). Their HTML depends only on the address's filters and on
    the themes and départements offered: each process keeps it until content changes (guichet.sharedcache.memo),
    under the filters of the address. Filters read from her answers (`from_her_answers`) are drawn each time: her
    answers are never kept."""

    def draw():
        return render_to_string("guichet/includes/filters.html", {"form": form, "action": action, "label": label})

    if getattr(form, "from_her_answers", False):
        return draw()
    data = form.data
    filters = sorted((name, tuple(data.getlist(name))) for name in data if name != "page") if form.is_bound else None
    return memo("guichet.filters_form", draw, key=(type(form).__qualname__, action, label, repr(filters)))
