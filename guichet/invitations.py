"""Inviting an operator: her account is created without a password, and she receives a link (allauth's password
reset key, valid PASSWORD_RESET_TIMEOUT seconds) to choose her own. No shared accounts, no password sent by e-mail."""

from urllib.parse import quote

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse


def invitation_url(user) -> str:
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return settings.GUICHET_SITE_URL.rstrip("/") + path.replace("UID-KEY", quote(key))


def invite(user, *, by) -> None:
    context = {
        "user": user,
        "by": by,
        "url": invitation_url(user),
        "organisations": [o.name for o in user.organisations.all()],
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "admin_url": settings.GUICHET_SITE_URL.rstrip("/") + reverse("admin:index"),
    }
    send_mail(
        subject="Votre accès au Guichet unique",
        message=render_to_string("guichet/emails/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
