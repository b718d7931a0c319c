"""Pagination of public listings: a bad page number gives a message, never a 404/500,
and the links keep the listing's other GET parameters."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _


def paginate(request, queryset, per_page):
    """{"page_obj", "result_count", "filter_query", "page_error"} for a template."""
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", 1)
    error = None
    try:
        page_obj = paginator.page(number)
    except PageNotAnInteger:
        page_obj = paginator.page(1)
        error = _("That page number is not valid; showing the first page.")
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
        error = _("There is no page %(number)s; showing the last page.") % {"number": number}
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page_obj,
        "result_count": paginator.count,
        "filter_query": query.urlencode(),
        "page_error": error,
    }
