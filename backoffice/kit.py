"""The field kit: for each event code, a flyer and a poster whose QR code opens /questionnaire/?source=CODE, and a
link to the printable booklet of each covered département (/livret/<code>/) to bring along."""

from urllib.parse import urlencode

from django.conf import settings

from guichet import qr
from guichet.models import Territory


def entry_url(code) -> str:
    return f"{settings.GUICHET_SITE_URL.rstrip('/')}/questionnaire/?{urlencode({'source': code.code})}"


def context(code) -> dict:
    url = entry_url(code)
    return {
        "code": code,
        "url": url,
        "site": settings.GUICHET_SITE_URL.rstrip("/").split("://", 1)[-1],
        "qr_svg": qr.public_inline_svg(url, title="Code QR : le questionnaire du Guichet unique", for_print=True),
        "booklets": list(Territory.objects.covered().values_list("code", "name")),
    }
