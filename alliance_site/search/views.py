"""/<lang>/search/: the public site search."""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers
from wagtail.models import Locale, Page, get_page_models

from translations.visitor import visitor_url

from ..pagination import paginate
from . import engine
from .models import SearchDocument
from .text import MAX_QUERY_LENGTH, highlight, parse_query

PER_PAGE = 10
FACET_OPTIONS = 8  # the rest of a facet's values are behind "More"
EXCERPT_CHARS = 180
TIMES = {"upcoming": gettext_lazy("Upcoming and current"), "past": gettext_lazy("Past")}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search the site"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": gettext_lazy(
                "Please shorten your search to %(limit_value)d characters or fewer "
                "(it has %(show_value)d)."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )


@dataclass
class Result:
    page: Page
    url: str
    kind: str
    library: str
    starts: object
    ends: object
    title: str
    excerpt: str


def _kind_label(kind, plural=False):
    try:
        meta = apps.get_model(kind)._meta
    except (LookupError, ValueError):
        return kind
    if plural and "verbose_name_plural" in meta.original_attrs:  # not Django's "…s"
        return meta.verbose_name_plural
    return meta.verbose_name


def _time_of(hit, today):
    if hit.ends is None:
        return None
    return "upcoming" if hit.ends >= today else "past"


def _page_kinds():
    return {f"{model._meta.app_label}.{model._meta.model_name}" for model in get_page_models()}


def _filters(request):
    """The facet filters asked for; a value that can't be one is ignored with a message
    (a valid one that matches nothing gives no results and a link to clear it)."""
    chosen, invalid = {}, False
    kind = request.GET.get("kind", "")
    if kind:
        if kind in _page_kinds():
            chosen["kind"] = kind
        else:
            invalid = True
    library = request.GET.get("library", "")
    if library:
        if re.fullmatch(r"[0-9]{1,18}", library):
            chosen["library"] = int(library)
        else:
            invalid = True
    time = request.GET.get("time", "")
    if time:
        if time in TIMES:
            chosen["time"] = time
        else:
            invalid = True
    return chosen, invalid


def _matches(hit, filters, today, skip=None):
    return (
        (skip == "kind" or "kind" not in filters or hit.kind == filters["kind"])
        and (skip == "library" or "library" not in filters or hit.library_id == filters["library"])
        and (skip == "time" or "time" not in filters or _time_of(hit, today) == filters["time"])
    )


def _count(values):
    counts = {}
    for value in values:
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))


def _facet_link(request, name, value):
    query = request.GET.copy()
    query.pop("page", None)
    if value is None:
        query.pop(name, None)
    else:
        query[name] = value
    return "?" + query.urlencode()


def _facets(request, hits, filters, today, library_titles):
    def facet(name, label, values, title):
        chosen = filters.get(name)
        options = [
            {
                "label": title(value),
                "count": count,
                "url": _facet_link(request, name, None if value == chosen else value),
                "selected": value == chosen,
            }
            for value, count in values
        ]
        shown = [o for n, o in enumerate(options) if n < FACET_OPTIONS or o["selected"]]
        more = [o for n, o in enumerate(options) if n >= FACET_OPTIONS and not o["selected"]]
        return {"name": name, "label": label, "options": shown, "more": more}

    in_kind = [h for h in hits if _matches(h, filters, today, skip="kind")]
    in_library = [h for h in hits if _matches(h, filters, today, skip="library")]
    in_time = [h for h in hits if _matches(h, filters, today, skip="time")]
    return [
        facet(
            "kind",
            pgettext("search facet", "Type"),
            _count(h.kind for h in in_kind),
            lambda kind: _kind_label(kind, plural=True),
        ),
        facet(
            "library",
            _("Library"),
            _count(h.library_id for h in in_library),
            lambda pk: library_titles.get(pk, ""),
        ),
        facet("time", _("When"), _count(_time_of(h, today) for h in in_time), TIMES.get),
    ]


def _results(request, hits, query, library_titles):
    """The pages of these hits, in order, with their excerpts: two queries."""
    ids = [hit.page_id for hit in hits]
    pages = Page.objects.filter(pk__in=ids).only(
        "id",
        "title",
        "url_path",
        "path",
        "depth",
        "locale_id",
        "content_type_id",
        "search_description",
    )
    pages = {page.pk: page for page in pages}
    excerpts = dict(
        SearchDocument.objects.filter(page_id__in=ids).values_list("page_id", "excerpt")
    )
    results = []
    for hit in hits:
        page = pages.get(hit.page_id)
        if page is None:
            continue
        results.append(
            Result(
                page=page,
                url=visitor_url(page, request),
                kind=_kind_label(hit.kind),
                library=library_titles.get(hit.library_id, "") if hit.library_id != page.pk else "",
                starts=hit.starts,
                ends=hit.ends if hit.ends != hit.starts else None,
                title=highlight(page.title, query),
                excerpt=highlight(
                    # Another search backend (OpenSearch) has no excerpts of ours.
                    excerpts.get(hit.page_id) or page.search_description,
                    query,
                    length=EXCERPT_CHARS,
                ),
            )
        )
    return results


@vary_on_headers("Accept-Language")
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "searched": False, "results": [], "facets": []}
    if not form.is_valid():
        return render(request, "alliance_site/search.html", context)
    text = form.cleaned_data["q"]
    if not text:
        return render(request, "alliance_site/search.html", context)
    language = get_language()
    query = parse_query(text, language)
    context.update(searched=True, q=text)
    if not query:
        context["query_message"] = _(
            "There is nothing to search for in “%(q)s”: type a word or a name, not only "
            "punctuation, symbols or emoji."
        ) % {"q": text}
        return render(request, "alliance_site/search.html", context)

    locale = Locale.get_active()
    hits = engine.hits(query, locale.pk, text)
    fallback = None
    if not hits and locale.language_code != settings.LANGUAGE_CODE:
        source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        hits = engine.hits(query, source.pk, text)
        if hits:
            fallback = {"code": source.language_code, "name": source.get_display_name()}

    today = timezone.localdate()
    filters, invalid = _filters(request)
    libraries = {h.library_id for h in hits if h.library_id}
    library_titles = dict(Page.objects.filter(pk__in=libraries).values_list("pk", "title"))
    filtered = [h for h in hits if _matches(h, filters, today)]

    context.update(paginate(request, filtered, PER_PAGE))
    context.update(
        query=query,
        total=len(hits),
        capped=len(hits) >= engine.hit_limit(),
        hit_limit=engine.hit_limit(),
        results=_results(request, context["page_obj"].object_list, query, library_titles),
        facets=_facets(request, hits, filters, today, library_titles) if hits else [],
        filtered=bool(filters),
        clear_query=urlencode({"q": text}),
        fallback=fallback,
        filter_message=_("A filter in the address was not valid and has been ignored.")
        if invalid
        else "",
    )
    return render(request, "alliance_site/search.html", context)
