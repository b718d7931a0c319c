"""The site search index: one row per live page, beside a full-text table of its terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """A live, non-alias page as the public search sees it.

    The terms are segmented by ``alliance_site.search.text`` and joined by spaces, so the
    database only has to split on spaces: an FTS5 table (``ascii`` tokenizer) on SQLite, a
    ``tsvector`` column with a GIN index on PostgreSQL, both made by migration 0002.
    Whether the page is still live and public is checked on the page row at query time.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=100)  # "app_label.model" of the specific page type
    library = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    starts = models.DateField(null=True)
    ends = models.DateField(null=True)
    title_key = models.CharField(max_length=255)
    title_terms = models.TextField()
    body_terms = models.TextField()
    excerpt = models.TextField(help_text=_("Plain text the result's excerpt is cut from."))
    indexed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["locale", "kind"])]
        verbose_name = _("search document")

    def __str__(self):
        return f"{self.kind} {self.page_id}"
