from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from guichet import account_sections, rgaa, services
from guichet.enums import Phase
from guichet.forms import ErrorReportForm, SearchForm
from guichet.models import Announcement, Territory, Theme
from guichet.models.editorial import EditorialModel
from guichet.models.reports import client_fingerprint
from guichet.pagination import paginate
from guichet.search import query_words, understand
from guichet.shortcuts import get_visible_or_404
from guichet.site_search import search_everything


def home(request):
    announcements = Announcement.objects.for_list()[:3]
    booklets = Territory.objects.departements().covered().values_list("code", "name")
    return render(
        request,
        "guichet/home.html",
        {"phases": Phase, "announcements": announcements, "booklets": booklets},
    )


def legal_notice(request):
    return render(request, "guichet/legal_notice.html")


def privacy(request):
    return render(
        request,
        "guichet/privacy.html",
        {
            "report_retention_days": settings.GUICHET_REPORT_RETENTION_DAYS,
            "request_retention_days": settings.GUICHET_REQUEST_RETENTION_DAYS,
            "group_retention_days": settings.GUICHET_GROUP_RETENTION_DAYS,
            "parcours_link_days": settings.GUICHET_PARCOURS_LINK_DAYS,
            "answers_keep_days": settings.GUICHET_ANSWERS_KEEP_DAYS,
            "stand_idle_minutes": max(1, settings.GUICHET_STAND_IDLE_SECONDS // 60),
        },
    )


def accessibility(request):
    assessment = rgaa.load()
    counts = assessment.counts
    context = {
        "assessment": assessment,
        "conforming": counts[rgaa.CONFORME],
        "non_conforming": counts[rgaa.NON_CONFORME],
        "not_applicable": counts[rgaa.NON_APPLICABLE],
        "not_evaluated_count": counts[rgaa.NON_EVALUE],
        "non_conformities": assessment.with_result(rgaa.NON_CONFORME),
        "not_evaluated": assessment.with_result(rgaa.NON_EVALUE),
        "by_theme": assessment.by_theme(),
    }
    return render(request, "guichet/accessibility.html", context)


def announcement_list(request):
    page = paginate(request, Announcement.objects.for_list())
    return render(request, "guichet/announcement_list.html", {"page": page})


def announcement_detail(request, slug):
    announcement = get_visible_or_404(Announcement.objects.select_related("owner"), request.user, slug=slug)
    response = render(request, "guichet/announcement_detail.html", {"entry": announcement})
    if not announcement.is_published:
        # Previews of unpublished entries are never cached.
        response["Cache-Control"] = "private, no-store"
    return response


def _reportable_entry(model_label: str, pk: int):
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not issubclass(model, EditorialModel) or not hasattr(model, "get_absolute_url"):
        raise Http404
    try:
        return model.objects.published().get(pk=pk)
    except model.DoesNotExist:
        raise Http404 from None


# CSRF-exempt on purpose: the form is anonymous and acts on nobody's behalf (a forged post could only send a report
# anyone may send directly); the honeypot and the rate limit guard it. Without a token, detail pages hold no
# per-visitor data and can be shared by the page cache.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def report_error(request, model_label, pk):
    """The shared "Signaler une information erronée ou périmée" form, for any published editorial entry."""
    entry = _reportable_entry(model_label, pk)
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    form = ErrorReportForm(request.POST or None, fingerprint=fingerprint)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            services.record_error_report(
                entry=entry,
                message=form.cleaned_data["message"],
                email=form.cleaned_data["email"],
                ip_address=request.META.get("REMOTE_ADDR", ""),
                entry_url=request.build_absolute_uri(entry.get_absolute_url()),
                admin_url_prefix=request.build_absolute_uri(reverse("admin:guichet_errorreport_changelist")),
            )
        messages.success(
            request,
            "Merci ! Votre signalement a bien été transmis à l'animatrice du Guichet unique, "
            "qui va vérifier l'information.",
        )
        return HttpResponseRedirect(entry.get_absolute_url())
    return render(request, "guichet/report_error.html", {"entry": entry, "form": form})


def theme_stylesheet(request):
    """One class per theme with its colour: badges and filters are colour-coded without inline styles (CSP)."""
    themes = Theme.objects.order_by("slug").values_list("slug", "colour")
    css = "".join(f".theme--{slug}{{--theme-colour:{colour}}}\n" for slug, colour in themes)
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico on every site, the admin included."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@never_cache
def health(request):
    """For monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "erreur", "database": "injoignable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def account_home(request):
    # What the apps add: her saved answers, her alerts (guichet.account_sections).
    return render(request, "guichet/account_home.html", {"sections": account_sections.for_user(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Deletion on request: the account and everything attached to it, at once."""
    if request.user.is_staff:
        # Back-office accounts carry history; the administrator closes them.
        messages.error(
            request,
            "Les comptes de l'équipe sont fermés par l'administratrice : écrivez-lui.",
        )
        return redirect("account_home")
    if request.method == "POST":
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, "Votre compte et les informations qui y étaient liées sont supprimés.")
        return redirect("guichet:home")
    return render(request, "guichet/account_delete.html")


def search(request):
    """/recherche/?q= (the search box of every page)."""
    form = SearchForm(request.GET or None)
    query, sections, too_short, understood = "", [], False, None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query and not query_words(query):
            too_short = True
        elif query:
            understood = understand(query)  # close spellings and synonyms, shown with the results
            sections = search_everything(understood)
    return render(
        request,
        "guichet/search.html",
        {
            "form": form,
            "query": query,
            "sections": [s for s in sections if s.total],
            "total": sum(s.total for s in sections),
            "too_short": too_short,
            "understood": understood,
        },
    )
