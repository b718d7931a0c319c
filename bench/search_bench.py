"""Benchmark of the site search: indexing time and query latency over pages in ten languages.

Seeds a throwaway database with ``--pages`` pages (about 55 % zh-hans, the rest spread over
en, vi, th, id, ms, lo, km, my and fil: home pages, member libraries, events, lectures and
volunteer projects whose text is drawn from tests/alliance_site/search_corpus.py), times
``manage.py update_index --backend site`` (the rebuild of the whole index), then times
queries in-process with the production settings: the search engine alone (``parse_query``
and the SQL of ``engine.hits``), the whole search page through Django's test client, and
``/healthz/`` through the same client as a baseline. It reports; it asserts nothing except
that every response is a 200 that lists as many results as the engine found. Not part of
the test suite.

    .venv/bin/python bench/search_bench.py [--pages 10000] [--repeat 20]
        [--db /tmp/search_bench.sqlite3] [--keep-db] [--seed 20261201] [--json out.json]

The issue's target is a search page p50 under 50 ms on SQLite on this machine: it is
printed beside the measured figure, not asserted. See bench/README.md.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import calendar_bench as cb  # noqa: E402

TARGET_P50_MS = 50

# Share of the content per language: 55 % Chinese, 5 % for each of the nine others.
LANGUAGES = ["zh-hans", "en", "vi", "th", "id", "ms", "lo", "km", "my", "fil"]
SHARES = {code: 0.55 if code == "zh-hans" else 0.05 for code in LANGUAGES}
LIBRARIES = {code: 40 if code == "zh-hans" else 5 for code in LANGUAGES}
# Content pages: events, lectures, volunteer projects.
KIND_WEIGHTS = {"event": 70, "lecture": 20, "volunteer": 10}

CITIES = {
    "zh-hans": cb.CITIES,
    "en": ["Nanning", "Liuzhou", "Guilin", "Beihai", "Singapore"],
    "vi": ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Huế", "Cần Thơ"],
    "th": ["กรุงเทพมหานคร", "เชียงใหม่", "ขอนแก่น", "ภูเก็ต", "อุดรธานี"],
    "id": ["Jakarta", "Surabaya", "Bandung", "Medan", "Yogyakarta"],
    "ms": ["Kuala Lumpur", "Pulau Pinang", "Johor Bahru", "Melaka", "Kuching"],
    "lo": ["ວຽງຈັນ", "ຫຼວງພະບາງ", "ປາກເຊ", "ສະຫວັນນະເຂດ", "ທ່າແຂກ"],
    "km": ["ភ្នំពេញ", "សៀមរាប", "បាត់ដំបង", "កំពត", "ព្រះសីហនុ"],
    "my": ["ရန်ကုန်", "မန္တလေး", "နေပြည်တော်", "ပုဂံ", "မော်လမြိုင်"],
    "fil": ["Maynila", "Lungsod Quezon", "Cebu", "Davao", "Iloilo"],
}
LIBRARY_TITLES = {
    "zh-hans": "{city}第{n}图书馆",
    "en": "{city} Public Library {n}",
    "vi": "Thư viện {city} {n}",
    "th": "ห้องสมุดประชาชน{city} {n}",
    "id": "Perpustakaan Umum {city} {n}",
    "ms": "Perpustakaan Awam {city} {n}",
    "lo": "ຫໍສະໝຸດ{city} {n}",
    "km": "បណ្ណាល័យ{city} {n}",
    "my": "{city} စာကြည့်တိုက် {n}",
    "fil": "Aklatang Pampubliko ng {city} {n}",
}
MEMBERS_TITLES = {
    "zh-hans": "成员馆",
    "en": "Member libraries",
    "vi": "Thư viện thành viên",
    "th": "ห้องสมุดสมาชิก",
    "id": "Perpustakaan anggota",
    "ms": "Perpustakaan ahli",
    "lo": "ຫໍສະໝຸດສະມາຊິກ",
    "km": "បណ្ណាល័យសមាជិក",
    "my": "အဖွဲ့ဝင် စာကြည့်တိုက်များ",
    "fil": "Mga kasaping aklatan",
}
# How a page title becomes one of a series ("… (No. 12)").
SERIES = {
    "zh-hans": "{title}（第{n}期）",
    "en": "{title} (No. {n})",
    "vi": "{title} (số {n})",
    "th": "{title} ครั้งที่ {n}",
    "id": "{title} (seri {n})",
    "ms": "{title} (siri {n})",
    "lo": "{title} ຄັ້ງທີ {n}",
    "km": "{title} លើកទី {n}",
    "my": "{title} အကြိမ် {n}",
    "fil": "{title} (blg. {n})",
}
# Single common words, and words that match nothing (the second one, in English, also runs
# the fallback search in the default language).
EXTRA_QUERIES = [
    ("zh-hans", "阅读"),
    ("zh-hans", "图书馆"),
    ("zh-hans", "讲座"),
    ("zh-hans", "志愿者"),
    ("th", "ห้องสมุด"),
    ("vi", "thư viện"),
    ("en", "library"),
    ("id", "perpustakaan"),
    ("zh-hans", "量子纠缠"),
    ("en", "zyzzyva"),
]


def structure_pages():
    """Translated homes (the zh-hans one exists), a members index per locale, libraries."""
    return len(LANGUAGES) - 1 + len(LANGUAGES) + sum(LIBRARIES.values())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pages",
        type=int,
        default=10_000,
        help="pages to seed, all included (homes, indexes, libraries, content)",
    )
    parser.add_argument(
        "--repeat", type=int, default=20, help="measured runs of each query (after one warm-up)"
    )
    parser.add_argument(
        "--db",
        default="/tmp/search_bench.sqlite3",
        help="SQLite file to create, or a postgres:// URL of an empty database (left in place)",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the SQLite file")
    parser.add_argument("--seed", type=int, default=20261201, help="random seed")
    parser.add_argument("--json", type=Path, help="write the raw figures to this file")
    args = parser.parse_args()
    structure = structure_pages()
    if args.pages < structure + 100:
        parser.error(f"--pages must be at least {structure + 100}")
    if not 1 <= args.repeat <= 10_000:
        parser.error("--repeat must be between 1 and 10000")
    return args


# Seeding ------------------------------------------------------------------------------


@contextmanager
def search_index_signals_disconnected():
    """No indexing while seeding (every backend's save handler is off): update_index
    builds the site index afterwards, which is what is measured."""
    from django.db.models.signals import post_save
    from modelsearch.index import get_indexed_models
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [m for m in get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def corpus_by_language():
    sys.path.insert(0, str(cb.ROOT))
    from tests.alliance_site.search_corpus import PAGES

    pages = {code: [] for code in LANGUAGES}
    for page in PAGES:
        pages[page["lang"]].append(page)
    return pages


def content_counts(args):
    """{language: number of content pages}, adding up to --pages minus the structure."""
    total = args.pages - structure_pages()
    counts = {code: int(total * SHARES[code]) for code in LANGUAGES}
    counts["zh-hans"] += total - sum(counts.values())
    return counts


def seed(args):
    """Create the translated homes, a members index and libraries per locale, then the
    content pages under the libraries, in one transaction; return the timings."""
    import datetime

    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from events.models import ACTIVITY_KINDS, EventPage, EventSession
    from home.models import HomePage, LibraryLevel, MemberLibraryIndexPage, MemberLibraryPage
    from lectures.models import LecturePage
    from volunteers.models import VolunteerCategory, VolunteerProjectPage

    rng = random.Random(args.seed)
    corpus = corpus_by_language()
    counts = content_counts(args)
    activity_kinds = [value for value, _label in ACTIVITY_KINDS]
    categories = list(VolunteerCategory.values)
    kinds = list(KIND_WEIGHTS)
    weights = list(KIND_WEIGHTS.values())
    now = timezone.now()
    live = {
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
    }

    def text_of(lang, n):
        pages = corpus[lang]
        title = SERIES[lang].format(title=rng.choice(pages)["title"], n=n)
        intro = rng.choice(pages)["intro"]
        bodies = rng.sample(pages, rng.randint(2, 3))
        body = [("paragraph", f"<p>{page['body']}</p>") for page in bodies]
        return title, intro, body

    def sessions():
        day = timezone.localdate() + datetime.timedelta(days=rng.randint(-365, 365))
        start = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.randint(9, 19), 30))
        )
        count = rng.choice((1, 1, 1, 2, 3))
        hours = rng.randint(1, 3)
        return [
            EventSession(
                start=start + datetime.timedelta(days=7 * s),
                end=start + datetime.timedelta(days=7 * s, hours=hours),
            )
            for s in range(count)
        ]

    if EventPage.objects.exists():
        sys.exit("The database has content already: give an empty database to --db.")
    timings = {}
    print(f"Seeding {args.pages} pages…", flush=True)
    started = time.perf_counter()
    with (
        transaction.atomic(),
        disable_reference_index_auto_update(),
        search_index_signals_disconnected(),
    ):
        default = Locale.get_default()
        source_home = HomePage.objects.get(locale=default, depth=2)
        libraries = {}
        for lang in LANGUAGES:
            locale, _created = Locale.objects.get_or_create(language_code=lang)
            if locale == default:
                home = source_home
            else:
                home = source_home.copy_for_translation(locale)
                home.save_revision().publish()
            members = MemberLibraryIndexPage(
                title=MEMBERS_TITLES[lang], slug="members", locale=locale, **live
            )
            home.add_child(instance=members)
            libraries[lang] = []
            for n in range(LIBRARIES[lang]):
                city = CITIES[lang][n % len(CITIES[lang])]
                if lang != "zh-hans":
                    level = LibraryLevel.ASEAN if lang != "en" else LibraryLevel.CITY
                else:
                    level = LibraryLevel.PROVINCIAL if n == 0 else LibraryLevel.CITY
                    level = LibraryLevel.COUNTY if n > len(cb.CITIES) else level
                title = LIBRARY_TITLES[lang].format(city=city, n=n + 1)
                intro = rng.choice(corpus[lang])["intro"]
                library = MemberLibraryPage(
                    title=title,
                    slug=f"library-{lang}-{n}",
                    locale=locale,
                    short_name=title[:40],
                    level=level,
                    city=city,
                    introduction=intro,
                    **live,
                )
                members.add_child(instance=library)
                libraries[lang].append((locale, library))
        timings["homes, indexes, libraries"] = time.perf_counter() - started

        started = time.perf_counter()
        made = {"event": 0, "lecture": 0, "volunteer": 0}
        for lang in LANGUAGES:
            for n in range(counts[lang]):
                locale, library = libraries[lang][n % len(libraries[lang])]
                kind = rng.choices(kinds, weights)[0]
                title, intro, body = text_of(lang, n + 1)
                common = {
                    "title": title,
                    "slug": f"{kind}-{n}",
                    "locale": locale,
                    "introduction": intro,
                    "body": body,
                    "event_sessions": sessions(),
                    **live,
                }
                if kind == "event":
                    page = EventPage(kind=rng.choice(activity_kinds), **common)
                elif kind == "lecture":
                    page = LecturePage(topic=rng.choice(corpus[lang])["title"], **common)
                else:
                    page = VolunteerProjectPage(category=rng.choice(categories), **common)
                # save() sets first_start and last_end from the sessions, and the library.
                library.add_child(instance=page)
                made[kind] += 1
            print(f"  {lang}: {counts[lang]} content pages", flush=True)
    timings["content pages"] = time.perf_counter() - started
    timings["made"] = made
    return timings


# Measuring ----------------------------------------------------------------------------


def queries():
    """[(language, q)]: every query of the relevance corpus, then the extra ones."""
    from tests.alliance_site.search_corpus import QUERIES

    cases = [(query["lang"], query["q"]) for query in QUERIES] + EXTRA_QUERIES
    return list(dict.fromkeys(cases))  # once each, in order


def index_size(sqlite_path):
    """{label: bytes} of the site index as the database stores it."""
    from django.db import connection

    sizes = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_total_relation_size('alliance_site_searchdocument'), "
                "pg_relation_size('alliance_site_searchdocument_vector')"
            )
            sizes["searchdocument (table, TOAST, indexes)"], sizes["of which GIN"] = (
                cursor.fetchone()
            )
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sizes["database file"] = sqlite_path.stat().st_size
            try:
                cursor.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM "
                    "sqlite_master WHERE tbl_name LIKE 'alliance\\_site\\_search%' ESCAPE '\\')"
                )
                sizes["site index (dbstat)"] = cursor.fetchone()[0] or 0
                cursor.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'alliance\\_site\\_searchfts%' "
                    "ESCAPE '\\'"
                )
                sizes["of which FTS5"] = cursor.fetchone()[0] or 0
            except Exception:  # noqa: BLE001 - dbstat is a compile-time option of SQLite
                pass
    return sizes


def machine():
    from django.db import connection

    info = {
        "cpus": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django
    import wagtail

    info["django"] = django.get_version()
    info["wagtail"] = wagtail.__version__
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["database"] = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        info["database"] = f"SQLite {sqlite3.sqlite_version}"
    return info


def results_on_page(body):
    return len(re.findall(rb'<li class="search-result">', body))


def measure(args, cases):
    """Time the engine, the search page and /healthz/ for every (language, q)."""
    from django.conf import settings
    from django.test import Client
    from django.utils import translation
    from wagtail.models import Locale

    from alliance_site.search import engine
    from alliance_site.search.text import parse_query
    from alliance_site.search.views import PER_PAGE

    locales = {locale.language_code: locale.pk for locale in Locale.objects.all()}
    source = locales[settings.LANGUAGE_CODE]
    rows, problems, healthz = [], [], []

    # (a) The engine alone, on a connection that stays open.
    for lang, q in cases:
        with translation.override(lang):
            found = engine.hits(parse_query(q, lang), locales[lang])  # warm-up
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                engine.hits(parse_query(q, lang), locales[lang])
                times.append((time.perf_counter() - started) * 1000)
        shown = found
        if not found and lang != settings.LANGUAGE_CODE:
            shown = engine.hits(parse_query(q, lang), source)  # the page's fallback
        rows.append(
            {
                "lang": lang,
                "q": q,
                "hits": len(found),
                "fallback": bool(shown) and not found,
                "expected_results": min(PER_PAGE, len(shown)),
                "engine_ms": times,
            }
        )

    # (b) The search page and (c) /healthz/, alternately, through the same client.
    client = Client()
    for row in rows:
        url = f"/{row['lang']}/search/"
        response = client.get(url, {"q": row["q"]})  # warm-up
        client.get("/healthz/")
        if response.status_code != 200:
            problems.append(f"{url}?q={row['q']}: HTTP {response.status_code}")
        elif results_on_page(response.content) != row["expected_results"]:
            problems.append(
                f"{url}?q={row['q']}: {results_on_page(response.content)} results listed, "
                f"the engine found {row['expected_results']} for the first page"
            )
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url, {"q": row["q"]})
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                problems.append(f"{url}?q={row['q']}: HTTP {response.status_code}")
            started = time.perf_counter()
            response = client.get("/healthz/")
            healthz.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                problems.append(f"/healthz/: HTTP {response.status_code}")
        row["page_ms"] = times
    translation.deactivate()
    return rows, healthz, problems


def summary(values):
    return {
        "n": len(values),
        "p50": cb.percentile(values, 0.50),
        "p99": cb.percentile(values, 0.99),
        "max": max(values),
    }


def print_report(rows, healthz, is_sqlite):
    engine = summary([t for row in rows for t in row["engine_ms"]])
    page = summary([t for row in rows for t in row["page_ms"]])
    health = summary(healthz)
    print()
    print("| measure                       | samples | p50 ms | p99 ms | max ms | p50 / healthz |")
    print("|-------------------------------|---------|--------|--------|--------|---------------|")
    for label, figures in (
        ("engine (parse_query + SQL)", engine),
        ("search page (test client)", page),
        ("/healthz/ (test client)", health),
    ):
        ratio = figures["p50"] / health["p50"]
        print(
            f"| {label:<29} | {figures['n']:>7} | {figures['p50']:>6.1f} | {figures['p99']:>6.1f} "
            f"| {figures['max']:>6.1f} | {ratio:>12.1f}× |"
        )
    hits = [row["hits"] for row in rows]
    print(
        f"\n{len(rows)} queries; hits per query: mean {sum(hits) / len(hits):.0f}, "
        f"max {max(hits)}, none {sum(h == 0 for h in hits)} "
        f"(of which {sum(row['fallback'] for row in rows)} answered from the default language)"
    )

    print()
    print("| language | queries | mean hits | engine p50 | page p50 | page p99 |")
    print("|----------|---------|-----------|------------|----------|----------|")
    for lang in LANGUAGES:
        mine = [row for row in rows if row["lang"] == lang]
        if not mine:
            continue
        engine_times = [t for row in mine for t in row["engine_ms"]]
        page_times = [t for row in mine for t in row["page_ms"]]
        mean_hits = sum(row["hits"] for row in mine) / len(mine)
        print(
            f"| {lang:<8} | {len(mine):>7} | {mean_hits:>9.0f} "
            f"| {cb.percentile(engine_times, 0.5):>10.1f} "
            f"| {cb.percentile(page_times, 0.5):>8.1f} | {cb.percentile(page_times, 0.99):>8.1f} |"
        )

    print("\nSlowest queries (search page p50):")
    slowest = sorted(rows, key=lambda row: -cb.percentile(row["page_ms"], 0.5))[:8]
    for row in slowest:
        print(
            f"  {row['lang']:<7} {row['q'][:40]!r:<44} hits {row['hits']:>5}  "
            f"engine {cb.percentile(row['engine_ms'], 0.5):6.1f} ms  "
            f"page {cb.percentile(row['page_ms'], 0.5):6.1f} ms"
        )

    verdict = "met" if page["p50"] < TARGET_P50_MS else "not met"
    where = "" if is_sqlite else " (this run is on PostgreSQL)"
    print(
        f"\ntarget: p50 < {TARGET_P50_MS} ms (SQLite); measured search page p50 "
        f"{page['p50']:.1f} ms: {verdict}{where}"
    )
    return {"engine": engine, "page": page, "healthz": health}


def main():
    args = parse_args()
    cb.use_project_python()
    database_url, sqlite_path = cb.database(args)
    created_db = False
    if sqlite_path is not None:
        if sqlite_path.exists():
            sys.exit(f"{sqlite_path} exists: remove it, or give another --db.")
        created_db = True
    temp_dir = Path(tempfile.mkdtemp(prefix="alliance-search-bench-"))
    cb.configure_environment(database_url, temp_dir)
    os.environ["ALLOWED_HOSTS"] += ",testserver"  # Django's test client
    report = {"args": {k: str(v) for k, v in vars(args).items()}}
    try:
        print(f"Database: {database_url}")
        print(f"migrate: {cb.manage('migrate', '--noinput'):.1f} s", flush=True)
        print(f"collectstatic: {cb.manage('collectstatic', '--noinput'):.1f} s", flush=True)
        cb.setup_django()
        from django.db import connection, connections

        info = machine()
        report["machine"] = info
        print(
            f"Machine: {info['cpus']} CPUs ({info['cpu']}), Python {info['python']}, "
            f"Django {info['django']}, Wagtail {info['wagtail']}, {info['database']}"
        )

        timings = seed(args)
        made = timings.pop("made")
        for name, seconds in timings.items():
            print(f"  {name}: {seconds:.1f} s")
        print(f"  content: {made}", flush=True)
        report["seeding_seconds"] = timings
        report["content"] = made

        before = index_size(sqlite_path)
        connections.close_all()
        startup = cb.manage("update_index", "--backend", "site", "--schema-only")
        seconds = cb.manage("update_index", "--backend", "site")
        from alliance_site.search.models import SearchDocument

        if connection.vendor == "postgresql":
            # What autovacuum does within a minute of a bulk load. Without statistics (10,000
            # pages estimated as a few hundred) the planner ignores the GIN index.
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)
        documents = SearchDocument.objects.count()
        after = index_size(sqlite_path)
        print(
            f"\nupdate_index --backend site: {documents} pages in {seconds:.1f} s "
            f"({documents / seconds:.0f} pages/s); of which ~{startup:.1f} s is starting "
            f"Django (an update_index --schema-only), so "
            f"{documents / max(seconds - startup, 1e-9):.0f} pages/s of indexing proper"
        )
        for label, size in after.items():
            extra = ""
            if label in before and label == "database file":
                extra = f" (was {before[label] / 2**20:.1f} MB before the rebuild)"
            print(f"  {label}: {size / 2**20:.1f} MB{extra}")
        report["index"] = {
            "documents": documents,
            "seconds": seconds,
            "startup_seconds": startup,
            "size_before": before,
            "size_after": after,
        }

        cases = queries()
        print(
            f"\nMeasuring {len(cases)} queries × {args.repeat} (after one warm-up each)…",
            flush=True,
        )
        rows, healthz, problems = measure(args, cases)
        report["summary"] = print_report(rows, healthz, sqlite_path is not None)
        report["queries"] = rows
        report["healthz_ms"] = healthz
        report["problems"] = problems
        if args.json:
            args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str))
            print(f"\nWrote {args.json}")
        if problems:
            print("\nProblems:\n  " + "\n  ".join(problems[:20]))
            return 1
        return 0
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - Django may not be set up yet
            pass
        shutil.rmtree(temp_dir, ignore_errors=True)
        if created_db and not args.keep_db:
            cb.remove_sqlite(sqlite_path)
        elif sqlite_path is not None:
            print(f"Kept {sqlite_path}")


if __name__ == "__main__":
    sys.exit(main())
