from datetime import timedelta

from django.db.models import Min, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control

from agenda import ics
from agenda.enums import Registration
from agenda.filters import EventFilterSet, UpcomingFilterSet
from agenda.models import Event, Occurrence
from guichet import calendars
from guichet.pagination import paginate, query_without_page
from guichet.sharedcache import memo
from guichet.shortcuts import get_visible_by_slug

FEED_NAME = "Guichet unique — agenda"
DETAIL_DATES = 12
OTHER_EVENTS = 4
# Calendar files are shared between visitors and kept this long (seconds), by the site cache and by applications.
FEED_MAX_AGE = 300
# A feed covers the next six months, soonest first, and at most this many dates: calendar applications stay quick.
FEED_DAYS = 183
FEED_MAX_DATES = 1000


def listing(request):
    occurrences = Occurrence.objects.public().not_cancelled().upcoming().for_cards()
    filterset = UpcomingFilterSet(request.GET or None, queryset=occurrences)
    page = paginate(request, filterset.qs)
    feed_query = request.GET.copy()
    feed_query.pop("page", None)
    return render(
        request,
        "agenda/listing.html",
        {
            "filterset": filterset,
            "page": page,
            "days": _days(page.object_list),
            "query_prefix": query_without_page(request),
            "feed_query": feed_query.urlencode(),
        },
    )


def archive(request):
    occurrences = Occurrence.objects.public().not_cancelled().past().for_cards()
    filterset = EventFilterSet(request.GET or None, queryset=occurrences)
    page = paginate(request, filterset.qs)
    return render(
        request,
        "agenda/archive.html",
        {
            "filterset": filterset,
            "page": page,
            "days": _days(page.object_list),
            "query_prefix": query_without_page(request),
        },
    )


def _days(occurrences) -> str:
    """The page's dates with their cards (agenda/includes/days.html), half of the listing's rendering time. Their HTML
    depends on published content, on the day (« Aujourd'hui », « Demain », the year) and on which of the dates are under
    way: each process keeps it (guichet.sharedcache.memo) under the dates shown, the day and those under way, until
    content changes anywhere. The filters need not be in the key: the same dates make the same HTML."""
    occurrences = list(occurrences)
    now = timezone.now()
    key = (timezone.localdate(now), tuple((o.pk, o.starts_at <= now < o.ends_at) for o in occurrences))
    return memo(
        "agenda.days",
        lambda: render_to_string("agenda/includes/days.html", {"days": _by_day(occurrences, now)}),
        key=key,
    )


def _by_day(occurrences, now):
    """[(day, [occurrence, …]), …] in the page's order; an event under way is listed under today."""
    today = timezone.localdate(now)
    days = []
    for occurrence in occurrences:
        day = timezone.localdate(occurrence.starts_at)
        if day < today and occurrence.ends_at > now:
            day = today
        if days and days[-1][0] == day:
            days[-1][1].append(occurrence)
        else:
            days.append((day, [occurrence]))
    return days


def detail(request, slug):
    queryset = Event.objects.select_related("owner", "organiser", "departement", "peer_group").prefetch_related(
        "themes", "phases", "audiences"
    )
    event, redirect = get_visible_by_slug(queryset, request.user, slug)
    if redirect:
        return redirect
    upcoming = list(event.occurrences.upcoming()[:DETAIL_DATES])
    last = None if upcoming else event.occurrences.past().first()
    others = []
    if event.organiser_id:
        others = (
            Event.objects.published()
            .filter(organiser_id=event.organiser_id)
            .exclude(pk=event.pk)
            .annotate(
                next_start=Min(
                    "occurrences__starts_at",
                    filter=Q(occurrences__ends_at__gt=timezone.now(), occurrences__is_cancelled=False),
                )
            )
            .filter(next_start__isnull=False)
            .order_by("next_start", "pk")[:OTHER_EVENTS]
        )
    response = render(
        request,
        "agenda/detail.html",
        {
            "event": event,
            "entry": event,
            "upcoming": upcoming,
            "last": last,
            "others": others,
            # Registration goes through a peer group of this site.
            "registers_here": event.registration == Registration.SITE and event.peer_group_id is not None,
        },
    )
    if not event.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


def event_calendar(request, slug):
    """ "Ajouter à mon agenda": the event's upcoming dates (all of them if it is over) as one .ics file."""
    event, redirect = get_visible_by_slug(Event.objects.select_related("organiser"), request.user, slug)
    if redirect:
        return redirect
    occurrences = list(event.occurrences.upcoming()) or list(event.occurrences.order_by("starts_at"))
    for occurrence in occurrences:
        occurrence.event = event
    body = ics.calendar(occurrences, name=event.title, base_url=_base_url(request), feed=False)
    response = _calendar_response(request, body, filename=f"{event.slug}.ics")
    if not event.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


def feed(request):
    """The agenda to subscribe to, at a stable address; the listing's filters give a filtered feed."""
    occurrences = Occurrence.objects.public().upcoming().select_related("event", "event__organiser")
    filterset = UpcomingFilterSet(request.GET or None, queryset=occurrences)
    if filterset.is_bound and not filterset.is_valid():
        problems = " ".join(str(error) for errors in filterset.errors.values() for error in errors)
        return HttpResponse(
            f"Ce lien d'agenda contient un filtre invalide : {problems}\n"
            "Reprenez le lien « s'abonner à cette sélection » sur la page de l'agenda.\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    selection = filterset.description
    name = f"{FEED_NAME} ({selection})" if selection else FEED_NAME
    horizon = timezone.now() + timedelta(days=FEED_DAYS)
    occurrences = filterset.qs.filter(starts_at__lt=horizon)[:FEED_MAX_DATES]
    body = ics.calendar(occurrences, name=name, base_url=_base_url(request), feed=True)
    return _calendar_response(request, body, filename="agenda.ics")


def _calendar_response(request, body: bytes, *, filename: str):
    # Unchanged agenda, same bytes, same ETag: ConditionalGetMiddleware answers "304 Not Modified", cached or not.
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = calendars.etag(body)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")
