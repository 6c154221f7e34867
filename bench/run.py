#!/usr/bin/env python
"""`make bench`: measure every public page against a trivial Django view served by the same gunicorn.

Serves the site with gunicorn (2 workers) on 127.0.0.1 with production settings, on a database filled by
`load_demo` and `generate_bench_data`, finds the public pages by crawling from the home page, and measures with wrk:
requests/s, p95 latency, the ratio to the trivial view, SQL queries per request and bytes of HTML + CSS + JS.
Writes bench/results.md. Only loopback addresses are ever requested.
"""

import datetime
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
SCALE = os.environ.get("BENCH_SCALE", "1.0")
TRIVIAL = "/bench/trivial/"
CACHE_SECONDS = os.environ.get("GUICHET_PAGE_CACHE_SECONDS", "60")
# The ratio to the trivial view: 0.5 for a page that can be shared (the same for every visitor), 0.1 for one that
# cannot (a form, her own parcours: `Cache-Control: private`). The uncached render: in-process, the page cache off,
# as for a visitor with cookies.
BUDGETS = {
    "ratio": 0.5,
    "private_ratio": 0.1,
    "p95_ms": 50.0,
    "queries": 10,
    "kilobytes": 100.0,
    "render_ms": 30.0,
}
# Measured too, though the crawl does not follow them: filtered listings and the calendar feeds (not pages: the
# weight budget does not apply to a calendar file).
EXTRA_PATHS = [
    "/agenda/?departement=13&theme=bien-etre&periode=mois",
    "/agenda/agenda.ics?departement=13&type=atelier",
    "/agenda/agenda.ics",
    "/groupes/?departement=13&places=libres",
    "/recherche/?q=prevoyance",
]
# Her parcours, as she sees it with answers in her cookie (encrypted here with the server's key).
PARCOURS_ANSWERS = {
    "status": "gerante-majoritaire",
    "phase": "traitement",
    "departement": "13",
    "themes": ["bien-etre"],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, cookie: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def wrk(url: str, cookie: str = "") -> dict:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", *headers, "-s", str(ROOT / "bench" / "report.lua"), url],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("JSON "))
    figures = json.loads(line[5:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1_000_000)
    return figures


def page_weight(base: str, path: str, html: bytes) -> int:
    """Bytes of the HTML and of the stylesheets and scripts it links to (uncompressed)."""
    total = len(html)
    text = html.decode()
    assets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', text)
    assets += re.findall(r'<script[^>]+src="([^"]+)"', text)
    for asset in assets:
        if asset.startswith("/"):
            total += len(fetch(base + asset)[1])
    return total


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    workdir = Path(tempfile.mkdtemp(prefix="guichet-bench-"))
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
        GUNICORN_ACCESSLOG="",
        GUICHET_PAGE_CACHE_SECONDS=CACHE_SECONDS,
        # As in production (on whenever pages are cached), and for the in-process measure too, which turns the page
        # cache off: each process keeps the published catalogue until content changes (guichet.sharedcache.memo).
        GUICHET_CONTENT_MEMO="1",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    engine = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--no-input", "-v0")
    manage("load_demo", "--force")
    manage("generate_bench_data", "--force", "--scale", SCALE)
    manage("collectstatic", "--no-input", "-v0")

    server = subprocess.Popen([BIN / "gunicorn", "config.wsgi", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env)
    try:
        for _ in range(100):
            try:
                if fetch(base + "/sante/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            print("gunicorn n'a pas démarré.", file=sys.stderr)
            return 1

        # The in-process measures (queries, render time) bypass the page cache.
        os.environ.update(env, GUICHET_PAGE_CACHE_SECONDS="0")
        import django

        django.setup()
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from guichet import pageviews
        from guichet.crawl import crawl, one_per_route

        # The in-process measure counts a page's own queries, not the once-a-minute write of page reads.
        pageviews.FLUSH_SECONDS = float("inf")

        def crawl_fetch(path):
            status, body = fetch(base + path)
            return status, body.decode() if status == 200 else ""

        found = crawl(crawl_fetch, limit=300)
        pages = [(path, "") for path in one_per_route(url for url, status in found.items() if status == 200)]
        pages += [(path, "") for path in EXTRA_PATHS] + [("/mon-parcours/", parcours_cookie())]
        broken = {url: status for url, status in found.items() if status >= 400}

        digest = measure_digest(connection)
        print(f"send_alerts: {digest['alerts']} alertes, {digest['seconds']:.1f} s, {digest['queries']} requêtes")
        trivial_before = wrk(base + TRIVIAL)
        rows = []
        for path, cookie in pages:
            client = Client()
            if cookie:
                name, value = cookie.split("=", 1)
                client.cookies[name] = value
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            if "Age" in response or response.status_code >= 400:
                raise SystemExit(f"{path}: la mesure en mémoire doit contourner le cache et réussir.")
            # Read now: Django empties the query log at the start of every request.
            query_count = len(queries)
            # Shared: what the page cache may keep for every visitor (Django's cache middleware keeps no response
            # that sets a cookie, such as a form's CSRF cookie, nor one marked private).
            shared = "private" not in response.get("Cache-Control", "") and not response.cookies
            started = time.perf_counter()
            for _ in range(50):
                client.get(path)
            render_ms = (time.perf_counter() - started) / 50 * 1000
            status, html = fetch(base + path, cookie)
            figures = wrk(base + path, cookie)
            rows.append(
                {
                    "path": f"{path} (avec ses réponses)" if cookie else path,
                    "status": status,
                    "rps": figures["rps"],
                    "p95_ms": figures["p95_us"] / 1000,
                    "errors": figures["errors"],
                    "queries": query_count,
                    "render_ms": render_ms,
                    "shared": shared,
                    "kilobytes": page_weight(base, path, html) / 1024,
                }
            )
            print(f"{path}: {figures['rps']:.0f} req/s, p95 {figures['p95_us'] / 1000:.1f} ms", flush=True)
        trivial_after = wrk(base + TRIVIAL)
    finally:
        server.terminate()
        server.wait(timeout=30)

    trivial_rps = (trivial_before["rps"] + trivial_after["rps"]) / 2
    write_results(rows, trivial_before, trivial_after, trivial_rps, engine, broken, digest)
    failures = [row for row in rows if not within_budgets(row, trivial_rps)]
    print(f"\n{len(rows)} pages mesurées ; {len(failures)} hors budget. Résultats : bench/results.md")
    return 0


def measure_digest(connection) -> dict:
    """One `send_alerts` run over the synthetic alerts (alertes/bench.py), after 20 followed aids changed their
    amount: seconds, SQL queries (counted by a wrapper: the query log keeps only the last 9,000) and messages."""
    from django.utils import timezone

    from alertes import services
    from alertes.models import Alert
    from ressources.models import Aid

    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    for aid in Aid.objects.published().filter(slug__startswith="bench-").order_by("pk")[:20]:
        aid.save()  # the published version her alert started from (bulk-created rows have no history)
        aid.history.filter(id=aid.pk).update(history_date=two_days_ago)
        aid.amount, aid.amount_year = f"Jusqu'à {timezone.now():%H%M%S} € (montant de banc de mesure)", 2026
        aid.save()
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    alerts = Alert.objects.count()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        result = services.run()
        seconds = time.perf_counter() - started
    return {"alerts": alerts, "seconds": seconds, "queries": count, "sent": result["sent"]}


def parcours_cookie() -> str:
    """Her answers' cookie, encrypted with the server's key (guichet/answers.py), as her browser would send it."""
    from guichet import answers

    state = {"a": PARCOURS_ANSWERS, "c": 1, "l": "bench"}
    return f"{answers.COOKIE_NAME}={answers.seal('cookie', state)}"


def is_calendar(path: str) -> bool:
    return path.split("?")[0].endswith(".ics")


def min_ratio(row) -> float:
    return BUDGETS["ratio"] if row["shared"] else BUDGETS["private_ratio"]


def within_budgets(row, trivial_rps) -> bool:
    return (
        row["rps"] / trivial_rps >= min_ratio(row)
        and row["p95_ms"] <= BUDGETS["p95_ms"]
        and row["render_ms"] <= BUDGETS["render_ms"]
        and row["queries"] <= BUDGETS["queries"]
        and (row["kilobytes"] <= BUDGETS["kilobytes"] or is_calendar(row["path"]))
        and row["errors"] == 0
    )


def write_results(rows, trivial_before, trivial_after, trivial_rps, engine, broken, digest):
    def mark(ok):
        return "✅" if ok else "❌"

    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on {datetime.date.today().isoformat()}: gunicorn with 2 workers on 127.0.0.1, "
        f"{engine}, production settings (`DEBUG` off), wrk with 2 threads and {CONNECTIONS} connections for "
        f"{SECONDS} s per page, on the same 2-core machine as the server. Data: the demo content plus "
        f"`generate_bench_data --scale {SCALE}` (see the apps' `bench.py`).",
        "",
        f"Trivial Django view (`{TRIVIAL}`, same gunicorn): {trivial_before['rps']:.0f} req/s before the pages, "
        f"{trivial_after['rps']:.0f} req/s after; the ratio uses their mean, {trivial_rps:.0f} req/s.",
        "",
        "Budgets: ratio ≥ 0.5 for a page that can be shared, ≥ 0.1 for one that cannot (marked *private*: sent "
        "`Cache-Control: private` or setting a cookie, as forms and her own parcours do), p95 ≤ 50 ms, ≤ 10 SQL "
        "queries per request, ≤ 100 KB of HTML + CSS + JS (uncompressed; not for calendar files), uncached render "
        "≤ 30 ms (in-process, mean of 50 renders with the page cache off, as for "
        "a visitor with cookies; each process's copy of published content, `guichet.sharedcache.memo`, is on as in "
        "production).",
        "",
        "| page | status | req/s | ratio to trivial | p95 (ms) | SQL queries | HTML + CSS + JS (KB) "
        "| uncached render (ms) | within budgets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        ratio = row["rps"] / trivial_rps
        errors = f" (errors: {row['errors']})" if row["errors"] else ""
        private = "" if row["shared"] else " (private)"
        lines.append(
            f"| `{row['path']}`{private} | {row['status']} | {row['rps']:.0f} "
            f"| {ratio:.2f} {mark(ratio >= min_ratio(row))} "
            f"| {row['p95_ms']:.1f} {mark(row['p95_ms'] <= BUDGETS['p95_ms'])} "
            f"| {row['queries']} {mark(row['queries'] <= BUDGETS['queries'])} "
            f"| {row['kilobytes']:.1f} {mark(row['kilobytes'] <= BUDGETS['kilobytes'] or is_calendar(row['path']))} "
            f"| {row['render_ms']:.2f} {mark(row['render_ms'] <= BUDGETS['render_ms'])} "
            f"| {mark(within_budgets(row, trivial_rps))}{errors} |"
        )
    lines += [
        "",
        f"Alerts digest (`send_alerts`, in-process, after 20 followed aids changed their amount): "
        f"{digest['alerts']} confirmed alerts, {digest['seconds']:.1f} s, {digest['queries']} SQL queries, "
        f"{digest['sent']} messages queued.",
    ]
    if broken:
        lines += ["", "Broken links found by the crawl: " + ", ".join(f"`{u}` ({s})" for u, s in broken.items())]
    (ROOT / "bench" / "results.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
