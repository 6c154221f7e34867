"""'Continuer sur mon téléphone': her answers in an encrypted link (guichet.answers seals and reads it), valid
GUICHET_PARCOURS_LINK_DAYS, and revocable: "Désactiver les liens envoyés" keeps the random id of the links given so far
(RevokedLink), only as long as such a link could still be valid."""

import datetime

from django.conf import settings
from django.utils import timezone

from guichet import answers as store
from onboarding.models import RevokedLink


def read_link_token(token: str) -> store.Answers:
    """Raises store.LinkInvalid (altered, or a link of the old signed kind), store.LinkExpired, store.LinkRevoked."""
    answers, link_id = store.read_link(token)
    if RevokedLink.objects.filter(link_id=link_id).exists():
        raise store.LinkRevoked
    return answers


def revoke_links(request) -> None:
    """Every link and QR code given so far stops working; new ones get a new id."""
    old = store.renew_link_id(request)
    if old:
        RevokedLink.objects.get_or_create(link_id=old)
    RevokedLink.objects.filter(
        revoked_at__lt=timezone.now() - datetime.timedelta(days=settings.GUICHET_PARCOURS_LINK_DAYS)
    ).delete()
