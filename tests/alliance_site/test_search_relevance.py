"""Relevance of the site search over realistic pages in all ten languages
(tests/alliance_site/search_corpus.py): words inside unspaced text are found, pages without
them are not, an exact title ranks first, stop-words and punctuation don't get in the way.
Each query goes through the search page, as a visitor's would."""

import pytest
from django.conf import settings
from wagtail.models import Locale

from home.models import StandardPage
from tests.alliance_site.search_corpus import PAGES, QUERIES

LANGUAGES = sorted({page["lang"] for page in PAGES})


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus as published standard pages under each language's home page, built once
    for the module (and removed afterwards)."""
    from home.models import HomePage

    with django_db_blocker.unblock():
        home = HomePage.objects.get(locale=Locale.get_default(), depth=2)
        homes, created = {"zh-hans": home}, []
        for code in LANGUAGES:
            if code not in homes:
                locale = Locale.objects.get(language_code=code)
                # Every locale's home page exists after migrate (home.locale_trees).
                homes[code] = home.get_translation_or_none(locale)
                if homes[code] is None:
                    homes[code] = home.copy_for_translation(locale)
                    homes[code].save_revision().publish()
                    created.append(homes[code])
        pages = {}
        for n, data in enumerate(PAGES):
            page = StandardPage(
                title=data["title"],
                slug=f"corpus-{n}",
                introduction=data["intro"],
                body=[("paragraph", f"<p>{data['body']}</p>")],
            )
            homes[data["lang"]].add_child(instance=page)
            page.save_revision().publish()
            pages[data["key"]] = page.pk
            created.append(page)
        yield pages
        for page in reversed(created):
            page.delete()


def keys_found(client, corpus, lang, q):
    response = client.get(f"/{lang}/search/", {"q": q})
    assert response.status_code == 200
    assert response.context["fallback"] is None, f"{lang} {q!r} fell back to the source"
    by_pk = {pk: key for key, pk in corpus.items()}
    return [by_pk.get(result.page.pk) for result in response.context["results"]]


@pytest.mark.django_db
@pytest.mark.parametrize("case", QUERIES, ids=[f"{c['lang']}:{c['q']}" for c in QUERIES])
def test_query(client, corpus, case):
    found = keys_found(client, corpus, case["lang"], case["q"])
    missing = set(case["expect"]) - set(found)
    assert not missing, f"{case['note']}: {missing} not found for {case['q']!r}"
    wrong = set(case.get("absent", [])) & set(found)
    assert not wrong, f"{case['note']}: {wrong} found for {case['q']!r}"
    if case.get("first"):
        assert found[0] == case["first"], f"{case['q']!r} ranks {found[0]} first"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_title_finds_its_page_first(client, corpus, lang):
    for data in (page for page in PAGES if page["lang"] == lang):
        found = keys_found(client, corpus, lang, data["title"])
        assert found[0] == data["key"], (data["title"], found)


def test_the_corpus_covers_every_language_of_the_site():
    assert set(LANGUAGES) == {code for code, _name in settings.LANGUAGES}
    for lang in LANGUAGES:
        kinds = {case["note"] for case in QUERIES if case["lang"] == lang}
        assert len(kinds) >= 4, lang
        assert any(case.get("first") for case in QUERIES if case["lang"] == lang), lang
