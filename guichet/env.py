"""Small helpers that read configuration from the environment and fail loudly on nonsense.

Every setting of the project that can change between machines goes through one of these.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.validators import EmailValidator

_TRUE = {"1", "true", "yes", "on", "oui"}
_FALSE = {"0", "false", "no", "off", "non", ""}


def env_str(name: str, default: str | None = None) -> str:
    """A string; `default=None` makes the variable required."""
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"La variable d'environnement {name} est obligatoire.")
        return default
    return value.strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    normalized = value.strip().lower()
    if normalized in _TRUE:
        return True
    if normalized in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} n'est pas un booléen : utilisez 1/0, true/false, yes/no ou on/off.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} n'est pas un nombre entier.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} doit être supérieur ou égal à {minimum}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; empty items are refused rather than silently dropped."""
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={value!r} contient un élément vide.")
    return items


def env_email(name: str, default: str) -> str:
    value = env_str(name, default)
    # Accept the "Name <address>" form Django uses for DEFAULT_FROM_EMAIL.
    address = value.rsplit("<", 1)[-1].rstrip(">").strip() if "<" in value else value
    try:
        EmailValidator()(address)
    except Exception:
        raise ImproperlyConfigured(f"{name}={value!r} n'est pas une adresse e-mail valide.") from None
    return value


INSECURE_KEY_PREFIX = "django-insecure"


def secret_key(*, debug: bool) -> str:
    """The secret key. Without it, debug mode gets a random per-process key; production refuses to start."""
    value = os.environ.get("DJANGO_SECRET_KEY", "").strip()
    if value:
        if not debug and (len(value) < 50 or value.startswith(INSECURE_KEY_PREFIX)):
            raise ImproperlyConfigured(
                "DJANGO_SECRET_KEY est trop courte ou non sûre : au moins 50 caractères aléatoires."
            )
        return value
    if not debug:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY est obligatoire quand DJANGO_DEBUG est désactivé.")
    from django.core.management.utils import get_random_secret_key

    return get_random_secret_key()


def database(default_sqlite_path) -> dict:
    """DATABASE_URL (PostgreSQL in production and CI), SQLite in the project folder otherwise."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": default_sqlite_path}
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as error:
        raise ImproperlyConfigured(f"DATABASE_URL n'est pas une adresse valide : {error}") from None
    if not config.get("ENGINE") or not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL doit nommer un moteur et une base.")
    return config


def env_url(name: str, default: str | None, *, schemes: set[str]) -> str:
    """An absolute address with one of `schemes`; `default=None` makes it required."""
    from urllib.parse import urlsplit

    value = env_str(name, default)
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} n'est pas une adresse valide.") from None
    if parts.scheme not in schemes or not (parts.hostname or (parts.scheme == "unix" and parts.path)):
        expected = ", ".join(f"{scheme}://…" for scheme in sorted(schemes))
        raise ImproperlyConfigured(f"{name}={value!r} n'est pas une adresse valide : attendu {expected}.")
    return value


def site_url(*, debug: bool) -> str:
    """The site's public address, for links in e-mails. Required in production, in https: without it, links would
    point to 127.0.0.1."""
    if debug:
        return env_url("GUICHET_SITE_URL", "http://127.0.0.1:8000", schemes={"http", "https"})
    if not os.environ.get("GUICHET_SITE_URL", "").strip():
        raise ImproperlyConfigured(
            "GUICHET_SITE_URL est obligatoire quand DJANGO_DEBUG est désactivé : l'adresse publique du site "
            "(par exemple https://guichet.example.fr), pour les liens des e-mails."
        )
    return env_url("GUICHET_SITE_URL", None, schemes={"https"})


DATABASE_CACHE_TABLE = "guichet_cache"


def shared_cache(*, debug: bool) -> dict:
    """The cache every process shares (rate limits, page cache, locks of the database-less fallback): Redis when
    REDIS_URL is set; otherwise Django's database cache, which all the workers of one machine share. In production
    (debug off), REDIS_URL is required unless GUICHET_SINGLE_SERVER=1 says the site runs on one server."""
    if os.environ.get("REDIS_URL", "").strip():
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_url("REDIS_URL", None, schemes={"redis", "rediss", "unix"}),
            "KEY_PREFIX": "guichet",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    if not env_bool("GUICHET_SINGLE_SERVER", default=debug):
        raise ImproperlyConfigured(
            "REDIS_URL est obligatoire quand DJANGO_DEBUG est désactivé (par exemple redis://127.0.0.1:6379/0) : "
            "les limites et le cache des pages doivent être les mêmes sur tous les serveurs. Sur un seul serveur, "
            "GUICHET_SINGLE_SERVER=1 garde le cache dans la base de données."
        )
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": DATABASE_CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
