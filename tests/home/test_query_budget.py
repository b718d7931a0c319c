"""The home page, the members index and a brand page render in a fixed number of SQL
queries, whether the alliance has 20 or 120 libraries."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from alliance_site import page_cache
from home.models import LibraryLevel
from tests import factories
from tests.conftest import make_library

pytestmark = pytest.mark.django_db

LEVELS = list(LibraryLevel.values)
CITIES = ["南宁", "柳州", "桂林", "梧州", "北海", "百色"]


def add_libraries(index, start, count):
    for n in range(start, start + count):
        library = make_library(
            index,
            title=f"图书馆{n}",
            slug=f"lib-{n}",
            level=LEVELS[n % len(LEVELS)],
            city=CITIES[n % len(CITIES)],
            logo=factories.ImageFactory() if n % 3 == 0 else None,
        )
        factories.OpeningHoursFactory(page=library, weekday=n % 7)


def count_queries(client, url, cold=False):
    """Queries of a page made afresh, not from the page cache, after a first request (it
    makes image renditions and fills the shared per-request data: site, locales, menu,
    settings); `cold` empties every cache in between, so that nothing comes from one."""
    skew, page_cache.CLOCK_SKEW = page_cache.CLOCK_SKEW, 0  # what was just made is kept
    try:
        with override_settings(PAGE_CACHE_ENABLED=False):
            client.get(url)
            if cold:
                cache.clear()
                caches["pages"].clear()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
    finally:
        page_cache.CLOCK_SKEW = skew
    assert response.status_code == 200
    return len(queries)


# Measured budgets; a change that adds a query per library fails here.
BUDGETS = {"home": 12, "members": 12, "brand": 12}  # issue 15: at most 12


def test_query_counts_do_not_grow_with_libraries(client, home, members_index):
    add_libraries(members_index, 0, 20)
    brand = members_index.get_children().last().specific
    urls = {"home": home.url, "members": members_index.url, "brand": brand.url}
    small = {name: count_queries(client, url) for name, url in urls.items()}
    add_libraries(members_index, 20, 100)
    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert small == large
    for name, count in large.items():
        assert count <= BUDGETS[name], (name, count)
