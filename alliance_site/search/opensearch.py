"""Index settings for the scale-out path: OpenSearch or Elasticsearch with the ICU analysis
plugin (``analysis-icu``), used as the "site" search backend when OPENSEARCH_URL or
ELASTICSEARCH_URL is set (see settings/base.py and the README).

They make the index's default analyzer do what ``alliance_site.search.text`` does on
SQLite and PostgreSQL: ICU word segmentation (dictionaries for Chinese, Thai, Lao, Khmer,
Burmese), full-width forms narrowed, traditional Chinese made simplified, case folded,
diacritics removed from Latin letters only (ICU folding would also strip Thai and Lao
vowel and tone marks), Chinese indexed as characters and pairs of characters.
Data only: imported by the settings.
"""

ICU_ANALYSIS = {
    "settings": {
        "analysis": {
            "char_filter": {
                "nfc": {"type": "icu_normalizer", "name": "nfc"},
            },
            "filter": {
                "simplified": {"type": "icu_transform", "id": "Traditional-Simplified"},
                "latin_folding": {
                    "type": "icu_folding",
                    "unicode_set_filter": "[\\u0000-\\u024F\\u1E00-\\u1EFF]",
                },
                "han_bigrams": {"type": "cjk_bigram", "output_unigrams": True},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "char_filter": ["nfc"],
                    "tokenizer": "icu_tokenizer",
                    "filter": [
                        "cjk_width",
                        "simplified",
                        "lowercase",
                        "latin_folding",
                        "han_bigrams",
                    ],
                },
            },
        }
    }
}


def backend_settings(url, kind, index_prefix="alliance_"):
    """WAGTAILSEARCH_BACKENDS["site"] for an OpenSearch 2 / Elasticsearch 8 cluster."""
    module = {
        "opensearch": "wagtail.search.backends.opensearch2",
        "elasticsearch": "wagtail.search.backends.elasticsearch8",
    }[kind]
    return {
        "BACKEND": module,
        "URLS": [url],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": 5,
        "INDEX_SETTINGS": ICU_ANALYSIS,
    }
