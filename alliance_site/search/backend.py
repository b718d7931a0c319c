"""The site search index as a Wagtail search backend ("site" in WAGTAILSEARCH_BACKENDS).

Being a backend, it is kept up to date by Wagtail's own signal handlers (every save and
delete of an indexed model) and rebuilt by ``manage.py update_index``, with its progress
output. Only pages are kept; other indexed models (images, documents, snippets) get a null
index. Searching goes through ``alliance_site.search.engine``, not ``backend.search()``.
"""

from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends.base import BaseIndex, BaseSearchBackend

from . import documents


class NullIndex(BaseIndex):
    """Images, documents and snippets: update_index walks them, the site search skips them."""

    def get_key(self):
        return "not-indexed"

    def __str__(self):
        return "(not pages: skipped)"


class SitePageIndex(BaseIndex):
    def get_key(self):
        return "site-pages"

    def __str__(self):
        return "site pages"

    def reset(self):
        documents.reset()

    def add_items(self, model, items):
        self.added = True
        documents.update(items)

    def delete_item(self, item):
        documents.remove([item.pk])


class SiteRebuilder:
    """Refreshes every page in place, a chunk (one short transaction) at a time, then takes
    out what no page refreshed: searches keep working and the site's writes aren't held up
    while it runs (one long transaction would lock SQLite for its whole length)."""

    def __init__(self, index):
        self.index = index
        self.started = None

    def start(self):
        self.started = timezone.now()
        self.index.added = False
        return self.index

    def finish(self):
        if isinstance(self.index, SitePageIndex) and self.index.added:
            documents.remove_stale(self.started)


class SiteSearchBackend(BaseSearchBackend):
    rebuilder_class = SiteRebuilder

    def get_index_for_model(self, model):
        if issubclass(model, Page):
            return SitePageIndex(self)
        return NullIndex(self)

    def search(self, *args, **kwargs):
        raise NotImplementedError("Search the site index with alliance_site.search.engine.hits().")

    autocomplete = search


SearchBackend = SiteSearchBackend
