from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from annuaire import export, opening_hours, services
from annuaire.contact import ContactRequest
from annuaire.filters import StructureFilterSet
from annuaire.forms import AddMessageForm, ContactRequestForm
from annuaire.models import Structure
from guichet import organiser_sections
from guichet.answers import from_session as questionnaire_answers
from guichet.models import Territory
from guichet.models.reports import client_fingerprint
from guichet.pagination import paginate, query_without_page
from guichet.shortcuts import get_visible_by_slug
from guichet.working_days import add_working_days


def listing(request):
    filterset = StructureFilterSet(request.GET or None, queryset=Structure.objects.for_list())
    page = paginate(request, filterset.qs)
    code = filterset.departement_code
    departement = Territory.objects.departements().filter(code=code).first() if code else None
    return render(
        request,
        "annuaire/listing.html",
        {
            "filterset": filterset,
            "page": page,
            "query_prefix": query_without_page(request),
            "departement": departement,
        },
    )


def detail(request, slug):
    queryset = Structure.objects.select_related("owner").prefetch_related(
        "territories", "services__themes", "services__phases"
    )
    entry, redirect = get_visible_by_slug(queryset, request.user, slug)
    if redirect:
        return redirect
    context = {
        "entry": entry,
        "week": opening_hours.week(entry.opening_hours),
        "open_now": opening_hours.is_open(entry.opening_hours),
        "sections": organiser_sections.for_organiser(entry),  # what other apps add (the agenda: its next dates)
    }
    response = render(request, "annuaire/detail.html", context)
    if not entry.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def contact_request(request, slug=None):
    """ "Être mise en relation": her request reaches the coordinator first, never the structure."""
    structure = get_object_or_404(Structure.objects.published(), slug=slug) if slug else None
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    answers = questionnaire_answers(request)
    form = ContactRequestForm(request.POST or None, fingerprint=fingerprint, has_answers=not answers.is_empty)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            attached = answers.as_dict() if form.cleaned_data.get("attach_answers") else {}
            services.create_contact_request(
                structure=structure,
                data={**form.cleaned_data, "questionnaire_answers": attached},
                fingerprint=fingerprint,
                admin_url_prefix=request.build_absolute_uri(reverse("admin:annuaire_contactrequest_changelist")),
            )
        return redirect("annuaire:contact_request_sent")
    return render(request, "annuaire/contact_request.html", {"form": form, "structure": structure})


@never_cache
def contact_request_sent(request):
    callback_by = add_working_days(timezone.localdate(), settings.GUICHET_CALLBACK_WORKING_DAYS)
    return render(request, "annuaire/contact_request_sent.html", {"callback_by": callback_by})


def _private(response):
    """Her private page: never stored by a cache or a search engine, its address never sent to another site."""
    response["Cache-Control"] = "no-store, private"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _request_for_link(token: str):
    """The request her private link is for, with what her page shows; None: altered, unknown, revoked or erased."""
    queryset = ContactRequest.objects.select_related("oriented_to").prefetch_related("added_messages")
    return ContactRequest.from_link_token(token, queryset)


def _link_not_found(request):
    return _private(render(request, "annuaire/request_link_not_found.html", status=404))


@never_cache
@require_http_methods(["GET", "POST"])
def request_status(request, token):
    """Her request, online: where it stands, with dates; a form to add a message; the way to cancel it."""
    contact_request = _request_for_link(token)
    if contact_request is None:
        return _link_not_found(request)
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    form = None
    if contact_request.is_open:
        form = AddMessageForm(request.POST or None, fingerprint=fingerprint, request=contact_request)
        if request.method == "POST" and form.is_valid():
            if not form.is_spam:
                services.add_message(request=contact_request, text=form.cleaned_data["text"], fingerprint=fingerprint)
            return _private(redirect(f"{request.path}?message=envoye#messages"))
    elif request.method == "POST":
        return _private(redirect(request.path))
    context = {
        "contact_request": contact_request,
        "form": form,
        "sent": request.GET.get("message") == "envoye",
        "token": token,
    }
    return _private(render(request, "annuaire/request_status.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def request_cancel(request, token):
    """ "Annuler et effacer ma demande": a page with a button first (mail scanners that follow links erase nothing),
    then everything she wrote is erased and her link stops working."""
    contact_request = _request_for_link(token)
    if contact_request is None:
        return _link_not_found(request)
    if request.method == "POST":
        services.cancel_contact_request(request=contact_request)
        return _private(render(request, "annuaire/request_cancelled.html"))
    return _private(
        render(request, "annuaire/request_cancel.html", {"contact_request": contact_request, "token": token})
    )


def export_structures(request):
    """Open data: published structures, data·inclusion v1 format."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    records = [export.structure_record(s, base_url=base_url) for s in export.exportable(Structure.objects.all())]
    return _open_data(records)


def export_services(request):
    """Open data: the services of published structures, data·inclusion v1 format."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    records = [
        r for s in export.exportable(Structure.objects.all()) for r in export.service_records(s, base_url=base_url)
    ]
    return _open_data(records)


def _open_data(records):
    response = JsonResponse(records, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response
