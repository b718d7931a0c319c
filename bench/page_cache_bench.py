"""Throughput of the page cache: pages served cached and uncached, by gunicorn.

Seeds a throwaway database as calendar_bench.py does (member libraries and their events),
counts the SQL queries of each page in-process with the page cache off, then starts
gunicorn (production settings) three times, on a free port each time: with the page
cache off, with the page cache in local memory, and with it in Redis. In each instance
it measures the requests per second of a static file served by WhiteNoise (the
baseline) and of nine public pages, with `wrk` when it is installed (else a thread pool
of http.client), and reports every figure as a share of the static file's requests per
second in the same instance, with the share of responses that said `X-Page-Cache: hit`.
It reports; it asserts nothing except that every response is a 200. Not part of the
test suite.

    .venv/bin/python bench/page_cache_bench.py [--events 2000] [--libraries 60]
        [--duration 10] [--connections 8] [--db /tmp/page_cache_bench.sqlite3]
        [--keep-db] [--redis-url redis://127.0.0.1:6379/9]

The Redis database of --redis-url is flushed before and after its run. See
bench/README.md.
"""

import argparse
import datetime
import http.client
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import calendar_bench as cb  # noqa: E402

HOST = cb.HOST
HEADER = "X-Page-Cache"
WRK = shutil.which("wrk") or ("/usr/bin/wrk" if Path("/usr/bin/wrk").exists() else None)
# The targets for a cached page, as a share of the static file's req/s.
TARGETS = {"local memory": 0.75, "Redis": 0.50}

# Counts the responses by status and X-Page-Cache header; wrk prints the totals.
WRK_SCRIPT = """
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function init(args)
  hit, miss, none, bad = 0, 0, 0, 0
end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
  local value = nil
  for name, v in pairs(headers) do
    if string.lower(name) == "x-page-cache" then value = v end
  end
  if value == "hit" then hit = hit + 1
  elseif value == "miss" then miss = miss + 1
  else none = none + 1 end
end
function done(summary, latency, requests)
  local h, m, n, b = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hit"); m = m + t:get("miss"); n = n + t:get("none"); b = b + t:get("bad")
  end
  io.write(string.format("PAGECACHE hit=%d miss=%d none=%d non200=%d\\n", h, m, n, b))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="events to seed")
    parser.add_argument("--libraries", type=int, default=60, help="member libraries to seed")
    parser.add_argument(
        "--duration", type=float, default=10, help="seconds of measured load per URL and mode"
    )
    parser.add_argument(
        "--warmup", type=float, default=2, help="seconds of unmeasured load per URL and mode"
    )
    parser.add_argument("--connections", type=int, default=8, help="open connections (wrk -c)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (wrk -t)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument(
        "--db",
        default="/tmp/page_cache_bench.sqlite3",
        help="SQLite file to create, or a postgres:// URL (its data is left in place)",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the SQLite file")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="use an existing database as it is; seed only when it has no events",
    )
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/9",
        help="Redis database for the third run, FLUSHED before and after ('' to skip)",
    )
    parser.add_argument(
        "--python-client",
        action="store_true",
        help="use the thread-pool client even when wrk is installed",
    )
    parser.add_argument("--seed", type=int, default=20260101, help="random seed")
    args = parser.parse_args()
    for name in ("events", "libraries", "connections", "threads", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if args.duration <= 0 or args.warmup < 0:
        parser.error("--duration must be positive and --warmup not negative")
    if args.connections > 256:
        parser.error("keep --connections ≤ 256")
    args.threads = min(args.threads, args.connections)
    if args.redis_url:
        database = urllib.parse.urlsplit(args.redis_url).path.strip("/") or "0"
        if database == "0":
            parser.error("--redis-url: give a database other than 0 (it is flushed)")
    return args


# The pages ----------------------------------------------------------------------------


def targets():
    """[(label, path)]: the static file, then the pages, from the seeded database."""
    from wagtail.models import Locale

    from home.models import HomePage, MemberLibraryIndexPage, MemberLibraryPage

    locale = Locale.get_default()
    calendar = dict(cb.targets())
    home = HomePage.objects.live().get(locale=locale, depth=2)
    members = MemberLibraryIndexPage.objects.live().child_of(home).first()
    library = MemberLibraryPage.objects.live().filter(locale=locale).order_by("path").first()
    return [
        ("static file", "/static/css/site.css"),
        ("home", home.get_url()),
        ("calendar", calendar["calendar"]),
        ("calendar filtered", calendar["calendar filtered"]),
        ("month grid", calendar["month view"]),
        ("members index", members.get_url()),
        ("library page", library.get_url()),
        ("event page", calendar["event page"]),
        ("feed.ics", calendar["feed.ics"]),
        ("sitemap.xml", "/sitemap.xml"),
    ]


def count_queries(urls):
    """{label: (queries, ms, status)} of the second request of each URL, in-process, with
    Django's test client (the page cache is off in this process); ms is the median of
    the second to fourth requests."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for label, path in urls:
        client.get(path)
        times = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
        # Now: the next request empties the connection's log (Django's reset_queries).
        count, status = len(queries), response.status_code
        for _ in range(2):
            started = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - started)
        counts[label] = (count, statistics.median(times) * 1000, status)
    return counts


# The load -----------------------------------------------------------------------------


def fetch(port, path, timeout):
    """(status, X-Page-Cache or None, body size) of one GET on a new connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        return response.status, response.getheader(HEADER), len(body)
    finally:
        connection.close()


def wrk_load(args, port, path, seconds, script):
    url = f"http://{HOST}:{port}{urllib.parse.quote(path, safe='/?&=%')}"
    command = [
        WRK,
        "-t",
        str(args.threads),
        "-c",
        str(args.connections),
        "-d",
        f"{max(1, round(seconds))}s",
        "--timeout",
        f"{int(args.timeout)}s",
        "-s",
        str(script),
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    out = result.stdout
    if result.returncode:
        return {"error": f"wrk exited {result.returncode}: {result.stderr[-500:]}"}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    counts = re.search(r"PAGECACHE hit=(\d+) miss=(\d+) none=(\d+) non200=(\d+)", out)
    if not rps or not counts:
        return {"error": f"could not read wrk's output:\n{out[-1000:]}"}
    hit, miss, none, bad = (int(n) for n in counts.groups())
    socket_errors = {}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        names = ("connect", "read", "write", "timeout")
        socket_errors = dict(zip(names, errors.groups(), strict=True))
    return {
        "rps": float(rps.group(1)),
        "hit": hit,
        "miss": miss,
        "none": none,
        "non200": bad,
        "socket_errors": {k: int(v) for k, v in socket_errors.items() if int(v)},
    }


def python_load(args, port, path, seconds):
    """The fallback: `--connections` threads, a new connection per request."""
    lock = threading.Lock()
    tally = {"hit": 0, "miss": 0, "none": 0, "non200": 0, "errors": 0}
    deadline = time.perf_counter() + seconds

    def worker():
        while time.perf_counter() < deadline:
            try:
                status, cache, _size = fetch(port, path, args.timeout)
            except OSError:
                with lock:
                    tally["errors"] += 1
                continue
            with lock:
                tally[cache if cache in ("hit", "miss") else "none"] += 1
                if status != 200:
                    tally["non200"] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.connections) as pool:
        for future in [pool.submit(worker) for _ in range(args.connections)]:
            future.result()
    wall = time.perf_counter() - started
    done = tally["hit"] + tally["miss"] + tally["none"]
    errors = tally.pop("errors")
    return {**tally, "rps": done / wall, "socket_errors": {"python": errors} if errors else {}}


def measure_mode(args, mode, env, urls, temp_dir, script):
    """Start gunicorn with `env`, measure every URL; return ({label: row}, problems)."""
    rows, problems = {}, []
    log = open(temp_dir / f"gunicorn-{mode}.log", "w+")  # noqa: SIM115 (closed below)
    process = None
    try:
        process, port = cb.start_gunicorn(args.workers, args.timeout, log, env=env)
        print(f"\n[{mode}] gunicorn, {args.workers} workers, on {HOST}:{port}", flush=True)
        for label, path in urls:
            status, cache, size = fetch(port, path, args.timeout)
            if status != 200:
                problems.append(f"{mode} {label} {path}: HTTP {status}")
                continue
            if WRK and not args.python_client:
                if args.warmup:
                    wrk_load(args, port, path, args.warmup, script)
                result = wrk_load(args, port, path, args.duration, script)
            else:
                if args.warmup:
                    python_load(args, port, path, args.warmup)
                result = python_load(args, port, path, args.duration)
            if "error" in result:
                problems.append(f"{mode} {label}: {result['error']}")
                continue
            total = result["hit"] + result["miss"] + result["none"]
            result["hit_share"] = result["hit"] / total if total else 0.0
            result["size"] = size
            rows[label] = result
            if result["non200"]:
                problems.append(f"{mode} {label}: {result['non200']} responses were not 200")
            if result["socket_errors"]:
                problems.append(f"{mode} {label}: socket errors {result['socket_errors']}")
            print(
                f"  {label:<18} {result['rps']:>8.1f} req/s  {total:>6} responses  "
                f"hit {result['hit_share']:>4.0%}  first {cache or '–'}  {size:>7} bytes  {path}",
                flush=True,
            )
    finally:
        if process is not None:
            cb.stop_gunicorn(process)
        log.seek(0)
        tail = log.read()[-2000:]
        log.close()
    if problems and tail.strip():
        problems.append(f"{mode} gunicorn log:\n{tail}")
    return rows, problems


# Redis ----------------------------------------------------------------------------------


def redis_client(url):
    """A client of `url`'s database, or None (with a message) when it does not answer."""
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        client.ping()
        return client
    except Exception as error:  # noqa: BLE001 (any reason: reported, the run goes on)
        print(f"Redis at {url} not usable ({error!r}): its run is skipped.")
        return None


# Report ---------------------------------------------------------------------------------


def machine(redis):
    import django
    import gunicorn
    import wagtail
    from django.db import connection

    info = {"cpus": os.cpu_count(), "cpu": platform.machine(), "python": platform.python_version()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory"] = f"{int(line.split()[1]) / 2**20:.0f} GB"
    except OSError:
        pass
    info["django"] = django.get_version()
    info["wagtail"] = wagtail.__version__
    info["gunicorn"] = gunicorn.__version__
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["database"] = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        info["database"] = f"SQLite {sqlite3.sqlite_version}"
    if WRK:
        version = subprocess.run([WRK, "-v"], capture_output=True, text=True).stdout
        info["wrk"] = version.split(" [")[0].strip() or "wrk"
    if redis is not None:
        info["redis"] = f"Redis {redis.info('server').get('redis_version')}"
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=cb.ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=cb.ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        info["code"] = f"{head}{' + uncommitted changes' if dirty else ''}"
    except OSError:
        pass
    return info


def cell(row, static, cached):
    if row is None:
        return "–"
    text = f"{row['rps']:,.1f} ({row['rps'] / static:.1%})" if static else f"{row['rps']:,.1f}"
    if cached:
        text += f", hit {row['hit_share']:.0%}"
    return text


def print_table(urls, counts, results):
    modes = ["uncached", "local memory", "Redis"]
    statics = {m: results.get(m, {}).get("static file", {}).get("rps") for m in modes}
    header = (
        "| page | SQL queries (uncached) | in-process ms | uncached req/s (% static) "
        "| cached, local memory | cached, Redis |"
    )
    print(header)
    print("|---|---|---|---|---|---|")
    for label, _path in urls:
        queries, ms, status = counts.get(label, (None, None, None))
        extra = "" if status in (None, 200) else f" (HTTP {status})"
        cells = [
            cell(results.get(m, {}).get(label), statics[m], cached=m != "uncached")
            if label != "static file"
            else (f"{statics[m]:,.0f} (100 %)" if statics[m] else "–")
            for m in modes
        ]
        sql = "–" if queries is None else f"{queries}{extra}"
        timing = "–" if ms is None else f"{ms:.1f}"
        print(f"| {label} | {sql} | {timing} | " + " | ".join(cells) + " |")
    print()
    for mode, share in TARGETS.items():
        static = statics.get(mode)
        if not static:
            continue
        pages = [label for label, _ in urls if label != "static file"]
        met = [p for p in pages if p in results[mode] and results[mode][p]["rps"] >= share * static]
        missed = [p for p in pages if p not in met]
        print(
            f"cached on {mode}, ≥ {share:.0%} of the static file: "
            f"{', '.join(met) or 'none'}; below: {', '.join(missed) or 'none'}"
        )


def main():
    args = parse_args()
    cb.use_project_python()
    database_url, sqlite_path = cb.database(args)
    created_db = False
    if sqlite_path is not None:
        if sqlite_path.exists() and not args.reuse_db:
            sys.exit(f"{sqlite_path} exists: remove it, or pass --reuse-db to use it as it is.")
        created_db = not sqlite_path.exists()
    temp_dir = Path(tempfile.mkdtemp(prefix="alliance-page-cache-bench-"))
    cb.configure_environment(database_url, temp_dir)
    os.environ["ALLOWED_HOSTS"] += ",testserver"  # Django's test client
    os.environ["PAGE_CACHE_ENABLED"] = "false"  # this process: seeding, query counts
    redis = redis_client(args.redis_url) if args.redis_url else None
    problems = []
    try:
        print(f"Database: {database_url}")
        print(f"migrate: {cb.manage('migrate', '--noinput'):.1f} s", flush=True)
        print(f"collectstatic: {cb.manage('collectstatic', '--noinput'):.1f} s", flush=True)
        cb.setup_django()
        info = machine(redis)
        print(
            f"Machine: {info['cpus']} CPUs ({info['cpu']}), {info.get('memory', '?')}, "
            f"Python {info['python']}, Django {info['django']}, Wagtail {info['wagtail']}, "
            f"gunicorn {info['gunicorn']}, {info['database']}, {info.get('wrk', 'no wrk')}, "
            f"{info.get('redis', 'no Redis')}; code {info.get('code', '?')}; "
            f"{datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}"
        )
        timings = cb.seed(args)
        for name, value in timings.items():
            print(f"  {name}: {value:.1f} s" if isinstance(value, float) else f"  {name}: {value}")
        urls = targets()

        print("\nSQL queries, in-process, page cache off (second request):", flush=True)
        counts = count_queries(urls)
        for label, (queries, ms, status) in counts.items():
            print(f"  {label:<18} {queries:>4} queries  {ms:>7.1f} ms  HTTP {status}")
            if status != 200:
                problems.append(f"in-process {label}: HTTP {status}")
        from django.db import connections

        connections.close_all()

        client = "wrk" if WRK and not args.python_client else "thread-pool client"
        print(
            f"\nLoad: {client}, {args.connections} connections"
            + (f", {args.threads} threads" if client == "wrk" else "")
            + f", {args.warmup:g} s warm-up then {args.duration:g} s per URL",
            flush=True,
        )
        script = temp_dir / "count.lua"
        script.write_text(WRK_SCRIPT)
        base = dict(os.environ)
        modes = [
            ("uncached", {**base, "PAGE_CACHE_ENABLED": "false"}),
            ("local memory", {**base, "PAGE_CACHE_ENABLED": "true"}),
        ]
        if redis is not None:
            redis_env = {
                **base,
                "PAGE_CACHE_ENABLED": "true",
                "REDIS_URL": args.redis_url,
                "CACHE_KEY_PREFIX": "page-cache-bench",
            }
            modes.append(("Redis", redis_env))
        results = {}
        for mode, env in modes:
            if mode == "Redis":
                redis.flushdb()
            try:
                results[mode], mode_problems = measure_mode(args, mode, env, urls, temp_dir, script)
            finally:
                if mode == "Redis":
                    redis.flushdb()
            problems.extend(mode_problems)

        print(
            f"\n{args.events} events, {args.libraries} libraries; {args.workers} gunicorn "
            f"workers; {client} -c{args.connections}, {args.duration:g} s per URL\n"
        )
        print_table(urls, counts, results)
        if problems:
            print("\nProblems:\n  " + "\n  ".join(problems))
            return 1
        return 0
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
        if created_db and not args.keep_db:
            cb.remove_sqlite(sqlite_path)
        elif sqlite_path is not None:
            print(f"Kept {sqlite_path}")


if __name__ == "__main__":
    sys.exit(main())
