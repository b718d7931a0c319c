"""What Wagtail's save/delete signals don't tell the site search index."""

from . import documents
from .engine import uses_site_index


def reindex_moved_descendants(sender, instance, **kwargs):
    """A moved page is saved, so it is reindexed; the pages under it are not, yet they may
    now belong to another library."""
    if kwargs.get("url_path_before") == kwargs.get("url_path_after"):
        return
    if not uses_site_index():  # OpenSearch/Elasticsearch keep their own documents
        return
    pages = instance.get_descendants().specific().iterator(chunk_size=500)
    batch = []
    for page in pages:
        batch.append(page)
        if len(batch) == 500:
            documents.update(batch)
            batch = []
    documents.update(batch)
