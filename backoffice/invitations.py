"""Inviting an operator: her account is created without a password, and she receives a link (allauth's password
reset key, valid PASSWORD_RESET_TIMEOUT seconds) to choose her own. No shared accounts, no password sent by e-mail."""

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from courriel import mail


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
    mail.send("backoffice/invitation", to=user.email, context=context)


def choose_password_view():
    """allauth's "choose your password" page (from an invitation or a reset link), except that a member of the team
    who has chosen her password is signed in and lands in the back office, not on a page with no way into it."""
    from allauth.account.views import PasswordResetFromKeyView
    from django.contrib import messages
    from django.contrib.auth import login
    from django.shortcuts import redirect

    class ChoosePasswordView(PasswordResetFromKeyView):
        def form_valid(self, form):
            user = self.reset_user
            response = super().form_valid(form)
            if user is None or not (user.is_active and user.is_staff) or self.request.user.is_authenticated:
                return response
            login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(self.request, "Votre mot de passe est enregistré. Bienvenue dans le back-office.")
            return redirect("admin:index")

    return ChoosePasswordView.as_view()
