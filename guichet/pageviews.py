"""Counting reads of the kinds of content that ask for it (guichet.kinds: `counted`, sheets and aids) for the funders'
figures ("most viewed"), cache hits included.

The middleware sits outside the page cache, so every read counts. Counts are kept in memory by each worker and written
in one go at most once a minute (and when the worker stops): reading a page costs no query. The figure is a count of
pages served, robots included; nothing about the visitor is kept.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.db import DatabaseError
from django.db.models import F
from django.utils import timezone

from guichet import kinds
from guichet.models import PageView

FLUSH_SECONDS = 60
logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending: Counter = Counter()
_last_flush = time.monotonic()


def record(kind: str, slug: str) -> None:
    with _lock:
        _pending[(timezone.localdate(), kind, slug)] += 1


def flush() -> int:
    """Write the counts held by this worker; returns how many cells were written."""
    global _last_flush
    with _lock:
        cells = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    for (day, kind, slug), n in cells.items():
        cell = {"day": day, "kind": kind, "slug": slug}
        if not PageView.objects.filter(**cell).update(count=F("count") + n):
            PageView.objects.bulk_create([PageView(**cell, count=0)], ignore_conflicts=True)
            PageView.objects.filter(**cell).update(count=F("count") + n)
    return len(cells)


class PageViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200:
            counted = kinds.counted(request.path)
            if counted:
                record(*counted)
                if time.monotonic() - _last_flush > FLUSH_SECONDS:
                    try:
                        flush()
                    except DatabaseError:  # counting must never break the page she asked for
                        logger.warning("Lectures de pages non enregistrées (base indisponible).", exc_info=True)
        return response


def _flush_at_exit():
    try:
        flush()
    except Exception:  # noqa: BLE001 - the database may be gone at exit; a minute of counts is lost, nothing else
        pass


atexit.register(_flush_at_exit)
