"""The production settings, plus one trivial view to compare every page with (served by the same gunicorn)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
