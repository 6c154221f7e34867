import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from guichet import env
from tests.helpers import template_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("value", ["maybe", "2", "vrai", "yes please"])
def test_env_bool_rejects_nonsense(monkeypatch, value):
    monkeypatch.setenv("SOME_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env.env_bool("SOME_FLAG")


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("TRUE", True), ("off", False), ("0", False)])
def test_env_bool_accepts_usual_spellings(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_FLAG", value)
    assert env.env_bool("SOME_FLAG") is expected


def test_env_int_rejects_letters_and_values_below_minimum(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "douze")
    with pytest.raises(ImproperlyConfigured, match="nombre entier"):
        env.env_int("SOME_NUMBER", 1)
    monkeypatch.setenv("SOME_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="supérieur ou égal"):
        env.env_int("SOME_NUMBER", 1, minimum=1)


def test_env_list_rejects_empty_items(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "exemple.fr,,autre.fr")
    with pytest.raises(ImproperlyConfigured, match="élément vide"):
        env.env_list("SOME_HOSTS")
    monkeypatch.setenv("SOME_HOSTS", "exemple.fr, autre.fr")
    assert env.env_list("SOME_HOSTS") == ["exemple.fr", "autre.fr"]


def test_env_email_rejects_an_invalid_address(monkeypatch):
    monkeypatch.setenv("SOME_EMAIL", "pas une adresse")
    with pytest.raises(ImproperlyConfigured, match="adresse e-mail"):
        env.env_email("SOME_EMAIL", "x@exemple.fr")
    monkeypatch.setenv("SOME_EMAIL", "Guichet <contact@exemple.fr>")
    assert env.env_email("SOME_EMAIL", "x@exemple.fr") == "Guichet <contact@exemple.fr>"


def test_database_url_selects_postgresql_and_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/guichet")
    config = env.database("unused.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "guichet"
    monkeypatch.setenv("DATABASE_URL", "nimportequoi://rien")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database("unused.sqlite3")
    monkeypatch.delenv("DATABASE_URL")
    assert env.database("db.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


def test_secret_key_rules():
    with pytest.raises(ImproperlyConfigured, match="obligatoire"):
        _with_env({"DJANGO_SECRET_KEY": ""}, lambda: env.secret_key(debug=False))
    with pytest.raises(ImproperlyConfigured, match="trop courte"):
        _with_env({"DJANGO_SECRET_KEY": "court"}, lambda: env.secret_key(debug=False))
    with pytest.raises(ImproperlyConfigured, match="non sûre"):
        _with_env({"DJANGO_SECRET_KEY": "django-insecure-" + "x" * 60}, lambda: env.secret_key(debug=False))
    # In debug mode, a random key per process is enough.
    assert len(_with_env({"DJANGO_SECRET_KEY": ""}, lambda: env.secret_key(debug=True))) >= 50


def _with_env(values, function):
    saved = {name: os.environ.get(name) for name in values}
    try:
        os.environ.update(values)
        return function()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _manage(*args, **environment):
    inherited = ("DJANGO_", "DATABASE_URL", "GUICHET_", "REDIS_URL")
    clean = {key: value for key, value in os.environ.items() if not key.startswith(inherited)}
    clean.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY est obligatoire" in result.stderr


def test_production_refuses_a_bad_debug_value():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings", DJANGO_DEBUG="peut-être")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_settings_are_french_and_in_paris_time(settings):
    assert settings.LANGUAGE_CODE == "fr-fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE


def test_migrations_are_in_sync():
    result = _manage(
        "makemigrations", "--check", "--dry-run", DJANGO_SETTINGS_MODULE="tests.settings", **_database_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _database_env():
    return {"DATABASE_URL": os.environ["DATABASE_URL"]} if os.environ.get("DATABASE_URL") else {}


@pytest.mark.django_db
def test_database_url_is_honoured_by_the_suite():
    from django.db import connection

    expected = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    assert connection.vendor == expected


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_deployment_checks_pass_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="p" + "Xq7!rT9#vB2$wL5^" * 4,
        DJANGO_ALLOWED_HOSTS="guichet.example.fr",
        GUICHET_SITE_URL="https://guichet.example.fr",
        REDIS_URL="redis://127.0.0.1:6379/0",  # not reached by the checks
        **_database_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_secure_and_hsts_is_on(settings):
    # tests.settings imports the production branch (DEBUG off).
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SECURE_HSTS_SECONDS >= 31536000


def _settings_env(**values):
    """The environment of a production start: DEBUG off, a good key, and `values` (None removes a variable)."""
    environment = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "p" + "Xq7!rT9#vB2$wL5^" * 4,
        "GUICHET_SITE_URL": "https://guichet.example.fr",
        "GUICHET_SINGLE_SERVER": None,
        "REDIS_URL": None,
    }
    environment.update(values)
    return environment


def _env_call(values, function):
    removed = [name for name, value in values.items() if value is None]
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name in removed:
            os.environ.pop(name, None)
        os.environ.update({name: value for name, value in values.items() if value is not None})
        return function()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_production_requires_redis_unless_single_server_is_said():
    """Finding: nothing made production use a cache every server shares."""
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL est obligatoire"):
        _env_call(_settings_env(), lambda: env.shared_cache(debug=False))
    redis = _env_call(_settings_env(REDIS_URL="redis://cache.interne:6379/0"), lambda: env.shared_cache(debug=False))
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache.interne:6379/0"
    single = _env_call(_settings_env(GUICHET_SINGLE_SERVER="1"), lambda: env.shared_cache(debug=False))
    assert single["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    for nonsense in ("cache.interne:6379", "http://cache.interne", "redis://:abc"):
        with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
            _env_call(_settings_env(REDIS_URL=nonsense), lambda: env.shared_cache(debug=False))
    with pytest.raises(ImproperlyConfigured, match="GUICHET_SINGLE_SERVER"):
        _env_call(_settings_env(GUICHET_SINGLE_SERVER="peut-être"), lambda: env.shared_cache(debug=False))


def test_production_requires_the_public_address_in_https():
    """Finding: without GUICHET_SITE_URL, e-mail links pointed to 127.0.0.1."""
    with pytest.raises(ImproperlyConfigured, match="GUICHET_SITE_URL est obligatoire"):
        _env_call(_settings_env(GUICHET_SITE_URL=None), lambda: env.site_url(debug=False))
    for nonsense in ("http://guichet.example.fr", "guichet.example.fr", "https://"):
        with pytest.raises(ImproperlyConfigured, match="GUICHET_SITE_URL"):
            _env_call(_settings_env(GUICHET_SITE_URL=nonsense), lambda: env.site_url(debug=False))
    assert _env_call(_settings_env(), lambda: env.site_url(debug=False)) == "https://guichet.example.fr"
    assert _env_call(_settings_env(GUICHET_SITE_URL=None), lambda: env.site_url(debug=True)).startswith("http://")


def test_production_start_refuses_without_site_url_or_shared_cache():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings",
        **_start_env(GUICHET_SITE_URL=None, REDIS_URL="redis://127.0.0.1:6379/0"),
    )
    assert result.returncode != 0 and "GUICHET_SITE_URL est obligatoire" in result.stderr
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings", **_start_env())
    assert result.returncode != 0 and "REDIS_URL est obligatoire" in result.stderr


def _start_env(**values):
    """For a subprocess (_manage starts from an environment without DJANGO_, GUICHET_ and REDIS_ variables)."""
    return {name: value for name, value in _settings_env(**values).items() if value is not None}


SHARED_COUNT = (
    "from guichet import ratelimit; from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND']); ratelimit.count('contact-requests', 'empreinte'); "
    "print(ratelimit.recent('contact-requests', 'empreinte'))"
)


def test_default_settings_share_the_cache_between_processes(tmp_path):
    """Finding: counters lived in each worker's memory (6 requests accepted against a limit of 3 with 2 workers).
    With the default settings (`make run`: debug, SQLite), the cache is the database's, created by `migrate`, and two
    processes count together."""
    database_file = tmp_path / "un-serveur.sqlite3"
    database = {"DATABASE_URL": f"sqlite:///{database_file}", "DJANGO_DEBUG": "1"}
    # The suite's migrated template, when a process of this run made it, saves applying every migration again (eight
    # seconds): `migrate` then finds them applied and does what follows them, the cache table included.
    if (template := template_db.sqlite_template()).exists():
        shutil.copyfile(template, database_file)
    migrate = _manage("migrate", "--no-input", "-v0", DJANGO_SETTINGS_MODULE="config.settings", **database)
    assert migrate.returncode == 0, migrate.stderr
    outputs = [
        _manage("shell", "-c", SHARED_COUNT, DJANGO_SETTINGS_MODULE="config.settings", **database) for _ in range(3)
    ]
    assert all(output.returncode == 0 for output in outputs), [output.stderr for output in outputs]
    lines = [output.stdout.split()[-2:] for output in outputs]
    assert lines == [["django.core.cache.backends.db.DatabaseCache", str(number)] for number in (1, 2, 3)], (
        "each process must see the others' counts"
    )
