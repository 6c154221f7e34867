"""allauth's adapters.

Accounts: signing up with an address that already has an account must not be told apart, neither by the page
(allauth's ACCOUNT_PREVENT_ENUMERATION, on by default: the same "check your e-mail" page, and an e-mail to the owner)
nor by the time it takes (issue 17).

Second factor (allauth.mfa, issue 17 point 2): the QR code to scan is drawn by segno, inline (no image file, no
`data:` address for the Content-Security-Policy to allow), and a member of the team cannot turn her second factor
off (the back office requires it: guichet/staff_security.py)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.hashers import make_password

from guichet import ratelimit


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email: str) -> None:
        # A new account costs one password hash (the slow part of a sign-up, on purpose); pay the same here.
        make_password("same-cost-as-a-new-account")
        super().send_account_already_exists_mail(email)

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
