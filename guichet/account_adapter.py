"""allauth's adapter for visitor accounts: signing up with an address that already has an account must not be told
apart, neither by the page (allauth's ACCOUNT_PREVENT_ENUMERATION, on by default: the same "check your e-mail" page,
and an e-mail to the owner) nor by the time it takes (issue 17)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password


class AccountAdapter(DefaultAccountAdapter):
    def send_account_already_exists_mail(self, email: str) -> None:
        # A new account costs one password hash (the slow part of a sign-up, on purpose); pay the same here.
        make_password("same-cost-as-a-new-account")
        super().send_account_already_exists_mail(email)
