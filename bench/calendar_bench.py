"""Load benchmark of the alliance calendar, served by gunicorn.

Seeds a throwaway database with many member libraries and events, starts gunicorn with
the production settings, and fires requests at the calendar (unfiltered, filtered, month
view), one event page and the iCalendar feed, beside a static file served by WhiteNoise
in the same run, so that the figures can be read as ratios. It reports; it asserts
nothing except that every response is a 200. Not part of the test suite.

    .venv/bin/python bench/calendar_bench.py [--events 10000] [--libraries 120]
        [--requests 200] [--concurrency 4] [--db /tmp/bench.sqlite3] [--keep-db]

See bench/README.md.
"""

import argparse
import datetime
import http.client
import math
import os
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# The 14 prefecture-level cities of Guangxi, then the ASEAN partners' countries.
CITIES = [
    "南宁",
    "柳州",
    "桂林",
    "梧州",
    "北海",
    "防城港",
    "钦州",
    "贵港",
    "玉林",
    "百色",
    "贺州",
    "河池",
    "来宾",
    "崇左",
]
COUNTRIES = ["越南", "泰国", "老挝", "柬埔寨", "马来西亚", "印度尼西亚", "缅甸", "菲律宾"]
KIND_TITLES = {
    "story_time": "绘本故事会",
    "reading_performance": "经典诵读表演",
    "book_club": "读书会",
    "training": "数字阅读培训",
    "competition": "阅读知识竞赛",
    "film_screening": "经典电影放映",
    "campaign_day": "阅读嘉年华",
    "other": "阅读推广活动",
}
ROOMS = ["少儿阅览室", "报告厅", "多功能厅", "阅读推广区"]
AUDIENCE_CODES = [
    "children",
    "teens",
    "adults",
    "seniors",
    "disabilities",
    "migrant_workers",
    "families",
]
FILTER_CITY = CITIES[0]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000, help="events to seed")
    parser.add_argument("--libraries", type=int, default=120, help="member libraries to seed")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per URL")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured requests per URL")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=120,
        help="stop measuring a URL after this long (fewer requests are then reported)",
    )
    parser.add_argument("--timeout", type=float, default=60, help="seconds per request")
    parser.add_argument(
        "--db",
        default="/tmp/bench.sqlite3",
        help="SQLite file to create, or a postgres:// URL (its data is left in place)",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the SQLite file")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="use an existing database as it is; seed only when it has no events",
    )
    parser.add_argument("--seed", type=int, default=20260101, help="random seed")
    args = parser.parse_args()
    for name in ("events", "libraries", "requests", "concurrency", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.requests > 100_000 or args.concurrency > 64:
        parser.error("keep --requests ≤ 100000 and --concurrency ≤ 64")
    return args


# Environment and database -------------------------------------------------------------


def database(args):
    """(DATABASE_URL, SQLite path or None)."""
    if args.db.startswith(("postgres://", "postgresql://")):
        return args.db, None
    path = Path(args.db).expanduser().resolve()
    if path == (ROOT / "db.sqlite3").resolve():
        sys.exit("Refusing to use the development database; give another --db.")
    return f"sqlite:///{path}", path


def configure_environment(database_url, temp_dir):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "alliance_site.settings.production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "EMAIL_URL": "dummymail://",  # production settings require one; nothing is sent
            "SECURE_SSL_REDIRECT": "False",
            "DEBUG": "False",
            "STATIC_ROOT": str(temp_dir / "static"),
            "MEDIA_ROOT": str(temp_dir / "media"),
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.pop("REDIS_URL", None)  # local-memory cache, as on a single server


def manage(*arguments):
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(arguments)} failed:\n{result.stderr[-4000:]}")
    return time.perf_counter() - started


def remove_sqlite(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


# Seeding ------------------------------------------------------------------------------


def setup_django():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(args):
    """Create the calendar, the libraries and the events; return the timings.

    Pages are added with treebeard's add_child (which sets path, depth and url_path) in
    one transaction, live and without revisions; sessions and audiences are inserted with
    bulk_create and the first/last dates set with bulk_update. Page.save still runs its
    validation and the search-index signal; the reference index (an admin feature) is
    not updated.
    """
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from events.models import (
        ACTIVITY_KINDS,
        Audience,
        EventIndexPage,
        EventPage,
        EventSession,
        EventStatus,
    )
    from home.models import HomePage, LibraryLevel, MemberLibraryIndexPage, MemberLibraryPage

    rng = random.Random(args.seed)
    locale = Locale.get_default()
    home = HomePage.objects.get(locale=locale, depth=2)
    timings = {}

    if EventPage.objects.exists():
        print(f"The database has {EventPage.objects.count()} events already: not seeding.")
        return timings
    print(f"Seeding {args.events} events in {args.libraries} libraries…", flush=True)

    started = time.perf_counter()
    with transaction.atomic(), disable_reference_index_auto_update():
        members = MemberLibraryIndexPage.objects.child_of(home).first()
        if members is None:
            members = MemberLibraryIndexPage(title="成员馆", slug="members", show_in_menus=True)
            home.add_child(instance=members)
        if not EventIndexPage.objects.child_of(home).exists():
            home.add_child(
                instance=EventIndexPage(title="活动日历", slug="events", show_in_menus=True)
            )
        libraries = []
        for n in range(args.libraries):
            if n == 0:
                level, city = LibraryLevel.PROVINCIAL, CITIES[0]
            elif n <= len(CITIES):
                level, city = LibraryLevel.CITY, CITIES[n - 1]
            elif n >= args.libraries - len(COUNTRIES):
                level, city = LibraryLevel.ASEAN, COUNTRIES[args.libraries - 1 - n]
            else:
                level, city = LibraryLevel.COUNTY, CITIES[n % len(CITIES)]
            library = MemberLibraryPage(
                title=f"{city}第{n}图书馆",
                short_name=f"{city}{n}馆",
                slug=f"bench-library-{n}",
                level=level,
                city=city,
                address=f"{city}市民族大道{n}号",
                brand_name=f"品牌{n}",
                introduction="市民身边的图书馆。",
            )
            members.add_child(instance=library)
            libraries.append(library)
    timings["libraries"] = time.perf_counter() - started

    kinds = [value for value, _label in ACTIVITY_KINDS]
    audiences = {a.code: a.pk for a in Audience.objects.all()}
    now = timezone.now()
    today = timezone.localdate()
    started = time.perf_counter()
    events, sessions, links = [], [], []
    with transaction.atomic(), disable_reference_index_auto_update():
        for n in range(args.events):
            library = libraries[n % len(libraries)]
            kind = kinds[rng.randrange(len(kinds))]
            # From half a year ago to a year ahead: about two thirds are upcoming.
            day = today + datetime.timedelta(days=rng.randint(-180, 365))
            start = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(rng.randint(9, 19), 30))
            )
            hours = rng.randint(1, 3)
            status = EventStatus.CANCELLED if n % 50 == 7 else EventStatus.SCHEDULED
            event = EventPage(
                title=f"{library.short_name}·{KIND_TITLES[kind]}（第{n}期）",
                # EventPage.save looks the library up by locale before Page.save sets
                # the locale from the parent, so give both here.
                locale=locale,
                library=library,
                slug=f"event-{n}",
                kind=kind,
                introduction="欢迎读者朋友参加。活动免费，名额有限。",
                room=ROOMS[n % len(ROOMS)],
                status=status,
                status_note="因场馆维修取消" if status == EventStatus.CANCELLED else "",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
            library.add_child(instance=event)
            count = rng.choice((1, 1, 1, 2, 3))
            rows = [
                EventSession(
                    page_id=event.pk,
                    sort_order=s,
                    start=start + datetime.timedelta(days=7 * s),
                    end=start + datetime.timedelta(days=7 * s, hours=hours),
                    capacity=40 if kind == "story_time" else None,
                )
                for s in range(count)
            ]
            sessions.extend(rows)
            event.first_start, event.last_end = rows[0].start, rows[-1].end
            events.append(event)
            for code in rng.sample(AUDIENCE_CODES, rng.randint(1, 2)):
                links.append(
                    EventPage.audiences.through(eventpage_id=event.pk, audience_id=audiences[code])
                )
        pages_done = time.perf_counter()
        EventSession.objects.bulk_create(sessions, batch_size=2000)
        EventPage.audiences.through.objects.bulk_create(links, batch_size=2000)
        EventPage.objects.bulk_update(events, ["first_start", "last_end"], batch_size=500)
    timings["event pages"] = pages_done - started
    timings["sessions, audiences, dates"] = time.perf_counter() - pages_done
    timings["sessions"] = len(sessions)
    return timings


def targets():
    """[(label, path)] to request, from the seeded database."""
    from django.utils import timezone
    from wagtail.models import Locale

    from events.models import EventIndexPage, EventPage

    locale = Locale.get_default()
    calendar = EventIndexPage.objects.live().get(locale=locale)
    base = calendar.get_url()
    upcoming = (
        EventPage.objects.live()
        .filter(locale=locale, last_end__gte=timezone.now())
        .order_by("first_start", "pk")
    )
    count = upcoming.count()
    event = upcoming[count // 2] if count else EventPage.objects.live().first()
    query = urllib.parse.urlencode({"city": FILTER_CITY, "kind": "story_time", "when": "month"})
    return [
        ("static file", "/static/css/site.css"),
        ("calendar", base),
        ("calendar filtered", f"{base}?{query}"),
        ("month view", f"{base}month/"),
        ("event page", event.get_url()),
        ("feed.ics", f"{base}feed.ics"),
    ]


# gunicorn and the load ----------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def gunicorn_binary():
    for candidate in (Path(sys.executable).parent / "gunicorn", ROOT / ".venv/bin/gunicorn"):
        if candidate.exists():
            return str(candidate)
    sys.exit("gunicorn not found: run `make install` or use .venv/bin/python")


def fetch(port, path, timeout):
    """(status, body size, seconds) of one GET on a new connection (gunicorn's sync
    workers close the connection after each response anyway)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body), time.perf_counter() - started, body
    finally:
        connection.close()


def wait_until_ready(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if fetch(port, "/healthz/", 2)[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def start_gunicorn(workers, timeout, log, env=None):
    """Start gunicorn (production settings from the environment, or `env`) on a free port
    of HOST, logging to the open file `log`; return (process, port) once /healthz/
    answers. Exits, with the end of the log, if it does not."""
    port = free_port()
    process = subprocess.Popen(
        [
            gunicorn_binary(),
            "alliance_site.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--timeout",
            str(int(timeout) + 30),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    if not wait_until_ready(port, process):
        stop_gunicorn(process)
        log.seek(0)
        sys.exit("gunicorn did not answer:\n" + log.read()[-4000:])
    return process, port


def stop_gunicorn(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def load(port, path, count, concurrency, timeout, max_seconds):
    """Fire up to `count` GETs from `concurrency` threads; return (latencies, sizes,
    failures, wall seconds)."""
    lock = threading.Lock()
    issued = [0]
    latencies, sizes, failures = [], set(), []
    started = time.perf_counter()
    deadline = started + max_seconds

    def worker():
        while True:
            with lock:
                if issued[0] >= count or time.perf_counter() > deadline:
                    return
                issued[0] += 1
            try:
                status, size, seconds, _body = fetch(port, path, timeout)
            except OSError as error:
                with lock:
                    failures.append(repr(error))
                continue
            with lock:
                if status == 200:
                    latencies.append(seconds)
                    sizes.add(size)
                else:
                    failures.append(f"HTTP {status}")

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    return latencies, sizes, failures, time.perf_counter() - started


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def result_count(body):
    match = re.search(rb'class="result-count"[^>]*>([^<]*)<', body)
    return match.group(1).decode().strip() if match else ""


def run_benchmark(args, port, urls):
    rows, problems = [], []
    for label, path in urls:
        status, size, _seconds, body = fetch(port, path, args.timeout)
        if status != 200:
            problems.append(f"{label} {path}: HTTP {status}")
            continue
        note = result_count(body)
        print(f"  {label:<18} {path}" + (f"  ({note})" if note else ""), flush=True)
        load(port, path, args.warmup, args.concurrency, args.timeout, args.max_seconds)
        latencies, sizes, failures, wall = load(
            port, path, args.requests, args.concurrency, args.timeout, args.max_seconds
        )
        if failures:
            problems.append(f"{label}: {len(failures)} failed ({failures[0]})")
        if not latencies:
            continue
        rows.append(
            {
                "label": label,
                "requests": len(latencies),
                "rps": len(latencies) / wall,
                "p50": percentile(latencies, 0.50) * 1000,
                "p99": percentile(latencies, 0.99) * 1000,
                "size": max(sizes),
            }
        )
    return rows, problems


def print_table(rows):
    static = next((row["p50"] for row in rows if row["label"] == "static file"), None)
    header = f"| {'URL':<18} | requests |   req/s | p50 ms | p99 ms | p50 / static |   bytes |"
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    for row in rows:
        ratio = f"{row['p50'] / static:.1f}×" if static else "–"
        print(
            f"| {row['label']:<18} | {row['requests']:>8} | {row['rps']:>7.1f} "
            f"| {row['p50']:>6.1f} | {row['p99']:>6.1f} | {ratio:>12} | {row['size']:>7} |"
        )


def use_project_python():
    """Re-run under the project's virtualenv when this Python lacks Django."""
    try:
        import django  # noqa: F401
    except ImportError:
        python = ROOT / ".venv/bin/python"
        if python.exists() and Path(sys.executable) != python:
            os.execv(python, [str(python), *sys.argv])
        raise


def main():
    args = parse_args()
    use_project_python()
    database_url, sqlite_path = database(args)
    created_db = False
    if sqlite_path is not None:
        if sqlite_path.exists() and not args.reuse_db:
            sys.exit(f"{sqlite_path} exists: remove it, or pass --reuse-db to use it as it is.")
        created_db = not sqlite_path.exists()
    temp_dir = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    configure_environment(database_url, temp_dir)
    process = None
    log = None
    try:
        print(f"Database: {database_url}")
        print(f"migrate: {manage('migrate', '--noinput'):.1f} s", flush=True)
        print(f"collectstatic: {manage('collectstatic', '--noinput'):.1f} s", flush=True)
        setup_django()
        timings = seed(args)
        for name, value in timings.items():
            print(f"  {name}: {value:.1f} s" if isinstance(value, float) else f"  {name}: {value}")
        if timings:
            seconds = timings["event pages"] + timings["sessions, audiences, dates"]
            print(f"  events: {args.events / seconds:.0f} per second", flush=True)
        urls = targets()
        from django.db import connections

        connections.close_all()

        log = open(temp_dir / "gunicorn.log", "w+")  # noqa: SIM115 (closed in finally)
        process, port = start_gunicorn(args.workers, args.timeout, log)
        print(
            f"gunicorn: {args.workers} workers on {HOST}:{port}; {args.requests} requests per URL "
            f"(after {args.warmup} to warm up), concurrency {args.concurrency}",
            flush=True,
        )
        rows, problems = run_benchmark(args, port, urls)
        print()
        print_table(rows)
        if problems:
            print("\nProblems:\n  " + "\n  ".join(problems))
            log.seek(0)
            print(log.read()[-4000:])
            return 1
        return 0
    finally:
        if process is not None:
            stop_gunicorn(process)
        if log is not None:
            log.close()
        shutil.rmtree(temp_dir, ignore_errors=True)
        if created_db and not args.keep_db:
            remove_sqlite(sqlite_path)
        elif sqlite_path is not None:
            print(f"Kept {sqlite_path}")


if __name__ == "__main__":
    sys.exit(main())
