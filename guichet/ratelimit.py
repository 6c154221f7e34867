"""Per-address limits for forms anyone can send (requests to be put in touch, sign-ups): a count per hour kept in
the cache, never in the database. The address is only ever a fingerprint (guichet.models.reports.client_fingerprint).
"""

from django.core.cache import cache

WINDOW = 3600


def recent(action: str, fingerprint: str) -> int:
    """How many times this address did `action` within the hour."""
    return cache.get(f"rate:{action}:{fingerprint}", 0)


def count(action: str, fingerprint: str) -> None:
    key = f"rate:{action}:{fingerprint}"
    if not cache.add(key, 1, WINDOW):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, WINDOW)
