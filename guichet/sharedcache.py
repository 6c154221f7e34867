"""The page cache, shared by every server, and how a change of content clears it everywhere.

Public pages are kept in the shared cache (settings.CACHES: Redis, or the database cache on one server) under a key
that includes a *generation*: a random token kept in the same cache. Saving or deleting any editorial entry
(publishing, archiving, an approved change, a verification) draws a new generation once the transaction is committed,
so every server stops serving the pages cached before it — one write, whatever the number of servers or cached pages;
the old pages expire on their own (GUICHET_PAGE_CACHE_SECONDS). A request reads the generation once, before the view
runs, and stores its page under that one: a page rendered from data older than a publication is never stored under
the generation drawn for it.

The same generation tells each process when its copy of the public catalogue is out of date (`memo`): a page that
evaluates every published aid for her answers reads them from memory, rebuilt once per generation, instead of
loading and annotating them at each request. Only published content is held there, never a visitor's answers.

The database cache's table is created by `migrate` (post_migrate below), so `make run` and the tests need no step.
"""

import contextlib
import secrets
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware import cache as django_cache

GENERATION_KEY = "pages:generation"

_request_prefix: ContextVar[str | None] = ContextVar("page_cache_prefix", default=None)
# The generation read at the start of the current request (None outside a GET or HEAD request).
_request_generation: ContextVar[str | None] = ContextVar("page_cache_generation", default=None)
# name → (generation, value): this process's copies of public content (see `memo`).
_memos: dict[str, tuple[str, object]] = {}
# How many keys one keyed memo holds (see `memo`): the oldest goes first when a new one comes.
MEMO_KEYS = 512
_MISSING = object()


def generation() -> str:
    """The current generation of cached pages (drawn on first use if the cache has none, or lost it)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        value = cache.get(GENERATION_KEY, "")
    return value


def memo(name: str, build, key=None, valid=None):
    """`build()`, kept in this process until published content changes anywhere (a new generation), when
    settings.GUICHET_CONTENT_MEMO is on (by default whenever pages are cached). For public content only: what every
    visitor may see, never anything read from a request. A build that overlaps a publication is kept under the
    generation read before it, so the next request builds again.

    With a `key` (hashable: e.g. a phase and a département, never who is asking), one value per key, the
    MEMO_KEYS last used kept. With `valid` (value -> bool), a kept value it refuses is built again: what depends on
    the time as well as on content (say, until the next event of a list ends)."""
    if not settings.GUICHET_CONTENT_MEMO:
        return build()
    current = _request_generation.get() or generation()
    held = _memos.get(name)
    if held is None or held[0] != current:
        held = (current, {})
        _memos[name] = held
    values = held[1]
    value = values.pop(key, _MISSING)
    if value is _MISSING or (valid is not None and not valid(value)):
        value = build()
        if len(values) >= MEMO_KEYS:
            with contextlib.suppress(StopIteration, KeyError, RuntimeError):  # another thread got there first
                values.pop(next(iter(values)))
    values[key] = value  # last used last: dicts keep their order of insertion
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
        current = None
        if request.method in ("GET", "HEAD"):
            current = generation()
            request._page_cache_prefix = f"{self._base_prefix}.{current}"
        _request_generation.set(current)
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
    """An editorial entry, or a row that public pages show with them (a model with `public_content = True`: an aid's
    conditions, themes, territories), was saved or deleted, or one of its lists changed."""
    from guichet.models.editorial import EditorialModel

    if kwargs.get("action", "post_").startswith("post_") and (
        isinstance(instance, EditorialModel) or getattr(instance, "public_content", False)
    ):
        content_changed(using)


def _create_cache_table(sender, using, verbosity=1, **kwargs):
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))


def connect() -> None:
    """Called once by guichet's AppConfig.ready()."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    post_save.connect(_entry_changed, dispatch_uid="guichet.sharedcache.saved")
    post_delete.connect(_entry_changed, dispatch_uid="guichet.sharedcache.deleted")
    m2m_changed.connect(_entry_changed, dispatch_uid="guichet.sharedcache.lists")
    post_migrate.connect(
        _create_cache_table, sender=apps.get_app_config("guichet"), dispatch_uid="guichet.sharedcache.table"
    )
