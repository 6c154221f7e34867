"""Settings for the test suite: the project's settings, with a test secret and fast, strict choices."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "k" * 60)
os.environ.setdefault("GUICHET_COORDINATOR_EMAIL", "animatrice@guichet.test")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "Guichet unique <ne-pas-repondre@guichet.test>")

from guichet.settings import *  # noqa: E402,F403

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
