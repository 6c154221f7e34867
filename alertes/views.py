from django.apps import apps
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alertes import services
from alertes.forms import AlertForm, SearchAlertForm
from alertes.listings import LISTING_KEY, default_listing, listings
from alertes.models import Alert, followable
from guichet import answers as answers_store
from guichet.models.reports import client_fingerprint


def _followable_entry(model_label: str, pk: int):
    """A published entry one may follow, or 404."""
    if model_label not in followable():
        raise Http404
    model = apps.get_model(model_label)
    entry = model.objects.published().filter(pk=pk).first()
    if entry is None:
        raise Http404
    return entry


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def follow(request, model_label, pk):
    """ "Me prévenir" for one aid, event or peer group: an address and a rhythm, then a confirmation e-mail."""
    entry = _followable_entry(model_label, pk)
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    form = AlertForm(request.POST or None, fingerprint=fingerprint)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            services.follow_entry(
                entry=entry,
                email=form.cleaned_data["email"],
                rhythm=form.cleaned_data["rhythm"],
                fingerprint=fingerprint,
            )
        return HttpResponseRedirect(reverse("alertes:requested"))
    return render(request, "alertes/follow.html", {"entry": entry, "form": form})


def _search_filters(data, listing) -> dict:
    """The listing's filters the address carries, and which listing (alertes.listings)."""
    filters = {LISTING_KEY: listing.key} if listing.key != default_listing().key else {}
    for name in listing.filters:
        values = [value for value in data.getlist(name) if value]
        if values:
            filters[name] = values if name == "theme" else values[0]
    return filters


@never_cache
@require_http_methods(["GET", "POST"])
def follow_search(request):
    """ "Me prévenir" under a listing (aids, agenda, directory: `?liste=`): its filters are carried in the address,
    as they are in the listing's own."""
    listing = listings().get(request.GET.get(LISTING_KEY, default_listing().key))
    if listing is None:
        raise Http404
    filters = _search_filters(request.GET, listing)
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    form = SearchAlertForm(request.POST or None, fingerprint=fingerprint, filters=filters)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            services.follow_search(
                filters=filters,
                email=form.cleaned_data["email"],
                rhythm=form.cleaned_data["rhythm"],
                fingerprint=fingerprint,
                health_consent=form.cleaned_data.get("health_consent", False),
            )
        return HttpResponseRedirect(reverse("alertes:requested"))
    return render(request, "alertes/follow_search.html", {"form": form, "filters": filters, "listing": listing})


def parcours_filters(answers) -> dict:
    """Her answers as the aids listing's filters (ressources.filters.ResourceFilterSet): statut, phase, département,
    needs; read from her encrypted cookie on the server, never carried in an address."""
    filters = answers.listing_filters()
    if answers.themes:
        filters["theme"] = list(answers.themes)
    return filters


@never_cache
@require_http_methods(["GET", "POST"])
def follow_parcours(request):
    """ "Me prévenir" from her parcours: new aids for her situation, as her answers say it. Her phase is kept only
    if she agrees; without answers, the page sends her to the questionnaire."""
    if not answers_store.has_answered(request):
        return HttpResponseRedirect(reverse("onboarding:parcours"))
    answers = answers_store.from_session(request)
    filters = parcours_filters(answers)
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    form = SearchAlertForm(request.POST or None, fingerprint=fingerprint, filters=filters)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            services.follow_search(
                filters=filters,
                email=form.cleaned_data["email"],
                rhythm=form.cleaned_data["rhythm"],
                fingerprint=fingerprint,
                health_consent=form.cleaned_data.get("health_consent", False),
            )
        return HttpResponseRedirect(reverse("alertes:requested"))
    return _private(
        render(
            request,
            "alertes/follow_parcours.html",
            {"form": form, "situation": answers_store.summary(answers), "has_phase": "phase" in filters},
        )
    )


@never_cache
def requested(request):
    return render(request, "alertes/requested.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the e-mail opens a page with a button: mail scanners that follow links confirm nothing."""
    try:
        alert = services.read_confirm_token(token)
    except services.InvalidLink:
        return _private(render(request, "alertes/link_not_found.html", status=404))
    if request.method == "POST":
        services.confirm(alert)
        return _private(render(request, "alertes/confirmed.html", {"alert": alert}))
    return _private(render(request, "alertes/confirm.html", {"alert": alert}))


# CSRF-exempt on purpose, and only this view: mail clients send the one-click unsubscribe (RFC 8058) as a POST with
# no cookie and no token. The unguessable token in the address is the proof; all a forged POST could do is what the
# link's owner may do.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with a button. POST with `List-Unsubscribe=One-Click`: the alert is deleted, with its filters."""
    alert = Alert.from_unsubscribe_token(token)
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") != "One-Click":
            return _private(render(request, "alertes/unsubscribe.html", {"alert": alert}, status=400))
        if alert is not None:
            services.delete(alert)
        return _private(render(request, "alertes/unsubscribed.html"))
    if alert is None:
        return _private(render(request, "alertes/link_not_found.html", status=404))
    return _private(render(request, "alertes/unsubscribe.html", {"alert": alert}))
