"""The scale-out path: the site search served by another Wagtail search backend. Settings
for OpenSearch/Elasticsearch with the ICU plugin are checked here; the code that turns such
a backend's results into hits runs against Wagtail's database backend (no cluster here)."""

import pytest
from django.test import override_settings

from alliance_site.search import engine
from alliance_site.search.opensearch import ICU_ANALYSIS
from tests.alliance_site.test_settings import run_manage
from tests.conftest import make_event

pytestmark = pytest.mark.django_db

DATABASE_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
    "site": {"BACKEND": "wagtail.search.backends.database"},
}


def test_opensearch_url_makes_the_site_backend_opensearch_with_icu():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; import json; "
        "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS['site']))",
        OPENSEARCH_URL="https://search.internal:9200",
        SEARCH_INDEX_PREFIX="gx_",
    )
    assert result.returncode == 0, result.stderr
    assert '"BACKEND": "wagtail.search.backends.opensearch2"' in result.stdout
    assert '"https://search.internal:9200"' in result.stdout
    assert '"INDEX_PREFIX": "gx_"' in result.stdout
    assert '"tokenizer": "icu_tokenizer"' in result.stdout


def test_elasticsearch_url_makes_the_site_backend_elasticsearch():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['site'])",
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
    )
    assert result.returncode == 0, result.stderr
    assert "wagtail.search.backends.elasticsearch8" in result.stdout


def test_the_icu_analyzer_segments_folds_latin_only_and_bigrams_han():
    analyzer = ICU_ANALYSIS["settings"]["analysis"]["analyzer"]["default"]
    filters = ICU_ANALYSIS["settings"]["analysis"]["filter"]
    assert analyzer["tokenizer"] == "icu_tokenizer"
    assert filters["simplified"]["id"] == "Traditional-Simplified"
    assert "\\u024F" in filters["latin_folding"]["unicode_set_filter"]
    assert filters["han_bigrams"]["output_unigrams"] is True
    assert analyzer["filter"].index("simplified") < analyzer["filter"].index("han_bigrams")


@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_BACKENDS)
def test_another_backend_serves_the_search_page_with_facets(client, library_a, library_b):
    assert not engine.uses_site_index()
    exact = make_event(library_a, title="Reading Club", introduction="Books and tea.")
    other = make_event(library_b, title="Reading Club for Families and Friends")
    make_event(library_b, title="Film night", introduction="Nothing to see.")
    response = client.get("/zh-hans/search/", {"q": "reading club"})
    assert response.status_code == 200
    results = [result.page.pk for result in response.context["results"]]
    assert results[0] == exact.pk
    assert set(results) == {exact.pk, other.pk}
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    assert {option["label"] for option in facets["library"]["options"]} == {
        library_a.title,
        library_b.title,
    }
    assert sum(option["count"] for option in facets["time"]["options"]) == 2
    filtered = client.get("/zh-hans/search/", {"q": "reading club", "library": library_b.pk})
    assert [result.page.pk for result in filtered.context["results"]] == [other.pk]


@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_BACKENDS)
def test_another_backend_leaves_out_drafts_and_private_pages(client, library_a):
    from wagtail.models import PageViewRestriction

    event = make_event(library_a, title="Reading Club")
    event.unpublish()
    assert client.get("/zh-hans/search/", {"q": "reading"}).context["results"] == []
    event.save_revision().publish()
    PageViewRestriction.objects.create(page=library_a, restriction_type="login")
    assert client.get("/zh-hans/search/", {"q": "reading"}).context["results"] == []


@override_settings(WAGTAILSEARCH_BACKENDS=DATABASE_BACKENDS)
def test_with_another_backend_a_move_writes_nothing_to_the_site_index(library_a, library_b):
    from alliance_site.search.models import SearchDocument

    event = make_event(library_a, title="Reading Club")
    SearchDocument.objects.all().delete()
    event.move(library_b, pos="last-child")
    library_a.move(library_b.get_parent(), pos="first-child")
    assert not SearchDocument.objects.exists()
