"""State every server shares (issue 17, point 1), in one process: the visitor's address behind trusted proxies, IPv6
keyed by /64, and a publication that starts a new generation of cached pages. Across real processes and servers:
tests/test_settings.py (the default cache, shared by two processes) and tests/test_production.py (two gunicorn
servers on PostgreSQL and Redis)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from guichet import ratelimit, sharedcache
from guichet.models.reports import client_fingerprint
from tests.factories import AnnouncementFactory

PROXY = "10.0.0.2"  # the TLS proxy: every request reaches gunicorn from this address


def contact_data(**overrides):
    return {
        "message": "Je cherche quelqu'un pour m'aider à garder ma boutique pendant les traitements.",
        "contact_method": "email",
        "email": "elle@exemple.fr",
        "consent": "on",
        **overrides,
    }


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.7", PROXY),  # no trusted proxy: the header is whatever the visitor wrote
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a forged first address is ignored
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.1", "198.51.100.7"),  # CDN then load balancer
        (2, "198.51.100.7", PROXY),  # fewer hops than trusted proxies: not through them
        (1, "203.0.113.9:51000", "203.0.113.9"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "", PROXY),
    ],
)
def test_client_address_is_the_nth_from_the_right_of_x_forwarded_for(settings, proxies, forwarded, expected):
    settings.GUICHET_TRUSTED_PROXIES = proxies
    assert ratelimit.client_address({"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}) == expected


def test_an_ipv6_address_counts_for_its_slash_64():
    assert ratelimit.address_key("2001:db8:1:2:aaaa::1") == ratelimit.address_key("2001:db8:1:2:ffff::99")
    assert ratelimit.address_key("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert ratelimit.address_key("2001:db8:1:3::1") != ratelimit.address_key("2001:db8:1:2::1")
    assert ratelimit.address_key("::ffff:198.51.100.7") == "198.51.100.7"
    assert ratelimit.address_key("198.51.100.7") != ratelimit.address_key("198.51.100.8")
    assert client_fingerprint("2001:db8:1:2::1") == client_fingerprint("2001:db8:1:2:dead:beef:0:1")


@pytest.mark.django_db
def test_behind_the_proxy_each_visitor_has_her_own_limit(settings, client):
    """Finding: behind the TLS proxy, the limit keyed on the proxy's address: 3 requests an hour for the whole
    région."""
    settings.GUICHET_TRUSTED_PROXIES = 1
    settings.GUICHET_REQUESTS_PER_HOUR = 2
    url = reverse("annuaire:contact_request")

    def post(forwarded):
        return client.post(url, contact_data(), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    assert post("198.51.100.7").status_code == 302
    assert post("6.6.6.6, 198.51.100.7").status_code == 302  # a forged address does not give her a new count
    assert "Réessayez dans une heure" in post("7.7.7.7, 198.51.100.7").content.decode()
    # Another woman behind the same proxy is not refused.
    assert post("198.51.100.8").status_code == 302


@pytest.mark.django_db
def test_an_ipv6_visitor_cannot_rotate_addresses_within_her_block(settings, client):
    settings.GUICHET_REQUESTS_PER_HOUR = 2
    url = reverse("annuaire:contact_request")
    for suffix in ("1", "2"):
        assert client.post(url, contact_data(), REMOTE_ADDR=f"2001:db8:5:6::{suffix}").status_code == 302
    assert (
        "Réessayez dans une heure" in client.post(url, contact_data(), REMOTE_ADDR="2001:db8:5:6::3").content.decode()
    )
    assert client.post(url, contact_data(), REMOTE_ADDR="2001:db8:5:7::1").status_code == 302


def test_a_count_survives_an_increment_that_recreated_the_key():
    """Redis's incr after the key expired creates it without expiry: count() puts the window back."""
    ratelimit.count("essai", "empreinte")
    ratelimit.count("essai", "empreinte")
    assert ratelimit.recent("essai", "empreinte") == 2


@pytest.mark.django_db
def test_publishing_clears_the_cached_pages(settings, organisation, people, django_capture_on_commit_callbacks):
    """Finding: a publication did not clear the page cache. A page cached before it is no longer served after."""
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    AnnouncementFactory(owner=organisation, published=True, title="Permanence de mars")
    news = AnnouncementFactory(owner=organisation, title="Nouvel atelier sur la prévoyance")
    visitor = Client()
    assert "Nouvel atelier" not in visitor.get("/actualites/").content.decode()
    # The page is cached: a change that goes round the models is not seen...
    type(news).objects.filter(title="Permanence de mars").update(title="Permanence du printemps")
    assert "Permanence de mars" in visitor.get("/actualites/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        news.publish(by=people.coordinator)
    html = visitor.get("/actualites/").content.decode()
    assert "Nouvel atelier sur la prévoyance" in html and "Permanence du printemps" in html


@pytest.mark.django_db(transaction=True)
def test_the_new_generation_is_drawn_when_the_publication_is_committed(organisation):
    before = sharedcache.generation()
    with transaction.atomic():
        for title in ("Un", "Deux", "Trois"):
            AnnouncementFactory(owner=organisation, title=title)
        # Not yet: a page rendered now still reads the data before the transaction.
        assert sharedcache.generation() == before
    after = sharedcache.generation()
    assert after != before
    # The generation is kept in the shared cache; lost, a new one is drawn.
    cache.delete(sharedcache.GENERATION_KEY)
    assert sharedcache.generation() not in ("", after)
