"""The deployment, real and tested (issue 17, point 8): two separate gunicorn servers on loopback (two workers each),
behind one trusted proxy, sharing one PostgreSQL and one Redis, as README "Mise en production" describes. They prove
that a rate limit holds across the two, that a publication shows on both (the page cache cleared on both), and that a
scheduled command started on both at once does the work once.

`make test` runs it in its PostgreSQL pass, under scripts/with-postgres and scripts/with-redis, where it must not be
skipped (GUICHET_PRODUCTION_TEST=1). Elsewhere (the SQLite pass) it is skipped.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection, connections
from django.utils import timezone

from annuaire.contact import ContactRequest
from guichet.models import Announcement
from tests.factories import AnnouncementFactory, OrganisationFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
PROXY_HEADER = "X-Forwarded-For"

pytestmark = pytest.mark.django_db(transaction=True)


def _skip_or_fail():
    missing = [name for name in ("DATABASE_URL", "REDIS_URL") if not os.environ.get(name)]
    if not missing and os.environ["DATABASE_URL"].startswith("postgres"):
        return
    reason = (
        "needs PostgreSQL and Redis: run under scripts/with-postgres scripts/with-redis (make test does, in its "
        f"PostgreSQL pass); missing: {', '.join(missing) or 'PostgreSQL'}"
    )
    if os.environ.get("GUICHET_PRODUCTION_TEST") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(name: str) -> str:
    """DATABASE_URL, pointing at the test database the suite created."""
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(url._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def production_env(django_db_setup):
    _skip_or_fail()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUICHET_", "GUNICORN_", "DATABASE_URL", "PYTEST", "COV_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.production_settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback; the TLS proxy is played by the test
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=_database_url(connection.settings_dict["NAME"]),
        GUICHET_SITE_URL="https://guichet.example.fr",
        GUICHET_TRUSTED_PROXIES="1",
        GUICHET_PAGE_CACHE_SECONDS="60",
        GUNICORN_WORKERS="2",
        GUNICORN_ACCESSLOG="",
    )
    return environment


@pytest.fixture(scope="module")
def servers(production_env, django_db_blocker, tmp_path_factory):
    """Two gunicorn servers, each with its own port and workers; nothing shared but PostgreSQL and Redis."""
    import redis

    redis.from_url(os.environ["REDIS_URL"]).flushdb()
    started = []
    try:
        for number in range(2):
            port = _free_port()
            log = (tmp_path_factory.mktemp("gunicorn") / f"serveur-{number}.log").open("wb")
            process = subprocess.Popen(
                [GUNICORN, "config.wsgi", "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env={**production_env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            log.close()
            started.append((process, f"http://127.0.0.1:{port}", Path(log.name)))
        for process, base, log in started:
            _wait_until_up(process, base, log)
        yield [base for _, base, _ in started]
    finally:
        for process, _, _ in started:
            process.terminate()
        for process, _, _ in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with django_db_blocker.unblock():
            _wait_for_disconnections()


def _wait_until_up(process, base, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn s'est arrêté : {log.read_text()[-3000:]}")
        try:
            if _get(base + "/sante/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn ne répond pas sur {base} : {log.read_text()[-3000:]}")


def _wait_for_disconnections():
    """The servers' database sessions end a moment after their processes: the suite drops the database after."""
    deadline = time.monotonic() + 20
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _get(url, headers=None):
    return _request(url, headers=headers)


def _request(url, data=None, headers=None):
    """(status, body, headers) — cookies are handled by the caller: they are Secure, and this is plain HTTP."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with _opener.open(request, timeout=30) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def _contact_request(base, visitor):
    """Her request to be put in touch, sent through the TLS proxy (X-Forwarded-For) to one server."""
    url = base + "/annuaire/mise-en-relation/"
    status, html, headers = _get(url, {PROXY_HEADER: visitor})
    assert status == 200, html[:500]
    cookie = next(value.split(";", 1)[0] for value in headers.get_all("Set-Cookie") if value.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {
        "csrfmiddlewaretoken": token,
        "message": "Je cherche quelqu'un pour m'aider à garder ma boutique pendant les traitements.",
        "contact_method": "email",
        "email": "elle@exemple.fr",
        "consent": "on",
    }
    return _request(url, data, {PROXY_HEADER: visitor, "Cookie": cookie, "Referer": url})


def test_a_rate_limit_holds_across_the_two_servers(servers):
    """Finding: 6 contact requests accepted against a limit of 3 with 2 workers (counts in each worker's memory)."""
    first, second = servers
    accepted = [_contact_request(base, "198.51.100.7")[0] for base in (first, second, first)]
    assert accepted == [302, 302, 302]
    for base in (second, first):
        status, html, _ = _contact_request(base, "6.6.6.6, 198.51.100.7")  # a forged address changes nothing
        assert status == 200 and "Réessayez dans une heure" in html
    assert ContactRequest.objects.count() == 3
    # Behind the same proxy, another visitor has her own limit.
    assert _contact_request(second, "198.51.100.8")[0] == 302


def test_a_publication_shows_on_both_servers(servers, production_env):
    """Finding: publishing did not clear cached pages; with a cache per process, not on every server."""
    organisation = OrganisationFactory(name="Association du test", slug="association-du-test")
    coordinator = UserFactory(coordinator=True, email="animatrice@exemple.fr")
    AnnouncementFactory(owner=organisation, published=True, title="Permanence de mars")
    news = AnnouncementFactory(owner=organisation, title="Nouvel atelier sur la prévoyance")
    for base in servers:
        html = _get(base + "/actualites/")[1]
        assert "Permanence de mars" in html and "Nouvel atelier" not in html
    # The pages are cached (in Redis, for both): a change that goes round the models does not show.
    Announcement.objects.filter(title="Permanence de mars").update(title="Permanence du printemps")
    for base in servers:
        assert "Permanence de mars" in _get(base + "/actualites/")[1]

    # The coordinator publishes, in another process of the deployment (as from the admin of either server).
    script = (
        "from guichet.models import Announcement, User; "
        f"Announcement.objects.get(pk={news.pk}).publish(by=User.objects.get(pk={coordinator.pk}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for base in servers:
        html = _get(base + "/actualites/")[1]
        assert "Nouvel atelier sur la prévoyance" in html and "Permanence du printemps" in html


def _waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
            "AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_a_scheduled_command_started_on_both_servers_sends_once(servers, production_env):
    """Finding: two overlapping `remind_contact_requests` runs sent the reminder twice. cron starts it on both
    servers at the same minute; to make the runs overlap for sure, the requests' table is locked while they start."""
    from mailer.models import Message

    waiting = ContactRequest.objects.create(
        message="Besoin d'aide pour ma boutique",
        contact_method="email",
        email="a@exemple.fr",
        consented_at=timezone.now(),
    )
    ContactRequest.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timezone.timedelta(days=14))
    Message.objects.all().delete()

    blocker = connections.create_connection("default")
    runs = []
    try:
        with blocker.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f'LOCK TABLE "{ContactRequest._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
            runs = [
                subprocess.Popen(
                    [sys.executable, "manage.py", "remind_contact_requests"],
                    cwd=ROOT,
                    env=production_env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in servers
            ]
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                waiters = _waiting_on_a_lock()
                ended = sum(run.poll() is not None for run in runs)
                if waiters >= 2 or (waiters >= 1 and ended) or ended == 2:
                    break
                time.sleep(0.05)
            cursor.execute("COMMIT")
    finally:
        blocker.close()
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    stdout = sorted(out.strip() for out, _ in outputs)
    assert stdout[0] == "Rappel à l'animatrice : 1 demande(s). Rappel aux administratrices : 0 demande(s).", outputs
    assert "déjà en cours" in stdout[1], outputs
    reminders = [message.email.subject for message in Message.objects.all()]
    assert reminders == ["[Guichet unique] 1 demande(s) de mise en relation sans réponse après le délai promis"]
