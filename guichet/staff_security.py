"""The team's accounts protected (issue 17, point 2). Members of the team see health data in the back office, so:

- One login for everyone, throttled: `/admin/login/` leads to allauth's login (`/compte/login/`), whose rate limits
  are counted in the shared cache; an account locked out there is locked out of the back office too. The admin's own
  login form, which counted nothing, is never shown and never reads a password.
- A second factor before any admin page (`StaffSecondFactorMiddleware`, the one place the rule lives): a member of
  the team without an authenticator app is sent to set one up (allauth.mfa: TOTP, then recovery codes); one who has
  it but did not give a code in this session (a session opened before, a password reset link) is asked for one.

Sessions live in the database (settings.SESSION_ENGINE), so logging out or changing one's password ends them.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import views as totp_views
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

SECOND_FACTOR_TYPES = [Authenticator.Type.TOTP]


def _safe_next(request, default: str) -> str:
    url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}"


def admin_login(request, extra_context=None):
    """The admin's login page (`admin:login`, where the admin sends anyone it does not let in): allauth's login, with
    the page she asked for. Whatever is posted here is ignored: no password is ever checked outside allauth."""
    next_url = _safe_next(request, reverse("admin:index"))
    user = request.user
    if user.is_authenticated:
        if user.is_active and user.is_staff:
            return HttpResponseRedirect(next_url)
        messages.error(request, "Ce compte n'a pas accès au back-office : il est réservé à l'équipe du Guichet unique.")
        return redirect("account_home")
    return HttpResponseRedirect(_with_next(reverse("account_login"), next_url))


def too_many_requests(request, exception=None):
    """allauth's answer when a rate limit is reached (config.urls.handler429), in French."""
    return render(request, "account/429.html", status=429)


def has_second_factor(request) -> bool:
    """She gave a code from her authenticator app (or a recovery code) in this session, and still has the app."""
    user = request.user
    if not any(record.get("method") == "mfa" for record in get_authentication_records(request, user)):
        return False
    return is_mfa_enabled(user, SECOND_FACTOR_TYPES)


def second_factor_response(request):
    """None when the request may go on; else where a member of the team must go first."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return None  # the admin itself turns away whoever is not on the team
    admin_root = reverse("admin:index")
    if not request.path.startswith(admin_root) or request.path in (reverse("admin:logout"), reverse("admin:login")):
        return None
    if has_second_factor(request):
        return None
    # After the code, back to the page she asked for (a form she posted cannot be replayed: the desk instead).
    next_url = request.get_full_path() if request.method in ("GET", "HEAD") else admin_root
    if not is_mfa_enabled(user, SECOND_FACTOR_TYPES):
        messages.info(
            request,
            "Le back-office demande une double authentification : installez une application d'authentification sur "
            "votre téléphone (par exemple FreeOTP, Aegis ou Google Authenticator), scannez le code ci-dessous et "
            "saisissez le code à 6 chiffres qu'elle affiche.",
        )
        return redirect("mfa_activate_totp")
    messages.info(
        request, "Pour ouvrir le back-office, saisissez le code affiché par votre application d'authentification."
    )
    return HttpResponseRedirect(_with_next(reverse("mfa_reauthenticate"), next_url))


@receiver(password_reset)
def _a_password_chosen_from_a_link_verifies_the_address(sender, request, user, **kwargs):
    """The invitation and the reset link went to her address: choosing a password from it proves the address is
    hers, so allauth's login (which requires a verified address) lets a new member of the team in."""
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )


class ActivateTOTPView(totp_views.ActivateTOTPView):
    """allauth's page to add an authenticator app. Activating takes a code from the app: that session has its second
    factor, and the back office does not ask for another code at once."""

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        record_authentication(self.request, user, "mfa", id=authenticator.pk, type=authenticator.type)
        return response


activate_totp = ActivateTOTPView.as_view()


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return second_factor_response(request) or self.get_response(request)
