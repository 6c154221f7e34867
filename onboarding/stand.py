"""Mode stand: the coordinator's tablet at a CCI, URSSAF or CMA stand, or in a hospital.

/stand/<code>/ starts the questionnaire with the event's code; every page then shows "Terminer et effacer". The stand
lives in its own encrypted cookie: the event code, a random id for this visitor's turn and the time of her last
request. The server decides when she has gone, from that time and not from the cookie's expiry: a request after
GUICHET_STAND_IDLE_SECONDS without activity wipes everything before anything is shown. A wipe (the button or the
delay) erases her answers (which belong to the turn's id, so a cookie the browser still sends is ignored anyway),
ends any session (someone who signed in on the tablet is signed out), asks the browser to clear this site's cookies
and cache (`Clear-Site-Data`) and starts again for the next visitor. Every page in mode stand says `no-store`, and
the questionnaire's forms do not let the browser restore what was ticked: Back shows nothing of her.

A stand never starts in a browser where someone is signed in: the page says so, and nobody is signed out."""

import secrets
import time

from django.conf import settings
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from guichet import answers

COOKIE_NAME = "stand"
# The stand cookie lasts an event's day; the wipe after inactivity never depends on it.
COOKIE_SECONDS = 12 * 3600
START_PREFIX = "/stand/"


def is_on(request) -> bool:
    return getattr(request, "stand", None) is not None


def code(request) -> str:
    return request.stand["code"] if is_on(request) else ""


def _read(request):
    token = request.COOKIES.get(COOKIE_NAME)
    if not token:
        return None
    try:
        state, _ = answers.unseal("stand", token)
    except answers.InvalidToken:
        return None
    types = {"code": str, "id": str, "seen": int}
    return state if all(isinstance(state.get(key), kind) for key, kind in types.items()) else None


def start(request, event_code: str) -> None:
    """A new visitor's turn: nothing of the previous one remains, on the server or in what the browser sends."""
    request.session.flush()
    state = {"code": event_code, "id": secrets.token_hex(12), "seen": int(time.time())}
    request.stand = state
    request.answers_cookie.bind_stand(state["id"])
    answers.erase(request)
    answers.set_source(request, event_code)


def end(request, response) -> None:
    """Wipe everything: her answers, any session, and (Clear-Site-Data) this site's cookies and cache in the browser."""
    answers.erase(request)
    request.session.flush()
    request.stand = None
    response.delete_cookie(COOKIE_NAME, path="/", samesite="Lax")
    response["Clear-Site-Data"] = '"cache", "cookies"'
    add_never_cache_headers(response)


def wipe_and_restart(request, event_code: str, *, finished: bool = False):
    """The response that wipes everything and opens the stand again for the next visitor (with a fresh cookie set
    by /stand/<code>/, after the browser has cleared the old ones). `finished`: she pressed "Terminer et effacer"."""
    response = redirect("onboarding:stand", event_code)
    if finished:
        response["Location"] += "?fin=1"  # the thank-you message: the messages cookie goes with the others
    end(request, response)
    return response


class StandMiddleware:
    """Reads the stand; wipes an idle one before the page is drawn; keeps the time of the last request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _read(request)
        request.stand = state
        if state is not None:
            idle = time.time() - state["seen"] > settings.GUICHET_STAND_IDLE_SECONDS
            if idle and not request.path_info.startswith(START_PREFIX):  # /stand/… starts or ends a turn itself
                return wipe_and_restart(request, state["code"])
            request.answers_cookie.bind_stand(state["id"])
        response = self.get_response(request)
        if request.stand is not None:
            request.stand["seen"] = int(time.time())
            response.set_cookie(
                COOKIE_NAME,
                answers.seal("stand", request.stand),
                max_age=COOKIE_SECONDS,
                path="/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        elif COOKIE_NAME in request.COOKIES and COOKIE_NAME not in response.cookies:
            response.delete_cookie(COOKIE_NAME, path="/", samesite="Lax")
        if state is not None or request.stand is not None:
            add_never_cache_headers(response)  # a shared tablet: the browser keeps no page
        return response


def context(request) -> dict:
    return {"stand_mode": is_on(request)}
