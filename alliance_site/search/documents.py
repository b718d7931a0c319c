"""Pages in and out of the site search index."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from wagtail.models import Page, get_page_models
from wagtail.search import index

from translations.visitor import untranslated

from .models import SearchDocument
from .text import index_terms, title_key

FTS_TABLE = "alliance_site_searchfts"
#: The excerpt of a result is cut from this much of the page's text.
EXCERPT_LENGTH = 3000
#: Words of a page's body beyond this many are not indexed (about 25,000 Chinese
#: characters): PostgreSQL refuses a tsvector over 1 MB, and a publish must not fail.
MAX_BODY_TERMS = 50_000


def is_indexed(page):
    """Live, not expired, not the root and not an alias (aliases repeat their source)."""
    return page.depth > 1 and page.live and not page.expired and page.alias_of_id is None


def owner_content_type_ids():
    """Content types of pages that own what lies under them (``search_owner = True``):
    results are grouped by the nearest such ancestor (a member library)."""
    owning = [model for model in get_page_models() if getattr(model, "search_owner", False)]
    return [ct.pk for ct in ContentType.objects.get_for_models(*owning).values()]


def _ancestor_paths(page):
    steps = Page.steplen
    return [page.path[:length] for length in range(steps, len(page.path) + 1, steps)]


def owners(pages):
    """{page id: id of its nearest owning ancestor (or itself)} in one query."""
    paths = {path for page in pages for path in _ancestor_paths(page)}
    owner_paths = dict(
        Page.objects.filter(path__in=paths, content_type_id__in=owner_content_type_ids())
        .values_list("path", "pk")
        .order_by()
    )
    found = {}
    for page in pages:
        for path in reversed(_ancestor_paths(page)):
            if path in owner_paths:
                found[page.pk] = owner_paths[path]
                break
    return found


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    return force_str(value)


def _is_label(obj, field):
    """A short one-line field (a CharField: short name, brand, city): searched, but not
    part of a result's excerpt."""
    try:
        model_field = obj._meta.get_field(field.field_name)
    except FieldDoesNotExist:
        return False
    return isinstance(model_field, models.CharField)


def _field_texts(obj, fields, top=True):
    """(text, is_label) of each search field but the page's title, and but a translation's
    fields that still hold the source's text (they are found in the source's language)."""
    for field in fields:
        if isinstance(field, index.SearchField) and not (top and field.field_name == "title"):
            if top and _untranslated(obj, field.field_name):
                continue
            yield _text(field.get_value(obj)), _is_label(obj, field)
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if hasattr(related, "all"):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _field_texts(item, field.fields, top=False)


def _texts(page):
    """(text, is_label) of the page's searchable texts other than its title, once each: its
    search description, then the search fields its class declares (StreamFields give their
    searchable content)."""
    seen = set()
    description = "" if _untranslated(page, "search_description") else page.search_description
    fields = [(description, False), *_field_texts(page, page.get_search_fields())]
    for part, is_label in fields:
        part = " ".join((part or "").split())
        if part and part not in seen:
            seen.add(part)
            yield part, is_label


def body_text(page):
    return " ".join(part for part, _is_label in _texts(page))


def excerpt_text(page):
    """What a result's excerpt is cut from: the texts that aren't short labels."""
    return " ".join(part for part, is_label in _texts(page) if not is_label)


def _untranslated(page, name):
    try:
        page._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return untranslated(page, name)


def build(page, library_id):
    """The page's document. A translation's texts that nobody has translated yet are
    left out: the page is found by them in the source language, not twice."""
    body = body_text(page)
    title = "" if _untranslated(page, "title") else page.title
    period = page.search_period() if hasattr(page, "search_period") else None
    starts, ends = period or (None, None)
    meta = page._meta
    return SearchDocument(
        page_id=page.pk,
        locale_id=page.locale_id,
        kind=f"{meta.app_label}.{meta.model_name}",
        library_id=library_id,
        starts=starts,
        ends=ends or starts,
        title_key=title_key(title),
        title_terms=" ".join(index_terms(title)),
        body_terms=" ".join(index_terms(body)[:MAX_BODY_TERMS]),
        excerpt=excerpt_text(page)[:EXCERPT_LENGTH],
        indexed_at=timezone.now(),
    )


def _tsvector(terms, weight):
    """A tsvector literal with positions: the words are ours, PostgreSQL's parser and its
    locale never see them. Positions stop at 16,383 (PostgreSQL's limit): later words
    all share that position, and engine._tsquery accepts a shared position as a phrase."""
    lexemes = []
    for position, term in enumerate(terms.split(), start=1):
        quoted = term.replace("\\", "\\\\").replace("'", "''")
        lexemes.append(f"'{quoted}':{min(position, 16383)}{weight}")
    return " ".join(lexemes)


def _write_full_text(documents, removed_ids):
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            ids = [*removed_ids, *(doc.page_id for doc in documents)]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("%s" for _ in chunk)
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(doc.page_id, doc.title_terms, doc.body_terms) for doc in documents],
            )
        elif vendor == "postgresql":
            cursor.executemany(
                "UPDATE alliance_site_searchdocument SET vector = "
                "CAST(%s AS tsvector) || CAST(%s AS tsvector) WHERE page_id = %s",
                [
                    (_tsvector(doc.title_terms, "A"), _tsvector(doc.body_terms, "D"), doc.page_id)
                    for doc in documents
                ],
            )


def update(pages):
    """Index these (specific) pages, or take them out when they are no longer live."""
    pages = [page for page in pages if isinstance(page, Page)]
    if not pages:
        return
    indexed = [page for page in pages if is_indexed(page)]
    owner_of = owners(indexed) if indexed else {}
    documents = [build(page, owner_of.get(page.pk)) for page in indexed]
    removed_ids = [page.pk for page in pages if not is_indexed(page)]
    with transaction.atomic():
        SearchDocument.objects.filter(page_id__in=removed_ids).delete()
        # An upsert: two saves of one page at the same moment must not collide.
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=[
                field.name
                for field in SearchDocument._meta.concrete_fields
                if not field.primary_key
            ],
        )
        _write_full_text(documents, removed_ids)


def remove(page_ids):
    with transaction.atomic():
        SearchDocument.objects.filter(page_id__in=page_ids).delete()
        _write_full_text([], page_ids)


def remove_stale(before):
    """After a rebuild: take out what no page refreshed since ``before`` (pages deleted or
    unpublished while no signal told the index), and full-text rows without a document."""
    stale = list(
        SearchDocument.objects.filter(indexed_at__lt=before).values_list("page_id", flat=True)
    )
    remove(stale)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {FTS_TABLE} WHERE rowid NOT IN "
                "(SELECT page_id FROM alliance_site_searchdocument)"
            )
    return len(stale)


def reset():
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
