"""Sign-ups as the tests need them. Since issue 17 a sign-up from the form takes no place until she confirms her
address: `take` does both."""

from pairs import services
from pairs.models import Registration


def take(group, *, first_name, email, now=None) -> Registration:
    """Sign up and confirm from the e-mail: a place if one is free, else the waiting list."""
    registration = services.sign_up(group, first_name=first_name, email=email, now=now)
    services.confirm(registration, now=now)
    registration.refresh_from_db()
    return registration
