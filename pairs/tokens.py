"""Signed links in the e-mails (Django's signing: HMAC with the secret key, with a timestamp for expiry).

A token names one registration and one purpose, and is bound to her e-mail address: once the sign-up is anonymised,
its links no longer work. A confirmation link expires with the hold; a cancel link works until the group's last
session ends (checked by the view).
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM = "pairs.confirm"
CANCEL = "pairs.cancel"


class InvalidLink(Exception):
    """The link was altered, is for something else, or no longer applies."""


class ExpiredLink(Exception):
    """The link is genuine but too old."""

    def __init__(self, pk: int):
        super().__init__(pk)
        self.pk = pk


def _email_digest(registration) -> str:
    return salted_hmac("pairs.email", registration.email.lower()).hexdigest()[:16]


def make(registration, purpose: str) -> str:
    return signing.dumps({"r": registration.pk, "e": _email_digest(registration)}, salt=purpose, compress=True)


def read(token: str, purpose: str, *, max_age=None):
    """The registration this token names; raises InvalidLink or ExpiredLink."""
    from pairs.models import Registration

    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        data = signing.loads(token, salt=purpose)  # genuine: say which registration it was for
        raise ExpiredLink(data.get("r")) from None
    except signing.BadSignature:
        raise InvalidLink from None
    registration = Registration.objects.select_related("group").filter(pk=data.get("r")).first()
    if registration is None or not registration.email or data.get("e") != _email_digest(registration):
        raise InvalidLink
    return registration


def hold_seconds() -> int:
    return settings.GUICHET_GROUP_HOLD_HOURS * 3600
