"""Settings of the Guichet unique. Everything that varies between machines comes from the environment
(see README.md, "Configuration"); nothing here is secret."""

from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from guichet import env

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env.env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.secret_key(debug=DEBUG)
ALLOWED_HOSTS = env.env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "guichet",
    # Before the admin: its home page (admin/index.html) is the desks'.
    "backoffice",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # trigram lookups for the typo-tolerant search (PostgreSQL only; unused on SQLite)
    "allauth",
    "allauth.account",
    "allauth.mfa",  # the back office's second factor: TOTP with recovery codes (guichet/staff_security.py)
    "csp",
    "django_filters",
    "django_prose_editor",
    "import_export",
    "simple_history",
    "mailer",  # the outgoing e-mail queue (django-mailer); sent by `manage.py send_queued_mail`
    "courriel",
    "ressources",
    "annuaire",
    "agenda",
    "pairs",
    "onboarding",
    "alertes",  # "Me prévenir": alerts by e-mail, double opt-in, digests (issue 18, point 1)
]

MIDDLEWARE = [
    # First: the visitor's address behind GUICHET_TRUSTED_PROXIES reverse proxies (rate limits, reports).
    "guichet.ratelimit.ClientAddressMiddleware",
    # Outermost, so that pages served from the cache also answer "304 Not Modified" to a matching ETag.
    "django.middleware.http.ConditionalGetMiddleware",
    # Outside the page cache too: reads of sheets and aids are counted, cached or not (no query per read).
    "guichet.pageviews.PageViewMiddleware",
    "guichet.sharedcache.UpdateCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Her answers in their own encrypted cookie (guichet/answers.py); outside the stand, which may wipe them.
    "guichet.answers.AnswersMiddleware",
    "onboarding.stand.StandMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # No admin page for a member of the team without her second factor in this session (issue 17, point 2).
    "guichet.staff_security.StaffSecondFactorMiddleware",
    "guichet.sharedcache.FetchFromCacheMiddleware",
]

# Page cache (Django's own): public pages are shared between visitors who carry no cookie (a first visit from a
# flyer or a QR code) for a short time. Never cached: responses that set a cookie, that vary on a visitor's cookie
# for someone who has one, or that say `private` / `no-store` (previews of unpublished entries, the admin, /sante/).
# Pages carry no per-request nonce, so a cached page keeps a valid Content-Security-Policy.
# The cache is shared by every process of every server (rate limits, page cache, locks): Redis when REDIS_URL is set
# (required in production unless GUICHET_SINGLE_SERVER=1), else Django's database cache (its table is created by
# `migrate`). Publishing or changing an entry starts a new generation of cached pages on every server
# (guichet/sharedcache.py).
CACHES = {"default": env.shared_cache(debug=DEBUG)}
CACHE_MIDDLEWARE_SECONDS = env.env_int("GUICHET_PAGE_CACHE_SECONDS", 0 if DEBUG else 60, minimum=0)
CACHE_MIDDLEWARE_KEY_PREFIX = "pages"
# Each process keeps the published aids and sheets the parcours evaluates, until content changes (same generation as
# the page cache): on by default whenever pages are cached.
GUICHET_CONTENT_MEMO = env.env_bool("GUICHET_CONTENT_MEMO", CACHE_MIDDLEWARE_SECONDS > 0)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guichet.context_processors.site",
                "onboarding.stand.context",
            ],
        },
    },
]
# One project-wide template for every form field (labels, help texts and errors linked to the input).
FORM_RENDERER = "guichet.forms.SiteFormRenderer"

DATABASES = {"default": env.database(BASE_DIR / "db.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The search forgives one wrong letter in a word ("prevoyence"): pg_trgm's default of 0.6 is a little strict for
    # short French words (guichet/search.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c pg_trgm.word_similarity_threshold=0.5"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "guichet.User"
# Who organises events and groups (guichet.models.Organised), read with guichet.models.organiser_model().
GUICHET_ORGANISER_MODEL = "annuaire.Structure"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): optional for visitors, e-mail as identifier, verified e-mail required.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Signing up with an address that has an account looks and takes the same as a new one (no enumeration).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "guichet.account_adapter.AccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_REDIRECT_URL = "/compte/"
LOGIN_URL = "account_login"
# One throttled login for everyone: /admin/login/ leads to allauth's (guichet/staff_security.py), whose rate limits
# (allauth's defaults: 5 failed logins per account per 5 minutes, 10 per address per minute, 30 logins per address per
# minute) are counted in the shared cache (CACHES), so every worker of every server locks the same account.
# The team's second factor (allauth.mfa): an authenticator app (TOTP) and recovery codes; no passkeys.
MFA_ADAPTER = "guichet.account_adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Guichet unique"
# A member of the team proves her address by choosing her password from the link sent there (backoffice/invitations.py,
# guichet/staff_security.py); one whose session began before that rule may still add her app. Visitors cannot sign in
# before verifying theirs (ACCOUNT_EMAIL_VERIFICATION).
MFA_ALLOW_UNVERIFIED_EMAIL = True

LANGUAGE_CODE = "fr-fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: every message is written to a queue in the database (django-mailer), in the same transaction as what it
# tells; the worker `manage.py send_queued_mail --loop` (or every minute by cron) sends it with the real backend and,
# when the server refuses or does not answer, tries again after 5, 15, 35… minutes. A visitor's action never fails
# because mail does. The real backend: SMTP when EMAIL_HOST is set, else printed on the worker's console.
EMAIL_BACKEND = "mailer.backend.DbBackend"
MAILER_USE_FILE_LOCK = False  # each message is locked in the database instead (several servers)
MAILER_ERROR_HANDLER = "courriel.queue.defer_on_failure"
MAILER_EMAIL_LOG_MESSAGE_DATA = False  # the log of sent messages keeps no content, no address
GUICHET_MAIL_RETRY_MINUTES = env.env_int("GUICHET_MAIL_RETRY_MINUTES", 5, minimum=1)
GUICHET_MAIL_MAX_RETRIES = env.env_int("GUICHET_MAIL_MAX_RETRIES", 10, minimum=1)
EMAIL_HOST = env.env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    MAILER_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env.env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env.env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env.env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env.env_int("EMAIL_TIMEOUT", 10, minimum=1)
else:
    MAILER_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.env_email("DEFAULT_FROM_EMAIL", "Guichet unique <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The coordinator (animatrice): receives error reports and, later, requests to be put in touch.
GUICHET_COORDINATOR_EMAIL = env.env_email("GUICHET_COORDINATOR_EMAIL", "animatrice@localhost")

# Editorial freshness: an entry not verified for this many days is "à actualiser".
GUICHET_REVIEW_AFTER_DAYS = env.env_int("GUICHET_REVIEW_AFTER_DAYS", 182, minimum=1)
# Past that review date, a grace period; then the public page says "information ancienne, à vérifier".
GUICHET_OUTDATED_GRACE_DAYS = env.env_int("GUICHET_OUTDATED_GRACE_DAYS", 61, minimum=0)
# Requests to be put in touch: the call-back promised to her, the coordinator's reminder, the retention.
GUICHET_CALLBACK_WORKING_DAYS = env.env_int("GUICHET_CALLBACK_WORKING_DAYS", 5, minimum=1)
# Requests nobody called back within the promise: the coordinator is reminded the next day, the administrators this
# many working days after the promise (each once).
GUICHET_REQUEST_ESCALATION_WORKING_DAYS = env.env_int("GUICHET_REQUEST_ESCALATION_WORKING_DAYS", 3, minimum=1)
GUICHET_REQUEST_RETENTION_DAYS = env.env_int("GUICHET_REQUEST_RETENTION_DAYS", 365, minimum=1)
GUICHET_REQUESTS_PER_HOUR = env.env_int("GUICHET_REQUESTS_PER_HOUR", 3, minimum=1)
# Alerts ("Me prévenir"): deleted when not confirmed within this many days; confirmation asked again after
# RENEWAL days; deleted after EXPIRY days without one.
GUICHET_ALERT_UNCONFIRMED_DAYS = env.env_int("GUICHET_ALERT_UNCONFIRMED_DAYS", 7, minimum=1)
GUICHET_ALERT_RENEWAL_DAYS = env.env_int("GUICHET_ALERT_RENEWAL_DAYS", 335, minimum=1)
GUICHET_ALERT_EXPIRY_DAYS = env.env_int("GUICHET_ALERT_EXPIRY_DAYS", 365, minimum=2)
if GUICHET_ALERT_RENEWAL_DAYS >= GUICHET_ALERT_EXPIRY_DAYS:
    raise ImproperlyConfigured(
        "GUICHET_ALERT_RENEWAL_DAYS doit être inférieur à GUICHET_ALERT_EXPIRY_DAYS : on redemande la confirmation "
        "avant d'effacer l'alerte."
    )
# The public address of the site, for links in e-mails sent by cron commands.
GUICHET_SITE_URL = env.site_url(debug=DEBUG)  # required in production (https)
# How many reverse proxies (TLS terminator, load balancer) stand before gunicorn and add to X-Forwarded-For: the
# visitor's address is the Nth from the right. 0: the connection's address (no proxy, or one that is not trusted).
GUICHET_TRUSTED_PROXIES = env.env_int("GUICHET_TRUSTED_PROXIES", 0, minimum=0)
# Error reports from the public pages: at most this many per hour from one address.
GUICHET_REPORTS_PER_HOUR = env.env_int("GUICHET_REPORTS_PER_HOUR", 5, minimum=1)
# Handled error reports are deleted after this many days (privacy page).
GUICHET_REPORT_RETENTION_DAYS = env.env_int("GUICHET_REPORT_RETENTION_DAYS", 365, minimum=1)
# Reports nobody handled are deleted after this many days all the same.
GUICHET_REPORT_UNHANDLED_RETENTION_DAYS = env.env_int("GUICHET_REPORT_UNHANDLED_RETENTION_DAYS", 730, minimum=1)
# How far ahead recurring events are written out as dates (listing, feeds); `extend_agenda` moves it daily.
GUICHET_AGENDA_HORIZON_DAYS = env.env_int("GUICHET_AGENDA_HORIZON_DAYS", 365, minimum=31)
# Peer groups: a place is held this many hours for her to confirm; sign-ups accepted per hour from one address;
# sign-ups are anonymised this many days after the group's last session (privacy page).
GUICHET_GROUP_HOLD_HOURS = env.env_int("GUICHET_GROUP_HOLD_HOURS", 48, minimum=1)
GUICHET_SIGNUPS_PER_HOUR = env.env_int("GUICHET_SIGNUPS_PER_HOUR", 5, minimum=1)
# Sign-ups from the form take a place only once confirmed from the e-mail; at most this many may wait for their
# confirmation from one address (connection) and for one e-mail address.
GUICHET_PENDING_SIGNUPS_PER_ADDRESS = env.env_int("GUICHET_PENDING_SIGNUPS_PER_ADDRESS", 5, minimum=1)
GUICHET_PENDING_SIGNUPS_PER_EMAIL = env.env_int("GUICHET_PENDING_SIGNUPS_PER_EMAIL", 3, minimum=1)
GUICHET_GROUP_RETENTION_DAYS = env.env_int("GUICHET_GROUP_RETENTION_DAYS", 92, minimum=1)
# "M'envoyer ce parcours par e-mail": at most this many e-mails per hour from one address.
GUICHET_PARCOURS_EMAILS_PER_HOUR = env.env_int("GUICHET_PARCOURS_EMAILS_PER_HOUR", 3, minimum=1)
# Mode stand (a tablet at an event): everything she answered is wiped after this many seconds without activity.
GUICHET_STAND_IDLE_SECONDS = env.env_int("GUICHET_STAND_IDLE_SECONDS", 300, minimum=30)
# Her answers live in an encrypted cookie of their own (guichet/answers.py). Keys: comma-separated Fernet keys, the
# first encrypts and all decrypt (rotation: add the new key first, remove the old one GUICHET_ANSWERS_KEEP_DAYS
# later); empty: derived from SECRET_KEY and SECRET_KEY_FALLBACKS.
GUICHET_ANSWERS_KEYS = env.env_list("GUICHET_ANSWERS_KEYS", default=[])
# "Garder sur cet appareil": how long her answers then stay in her browser (otherwise: until it closes).
GUICHET_ANSWERS_KEEP_DAYS = env.env_int("GUICHET_ANSWERS_KEEP_DAYS", 30, minimum=1)
# How long a "continuer sur mon téléphone" link (her answers, encrypted; she can turn it off) stays valid.
GUICHET_PARCOURS_LINK_DAYS = env.env_int("GUICHET_PARCOURS_LINK_DAYS", 7, minimum=1)

# Security headers. No inline script or style, nothing from another site; a nonce is available to templates
# (`request.csp_nonce`) should a script ever be needed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        # The nonce appears only on responses that use it (the rich-text editor's import map in the admin).
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features the site never uses are denied to every origin.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database, read through the shared cache (issue 17, point 2): the cookie carries only a random
# key, so logging out or changing one's password ends the session everywhere, a copied cookie included. Nothing of her
# answers goes there, they have their own encrypted cookie (guichet/answers.py). Expired rows are deleted by
# `manage.py clearsessions` (README, "Mise en production").
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.env_int("DJANGO_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.env_str("DJANGO_LOG_LEVEL", "INFO")},
}
