"""The page cache, shared by every server, and how a change of content clears it everywhere.

Public pages are kept in the shared cache (settings.CACHES: Redis, or the database cache on one server) under a key
that includes a *generation*: a random token kept in the same cache. Saving or deleting any editorial entry
(publishing, archiving, an approved change, a verification) draws a new generation once the transaction is committed,
so every server stops serving the pages cached before it — one write, whatever the number of servers or cached pages;
the old pages expire on their own (GUICHET_PAGE_CACHE_SECONDS). A request reads the generation once, before the view
runs, and stores its page under that one: a page rendered from data older than a publication is never stored under
the generation drawn for it.

The database cache's table is created by `migrate` (post_migrate below), so `make run` and the tests need no step.
"""

import secrets
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction
from django.middleware import cache as django_cache

GENERATION_KEY = "pages:generation"

_request_prefix: ContextVar[str | None] = ContextVar("page_cache_prefix", default=None)


def generation() -> str:
    """The current generation of cached pages (drawn on first use if the cache has none, or lost it)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        value = cache.get(GENERATION_KEY, "")
    return value


def _new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def content_changed(using: str = "default") -> None:
    """Cached pages may show something that changed: once the transaction commits, every server stops serving them
    (before, a page rendered from the data before the transaction would be stored under the new generation)."""
    transaction.on_commit(_new_generation, using=using)


class _GenerationPrefix:
    """`key_prefix` of Django's cache middleware, followed by the generation the request read."""

    @property
    def key_prefix(self):
        prefix = _request_prefix.get()
        return prefix if prefix is not None else self._base_prefix

    @key_prefix.setter
    def key_prefix(self, value):
        self._base_prefix = value


class FetchFromCacheMiddleware(_GenerationPrefix, django_cache.FetchFromCacheMiddleware):
    def process_request(self, request):
        if request.method in ("GET", "HEAD"):
            request._page_cache_prefix = f"{self._base_prefix}.{generation()}"
        token = _request_prefix.set(getattr(request, "_page_cache_prefix", None))
        try:
            return super().process_request(request)
        finally:
            _request_prefix.reset(token)


class UpdateCacheMiddleware(_GenerationPrefix, django_cache.UpdateCacheMiddleware):
    def process_response(self, request, response):
        token = _request_prefix.set(getattr(request, "_page_cache_prefix", None))
        try:
            return super().process_response(request, response)
        finally:
            _request_prefix.reset(token)


def _entry_changed(sender, instance, using, **kwargs):
    from guichet.models.editorial import EditorialModel

    if isinstance(instance, EditorialModel):
        content_changed(using)


def _create_cache_table(sender, using, verbosity=1, **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


def connect() -> None:
    """Called once by guichet's AppConfig.ready()."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_migrate, post_save

    post_save.connect(_entry_changed, dispatch_uid="guichet.sharedcache.saved")
    post_delete.connect(_entry_changed, dispatch_uid="guichet.sharedcache.deleted")
    post_migrate.connect(
        _create_cache_table, sender=apps.get_app_config("guichet"), dispatch_uid="guichet.sharedcache.table"
    )
