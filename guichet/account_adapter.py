"""allauth's adapters.

Accounts: signing up with an address that already has an account must not be told apart, neither by the page
(allauth's ACCOUNT_PREVENT_ENUMERATION, on by default: the same "check your e-mail" page, and an e-mail to the owner)
nor by the time it takes (issue 17).

Second factor (allauth.mfa, issue 17 point 2): the QR code to scan is drawn by segno, inline (no image file, no
`data:` address for the Content-Security-Policy to allow), and a member of the team cannot turn her second factor
off (the back office requires it: guichet/staff_security.py).

E-mails (issue 20, point 4): allauth's go through courriel.mail like every other, as named e-mails of ours written in
French with the one signature (EMAILS); allauth's own templates, in English with their own signature, never go out."""

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.hashers import make_password

from courriel import mail
from guichet import ratelimit

# Every e-mail allauth can send with this project's settings (config/settings.py: verification by link, not by code;
# no login by code; no notifications of changes, ACCOUNT_EMAIL_NOTIFICATIONS being off, which also silences
# allauth.mfa's), and the named e-mail of ours that says it. tests/test_accounts.py keeps those settings so: one
# turned on would send an e-mail missing here, which AccountAdapter.send_mail refuses.
EMAILS = {
    "account/email/email_confirmation_signup": "guichet/account_confirm_signup",  # sign-up: confirm the address
    "account/email/email_confirmation": "guichet/account_confirm_email",  # the same, asked again (a login before it)
    "account/email/account_already_exists": "guichet/account_already_exists",  # sign-up with a known address
    "account/email/unknown_account": "guichet/account_unknown",  # a new password asked for an unknown address
    "account/email/password_reset_key": "guichet/password_reset",  # the link to choose a new password
}


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email: str) -> None:
        # A new account costs one password hash (the slow part of a sign-up, on purpose); pay the same here.
        make_password("same-cost-as-a-new-account")
        super().send_account_already_exists_mail(email)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's one door to sending (its documented hook): the named e-mail of ours for `template_prefix`, with
        allauth's context (activate_url, password_reset_url, signup_url, user…) and how long a link stays valid."""
        try:
            name = EMAILS[template_prefix]
        except KeyError:
            raise mail.UnknownEmail(
                f"allauth veut envoyer « {template_prefix} » : aucun e-mail du Guichet ne le dit "
                "(guichet.account_adapter.EMAILS)."
            ) from None
        valid_days = {
            "guichet/password_reset": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "guichet/account_confirm_signup": account_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
            "guichet/account_confirm_email": account_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS,
        }.get(name)
        mail.send(name, to=email, context={**context, "email": email, "valid_days": valid_days})

    def get_client_ip(self, request) -> str:
        """allauth's rate limits count an IPv6 address by its /64, as ours do (guichet/ratelimit.py); the address
        itself comes from GUICHET_TRUSTED_PROXIES (guichet.ratelimit.ClientAddressMiddleware)."""
        return ratelimit.address_key(super().get_client_ip(request))


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "Les membres de l'équipe gardent la double authentification : elle protège l'accès au back-office."
        ),
        "incorrect_code": "Ce code n'est pas le bon (ou il a déjà servi). Saisissez le code affiché maintenant.",
    }

    def build_totp_svg(self, url: str) -> str:
        from guichet.qr import inline_svg

        return inline_svg(url, title="Code QR à scanner avec votre application d'authentification")

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not authenticator.user.is_staff
