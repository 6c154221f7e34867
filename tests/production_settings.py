"""The production settings (config.settings, DEBUG off), as the production-like test (tests/test_production.py)
serves them with gunicorn: only the static files are read from the source folders, so that the test needs no
`collectstatic`. Never used by the rest of the suite."""

from config.settings import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
