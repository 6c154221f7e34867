"""Mode stand: the coordinator's tablet at a CCI, URSSAF or CMA stand, or in a hospital.

/stand/<code>/ starts the questionnaire with the event's code; every page then shows "Terminer et effacer", which
wipes the session and starts again; after a few minutes without activity the session is wiped anyway (the next
visitor finds a blank questionnaire)."""

import time

from django.conf import settings

SESSION_KEY = "stand"
SEEN_KEY = "stand_seen"


def is_on(request) -> bool:
    # Only read the session when there is one: the pages of cookie-less visitors stay shared by the page cache.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and bool(request.session.get(SESSION_KEY))


def start(session, code: str) -> None:
    session.flush()
    session[SESSION_KEY] = code
    session["parcours_source"] = code
    touch(session)


def touch(session) -> None:
    session[SEEN_KEY] = int(time.time())
    session.set_expiry(settings.GUICHET_STAND_IDLE_SECONDS)


def restart(session) -> str:
    """Wipe everything she answered; stay in stand mode for the next visitor. Returns the event code."""
    code = session.get(SESSION_KEY, "")
    start(session, code)
    return code


class StandMiddleware:
    """In stand mode, a session idle for longer than GUICHET_STAND_IDLE_SECONDS is wiped (the stand stays on)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_on(request):
            seen = request.session.get(SEEN_KEY, 0)
            if time.time() - seen > settings.GUICHET_STAND_IDLE_SECONDS:
                restart(request.session)
            else:
                touch(request.session)
        return self.get_response(request)


def context(request) -> dict:
    return {"stand_mode": is_on(request)}
