"""Actions on her parcours: the anonymous counters, the e-mail, saving to her account."""

import re

from django.conf import settings
from django.utils import timezone

from courriel import mail
from guichet.answers import Answers
from onboarding.models import SavedAnswers, SourceCode, UsageCount


def count(kind: str, answers: Answers, *, source: str = "") -> None:
    """One more in today's anonymous cell: day, phase, statut, département, event code. Nothing else."""
    UsageCount.add(
        day=timezone.localdate(),
        kind=kind,
        phase=answers.phase,
        status=answers.status,
        departement=answers.departement,
        source=source,
    )


def active_source(code: str) -> str:
    """The event code if the coordinator created it and it is active; unknown codes are ignored."""
    code = code or ""
    if not re.fullmatch(r"[a-z0-9-]{1,80}", code):  # never query with what a code cannot be (NUL bytes, …)
        return ""
    return code if SourceCode.objects.filter(code=code, is_active=True).exists() else ""


def send_parcours(*, email: str, parcours, link: str) -> None:
    """The address is used for this message only and never stored."""
    mail.send(
        "onboarding/parcours",
        to=email,
        context={"parcours": parcours, "link": link, "site_url": settings.GUICHET_SITE_URL.rstrip("/")},
    )


def save_to_account(user, answers: Answers) -> SavedAnswers:
    saved, _ = SavedAnswers.objects.update_or_create(
        user=user, defaults={"answers": answers.as_dict(), "consented_at": timezone.now()}
    )
    return saved
