"""The site search index as a Wagtail search backend ("site" in WAGTAILSEARCH_BACKENDS).

Being a backend, it is kept up to date by Wagtail's own signal handlers (every save and
delete of an indexed model) and rebuilt by ``manage.py update_index``, with its progress
output. Only pages are kept; other indexed models (images, documents, snippets) get a null
index. Searching goes through ``alliance_site.search.engine``, not ``backend.search()``.
"""

from django.db import transaction
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
        documents.update(items)

    def delete_item(self, item):
        documents.remove([item.pk])


class SiteRebuilder:
    """Empties and refills the index in one transaction: searches see the old index until
    the new one is committed."""

    def __init__(self, index):
        self.index = index
        self.transaction = None

    def start(self):
        if isinstance(self.index, SitePageIndex):
            self.transaction = transaction.atomic()
            self.transaction.__enter__()
            self.index.reset()
        return self.index

    def finish(self):
        if self.transaction is not None:
            self.transaction.__exit__(None, None, None)
            self.transaction = None


class SiteSearchBackend(BaseSearchBackend):
    rebuilder_class = SiteRebuilder

    def get_index_for_model(self, model):
        if issubclass(model, Page):
            return SitePageIndex(self)
        return NullIndex(self)

    def search(self, *args, **kwargs):
        raise NotImplementedError("Use alliance_site.search.engine.search().")

    autocomplete = search


SearchBackend = SiteSearchBackend
