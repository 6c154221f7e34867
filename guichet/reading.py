"""Lecture confortable: larger text, more space, one column, for a reader tired by treatment (VICAN5: 70 % still
report fatigue five years after diagnosis). Chosen on /lecture/ with a plain form (no JavaScript), kept in a cookie of
its own for a year, and applied by a small stylesheet (/lecture.css) that every page links: the pages themselves stay
the same for everyone, so the shared page cache keeps serving them; only that stylesheet varies with the cookie. The
page she came from is read from the Referer, so the footer's link is the same on every page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

COOKIE_NAME = "lecture"
COMFORT = "confort"
COOKIE_SECONDS = 365 * 24 * 3600

# Text 125 %, line height 1.8, letter and word spacing (at least WCAG 1.4.12's), lines of at most 60 characters, the
# site's grids (doors, cards, filters, facts) in one column, the opening summary a little larger.
COMFORT_CSS = """/* Lecture confortable (choisie sur /lecture/) */
html { font-size: 125%; }
body { line-height: 1.8; letter-spacing: 0.04em; word-spacing: 0.12em; }
p, li, dd, dt, label, .lead { max-width: 60ch; }
h1, h2, h3 { line-height: 1.4; }
.doors, .cards, .filters__row { display: block; }
.doors > *, .cards > * { margin-bottom: 1.5rem; }
.facts { display: block; }
.facts dd { margin: 0 0 0.75rem; }
.lead { font-size: 1.15em; }
"""


def is_comfortable(request) -> bool:
    return request.COOKIES.get(COOKIE_NAME) == COMFORT


def _came_from(request) -> str:
    """The page of this site she came from (the Referer, sent within the site: SECURE_REFERRER_POLICY)."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc != request.get_host() or referer.path.startswith("/lecture/"):
        return ""
    return referer.path + (f"?{referer.query}" if referer.query else "")


def _back(request, fallback: str) -> str:
    """Where she was (a path of this site only), else the settings page."""
    target = request.POST.get("next") or request.GET.get("next") or _came_from(request)
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@never_cache
@require_http_methods(["GET", "POST"])
def settings_page(request):
    if request.method == "POST":
        response = redirect(_back(request, "/lecture/"))
        if request.POST.get("lecture") == COMFORT:
            response.set_cookie(
                COOKIE_NAME,
                COMFORT,
                max_age=COOKIE_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        else:
            response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return response
    return render(
        request,
        "guichet/reading.html",
        {"comfortable": is_comfortable(request), "next": _back(request, "")},
    )


def stylesheet(request):
    """The rules of the comfortable reading when she chose it, nothing otherwise. Revalidated at each page (no-cache
    with an ETag: a 304 of a few bytes), private to her browser, varying with her cookie."""
    comfortable = is_comfortable(request)
    etag = f'"lecture-{COMFORT if comfortable else "normale"}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(COMFORT_CSS if comfortable else "/* Lecture normale */\n", content_type="text/css")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie"
    return response
