"""Per-address limits for forms anyone can send (requests to be put in touch, sign-ups): a count per hour kept in
the shared cache (Redis, or the database cache on one server: settings.CACHES), never in a process's memory, so that
every worker of every server counts the same. The address is only ever a fingerprint
(guichet.models.reports.client_fingerprint) of `address_key`: an IPv6 address counts for its whole /64, the block one
home or phone is given.

The visitor's address comes from `client_address`: behind GUICHET_TRUSTED_PROXIES reverse proxies, the Nth address
from the right of X-Forwarded-For (the one the outermost trusted proxy saw); never an address the visitor wrote.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600


def recent(action: str, fingerprint: str) -> int:
    """How many times this address did `action` within the hour."""
    return cache.get(f"rate:{action}:{fingerprint}", 0)


def count(action: str, fingerprint: str) -> None:
    key = f"rate:{action}:{fingerprint}"
    if cache.add(key, 1, WINDOW):
        return
    try:
        if cache.incr(key) == 1:
            # Redis: the key expired between the check and the increment, which created it without an expiry.
            cache.touch(key, WINDOW)
    except ValueError:
        cache.set(key, 1, WINDOW)


def _without_port(value: str) -> str:
    """`[2001:db8::1]:443` → `2001:db8::1`, `203.0.113.7:51000` → `203.0.113.7` (some proxies add the port)."""
    value = value.strip()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


def client_address(meta) -> str:
    """The visitor's address: REMOTE_ADDR without trusted proxies; else the Nth address from the right of
    X-Forwarded-For, N = GUICHET_TRUSTED_PROXIES (each trusted proxy appends the address it received from). With fewer
    addresses than trusted proxies, the request did not come through them: REMOTE_ADDR."""
    remote = meta.get("REMOTE_ADDR", "")
    proxies = settings.GUICHET_TRUSTED_PROXIES
    if not proxies:
        return remote
    hops = [hop for hop in (part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")) if hop]
    if len(hops) < proxies:
        return remote
    return _without_port(hops[-proxies]) or remote


def address_key(address: str) -> str:
    """What a limit counts: the IPv4 address, or the /64 network of an IPv6 address (one subscriber's block, which she
    could otherwise rotate through)."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return (address or "").strip()
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class ClientAddressMiddleware:
    """Puts the visitor's address (client_address) in REMOTE_ADDR, before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.GUICHET_TRUSTED_PROXIES:
            request.META["REMOTE_ADDR"] = client_address(request.META)
        return self.get_response(request)
