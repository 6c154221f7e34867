"""What a page carries on paper only: the site's name, the page's address with a QR code to it, the print date and
when the team last verified what it says (issue 19, point 3). The block is in the HTML of printed kinds only (detail
pages, the printed parcours, the booklet), hidden on screen by the stylesheet: listings never draw a QR code."""

from functools import lru_cache

import segno
from django import template
from django.conf import settings
from django.utils import timezone

register = template.Library()

SITE_NAME = "Guichet unique"


@lru_cache(maxsize=512)
def _qr_svg(url: str) -> str:
    """An address's code never changes: drawn once per process (the best mask for paper costs ~40 ms). With a viewBox
    and no size of its own (unlike guichet.qr's), so that the print stylesheet scales it instead of cropping it."""
    code = segno.make(url, error="m")
    return code.svg_inline(
        scale=1,
        border=4,
        dark="#000",
        light="#fff",
        title=f"Code QR : {url}",
        svgclass="qr",
        lineclass=None,
        omitsize=True,
    )


def _verified(entries) -> dict:
    """When the team verified these entries: `reviewed_at` only (a person confirmed the entry against its source);
    a source's own date is never called a verification."""
    unique = {(e._meta.label, e.pk): e for e in entries if hasattr(e, "reviewed_at")}
    entries = list(unique.values())
    dates = [timezone.localdate(e.reviewed_at) for e in entries if e.reviewed_at]
    return {
        "count": len(entries),
        "verified": len(dates),
        "unverified": len(entries) - len(dates),
        "oldest": min(dates, default=None),
    }


def _parcours_entries(parcours):
    for name in ("aids", "caregiver_aids", "sheets", "structures", "apps"):
        yield from (s.entry for s in getattr(parcours, name, None) or [])
    yield from (getattr(o, "event", o) for o in getattr(parcours, "events", None) or [])


def _booklet_entries(booklet):
    for group in [booklet.for_everyone, *booklet.by_status, booklet.for_caregivers]:
        yield from group.aids
    yield from booklet.structures
    yield from booklet.national_lines
    yield from (o.event for o in booklet.events)


@register.inclusion_tag("guichet/includes/print_footer.html", takes_context=True)
def print_footer(context, entry=None, parcours=None, booklet=None, path=None, note=""):
    """`{% print_footer entry=entry %}` on a detail page; `parcours=` or `booklet=` on pages that gather many entries
    (the oldest verification and how many are not verified yet); `path=` when the address to give on paper is not
    the printed page's own; `note=` one sentence about that address."""
    request = context.get("request")
    url = settings.GUICHET_SITE_URL.rstrip("/") + (path or (request.path if request else "/"))
    if parcours is not None:
        summary = _verified(_parcours_entries(parcours))
    elif booklet is not None:
        summary = _verified(_booklet_entries(booklet))
    else:
        summary = None
    return {
        "site_name": SITE_NAME,
        "url": url,
        "qr_svg": _qr_svg(url),
        "printed_on": timezone.localdate(),
        "entry": entry,
        "summary": summary,
        "note": note,
    }


@register.simple_tag
def coordinator_contact() -> dict:
    """How to reach the Guichet on paper: the coordinator's e-mail address from the settings (shown only when it is a
    real address, never the development default `animatrice@localhost`) and the call-back promise. No phone number:
    the settings have none, and one is never made up."""
    email = settings.GUICHET_COORDINATOR_EMAIL
    domain = email.rpartition("@")[2]
    return {
        "email": email if "." in domain and not domain.endswith(".invalid") else "",
        "callback_days": settings.GUICHET_CALLBACK_WORKING_DAYS,
        "request_url": settings.GUICHET_SITE_URL.rstrip("/") + "/annuaire/mise-en-relation/",
    }
