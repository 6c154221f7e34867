from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from guichet import ratelimit
from guichet.models.reports import client_fingerprint
from guichet.pagination import paginate, query_without_page
from guichet.shortcuts import get_visible_by_slug
from pairs import services, tokens
from pairs.enums import RegistrationStatus
from pairs.filters import PeerGroupFilterSet
from pairs.forms import RATE_ACTION, SignUpForm
from pairs.models import PeerGroup


def listing(request):
    filterset = PeerGroupFilterSet(request.GET or None, queryset=PeerGroup.objects.for_list())
    page = paginate(request, filterset.qs)
    return render(
        request,
        "pairs/listing.html",
        {"filterset": filterset, "page": page, "query_prefix": query_without_page(request)},
    )


def detail(request, slug):
    queryset = PeerGroup.objects.select_related("owner", "organiser", "departement").prefetch_related(
        "themes", "phases", "audiences", "sessions"
    )
    group, redirect_response = get_visible_by_slug(queryset, request.user, slug)
    if redirect_response:
        return redirect_response
    sessions = list(group.sessions.all())
    now = timezone.now()
    context = {
        "group": group,
        "entry": group,
        "sessions": sessions,
        "places_left": group.places_left_now(),
        "is_over": not sessions or sessions[-1].ends_at <= now,
        "accepts_signups": group.is_open and group.is_published and bool(sessions) and sessions[-1].starts_at > now,
    }
    response = render(request, "pairs/detail.html", context)
    if not group.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request, slug):
    group = get_object_or_404(PeerGroup.objects.published(), slug=slug)
    if not group.accepts_signups():
        return render(request, "pairs/signup_closed.html", {"group": group})
    fingerprint = client_fingerprint(request.META.get("REMOTE_ADDR", ""))
    form = SignUpForm(request.POST or None, fingerprint=fingerprint, group=group)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:
            data = form.cleaned_data
            services.sign_up(
                group,
                first_name=data["first_name"],
                email=data["email"],
                phone=data["phone"],
                expectations=data["expectations"],
                fingerprint=fingerprint,
            )
            ratelimit.count(RATE_ACTION, fingerprint)
        # The same answer whoever signs up, new or already registered: the page reveals nothing.
        return redirect("pairs:signup_sent", slug=group.slug)
    return render(request, "pairs/signup.html", {"group": group, "form": form, "places_left": group.places_left_now()})


@never_cache
def signup_sent(request, slug):
    group = get_object_or_404(PeerGroup.objects.published(), slug=slug)
    return render(request, "pairs/signup_sent.html", {"group": group, "hold_hours": tokens.hold_seconds() // 3600})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the e-mail opens a page with a button: mail scanners that follow links confirm nothing."""
    try:
        registration = tokens.read(token, tokens.CONFIRM, max_age=tokens.hold_seconds())
    except tokens.InvalidLink:
        return _link_problem(request, "invalid")
    except tokens.ExpiredLink as expired:
        return _link_problem(request, "expired", pk=expired.pk)
    if request.method == "POST":
        outcome = services.confirm(registration)
        return _outcome_page(request, outcome, registration)
    if registration.status != RegistrationStatus.PENDING:
        outcome = {
            RegistrationStatus.CONFIRMED: services.Outcome.ALREADY_CONFIRMED,
            RegistrationStatus.CANCELLED: services.Outcome.ALREADY_CANCELLED,
        }.get(registration.status, services.Outcome.EXPIRED)
        return _outcome_page(request, outcome, registration)
    return render(request, "pairs/confirm.html", {"registration": registration, "group": registration.group})


def _outcome_page(request, outcome, registration):
    """What became of her registration; the page tells the outcomes apart by name (`outcomes.CONFIRMED`)."""
    context = {"outcome": outcome, "outcomes": services.Outcome.__members__, "registration": registration}
    return render(request, "pairs/outcome.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """Valid until the group's last session ends; a page with a button, as for the confirmation."""
    try:
        registration = tokens.read(token, tokens.CANCEL)
    except (tokens.InvalidLink, tokens.ExpiredLink):
        return _link_problem(request, "invalid")
    last_end = registration.group.last_session_end()
    if last_end is None or last_end <= timezone.now():
        return _link_problem(request, "over", group=registration.group)
    if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.EXPIRED):
        return _outcome_page(request, services.Outcome.ALREADY_CANCELLED, registration)
    if request.method == "POST":
        outcome = services.cancel(registration)
        return _outcome_page(request, outcome, registration)
    return render(request, "pairs/cancel.html", {"registration": registration, "group": registration.group})


def _link_problem(request, problem, *, pk=None, group=None):
    if pk is not None and group is None:
        from pairs.models import Registration

        registration = Registration.objects.select_related("group").filter(pk=pk).first()
        group = registration.group if registration else None
    context = {"problem": problem, "group": group, "hold_hours": tokens.hold_seconds() // 3600}
    response = render(request, "pairs/link_problem.html", context)
    response.status_code = 400 if problem == "invalid" else 410
    return response
