"""Settings for the test suite: the project's settings, with a test secret and fast, strict choices."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "k" * 60)
os.environ.setdefault("GUICHET_COORDINATOR_EMAIL", "animatrice@guichet.test")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "Guichet unique <ne-pas-repondre@guichet.test>")
# Production requires these two (guichet/env.py); the suite's cache is replaced below.
os.environ.setdefault("GUICHET_SITE_URL", "https://guichet.test")
os.environ.setdefault("GUICHET_SINGLE_SERVER", "1")

from config.settings import *  # noqa: E402,F403

# The suite runs with DEBUG off, as production does, but over plain HTTP on the test client.
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Static files straight from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No page cache in tests (one test turns it on to check what it shares).
CACHE_MIDDLEWARE_SECONDS = 0
# Nor a kept copy of the catalogue (tests/onboarding/test_catalogue.py turns it on to check it follows publications).
GUICHET_CONTENT_MEMO = False
# Each test starts with an empty cache of its own (tests/conftest.py), outside the database, so that tests without
# database access may use it. What production shares is checked in tests/test_settings.py and tests/test_production.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}}
