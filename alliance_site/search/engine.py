"""Queries on the site search index: one SQL query for every hit of a query in a locale,
ranked, with what the facets need; the facets, filters and pages are worked out from those
hits in Python. SQLite uses FTS5 and bm25(); PostgreSQL a tsvector, a GIN index and
ts_rank(). Live, unexpired and public (in no private section, in any language's sense:
translations/privacy.py) are checked on the page rows in the same query, so publishing,
unpublishing and privacy take effect at once.

When the "site" backend is another Wagtail backend (OpenSearch or Elasticsearch with the
ICU plugin, see opensearch.py), the same hits are made from its ranked results instead."""

import datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from translations.privacy import private_paths, public_everywhere

from .documents import FTS_TABLE, owners
from .text import title_key

#: A query ranks at most this many hits; facets count among them (the page says so).
MAX_HITS = 2000
#: From an external search engine, fewer: each is a document fetched over the network.
MAX_BACKEND_HITS = 1000


def _public():
    """(SQL, params): page `p` is live, unexpired and in no private section, in any
    locale's sense (translations/privacy.py)."""
    paths = private_paths()
    sql = "p.live AND NOT p.expired" + " AND p.path NOT LIKE %s" * len(paths)
    return sql, [path + "%" for path in paths]  # paths are [0-9A-Z]: nothing to escape


class Hit(NamedTuple):  # a tuple: a broad query makes thousands
    page_id: int
    kind: str
    library_id: int | None
    starts: object
    ends: object
    exact_title: bool
    score: float


def _date(value):
    if isinstance(value, str):  # SQLite gives dates back as text through a raw cursor
        return datetime.date.fromisoformat(value)
    return value


def _fts5_query(query):
    parts = []
    for term in query.terms:
        # Several tokens in one pair of quotes are a phrase: they must follow each other.
        quoted = '"' + term.text.replace('"', '""') + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " AND ".join(parts)


def _tsquery(query):
    parts = []
    for term in query.terms:
        lexemes = [
            "'" + token.replace("\\", "\\\\").replace("'", "''") + "'" for token in term.tokens
        ]
        if len(lexemes) == 1:
            parts.append(lexemes[0] + (":*" if term.prefix else ""))
        else:
            # The tokens follow each other (<->); past position 16,383, where PostgreSQL
            # gives every word that same position, they share it (<0>).
            parts.append(f"({' <-> '.join(lexemes)}) | ({' <0> '.join(lexemes)})")
    return " & ".join(f"({part})" for part in parts)


def _sqlite_sql(public):
    return (
        "SELECT d.page_id, d.kind, d.library_id, d.starts, d.ends, d.title_key = %s, "
        f"bm25({FTS_TABLE}, 10.0, 1.0) AS score "
        # CROSS JOIN makes SQLite start from the full-text match; left to itself it may
        # start from the locale index and read every document (60 times slower, measured).
        f"FROM {FTS_TABLE} CROSS JOIN alliance_site_searchdocument d "
        f"ON d.page_id = {FTS_TABLE}.rowid "
        "JOIN wagtailcore_page p ON p.id = d.page_id "
        f"WHERE {FTS_TABLE} MATCH %s AND d.locale_id = %s AND {public} "
        "ORDER BY d.title_key = %s DESC, score ASC, d.page_id LIMIT %s"
    )


def _postgresql_sql(public):
    return (
        "SELECT d.page_id, d.kind, d.library_id, d.starts, d.ends, d.title_key = %s, "
        "-ts_rank(d.vector, q.query) AS score "
        "FROM alliance_site_searchdocument d JOIN wagtailcore_page p ON p.id = d.page_id "
        "CROSS JOIN (SELECT CAST(%s AS tsquery) AS query) q "
        f"WHERE d.vector @@ q.query AND d.locale_id = %s AND {public} "
        "ORDER BY d.title_key = %s DESC, score ASC, d.page_id LIMIT %s"
    )


def hit_limit():
    return MAX_HITS if uses_site_index() else MAX_BACKEND_HITS


def uses_site_index():
    from .backend import SiteSearchBackend

    return isinstance(get_search_backend("site"), SiteSearchBackend)


def hits(query, locale_id, text=""):
    """Every hit of ``query`` (a ``text.Query`` parsed from ``text``) among public pages of
    the locale, best first: exact title matches, then by relevance (title words weigh ten
    times body words)."""
    if not query:
        return []
    if not uses_site_index():
        return _backend_hits(text, query, locale_id)
    public, public_params = _public()
    if connection.vendor == "postgresql":
        sql, match = _postgresql_sql(public), _tsquery(query)
    elif connection.vendor == "sqlite":
        sql, match = _sqlite_sql(public), _fts5_query(query)
    else:  # pragma: no cover - settings allow only SQLite and PostgreSQL
        raise NotImplementedError(
            f"Site search needs SQLite or PostgreSQL, not {connection.vendor}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [query.key, match, locale_id, *public_params, query.key, MAX_HITS])
        return [
            Hit(
                page_id,
                kind,
                library_id,
                _date(starts),
                _date(ends),
                bool(exact),
                float(score or 0),
            )
            for page_id, kind, library_id, starts, ends, exact, score in cursor.fetchall()
        ]


def _backend_hits(text, query, locale_id):
    """Hits from another Wagtail search backend ("site"), which segments the text itself."""
    pages = public_everywhere(Page.objects.live()).filter(locale_id=locale_id)
    found = [
        page
        for page in pages.search(text, backend="site", operator="and")[:MAX_BACKEND_HITS]
        if page.depth > 1 and page.alias_of_id is None and not page.expired
    ]
    periods = {}
    by_type = {}
    for page in found:
        by_type.setdefault(page.content_type_id, []).append(page.pk)
    kinds = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        kinds[content_type_id] = f"{model._meta.app_label}.{model._meta.model_name}"
        if hasattr(model, "search_period"):
            for specific in model.objects.filter(pk__in=ids):
                periods[specific.pk] = specific.search_period()
    owner_of = owners(found) if found else {}
    result = []
    for rank, page in enumerate(found):
        starts, ends = periods.get(page.pk) or (None, None)
        exact = title_key(page.title) == query.key
        result.append(
            Hit(
                page.pk,
                kinds[page.content_type_id],
                owner_of.get(page.pk),
                starts,
                ends,
                exact,
                rank,
            )
        )
    return sorted(result, key=lambda hit: (not hit.exact_title, hit.score))
