import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from home.models import HomePage, MemberLibraryAccess
from tests import factories


@pytest.fixture
def home(db):
    """The zh-hans home page created by the home app's data migration, with a revision."""
    page = HomePage.objects.get(locale=Locale.get_default(), depth=2)
    page.save_revision().publish()
    return page


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate limits and cached fragments live in the cache (Redis in CI): start clean."""
    from django.core.cache import caches

    for alias in ("default", "pages"):
        caches[alias].clear()
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language. The test client's requests run
    LocaleMiddleware in this thread, which leaves the last request's language active,
    so `reverse()` in a later test would otherwise give that language's prefix."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def members_index(home):
    index = factories.MemberLibraryIndexPageFactory(parent=home)
    index.save_revision().publish()
    return index


def make_library(index, **kwargs):
    library = factories.MemberLibraryPageFactory(parent=index, **kwargs)
    library.save_revision().publish()
    return library


@pytest.fixture
def library_a(members_index):
    return make_library(members_index, title="南宁市图书馆", slug="nanning", city="南宁")


@pytest.fixture
def library_b(members_index):
    return make_library(members_index, title="柳州市图书馆", slug="liuzhou", city="柳州")


def make_event(library, *, start=None, sessions=1, audiences=(), **kwargs):
    """A published event under a library, with `sessions` daily sessions of two hours."""
    import datetime

    from django.utils import timezone

    from events.models import Audience

    event = factories.EventPageFactory(parent=library, **kwargs)
    start = start or timezone.now() + datetime.timedelta(days=3)
    for n in range(sessions):
        factories.EventSessionFactory(page=event, start=start + datetime.timedelta(days=n))
    if audiences:
        event.audiences.set(Audience.objects.filter(code__in=audiences))
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture
def calendar(home):
    from events.models import EventIndexPage

    index = EventIndexPage(title="活动日历", slug="events")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def lecture_index(home):
    from lectures.models import LectureIndexPage

    index = LectureIndexPage(title="讲座", slug="lectures")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def exhibition_index(home):
    from exhibitions.models import ExhibitionIndexPage

    index = ExhibitionIndexPage(title="展览", slug="exhibitions")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def access_of(library):
    return MemberLibraryAccess.objects.get(translation_key=library.translation_key)


@pytest.fixture
def editor_a(library_a):
    return factories.UserFactory(username="editor-a", groups=[access_of(library_a).editors])


@pytest.fixture
def moderator_a(library_a):
    return factories.UserFactory(username="moderator-a", groups=[access_of(library_a).moderators])


@pytest.fixture
def editor_b(library_b):
    return factories.UserFactory(username="editor-b", groups=[access_of(library_b).editors])


@pytest.fixture
def moderator_b(library_b):
    return factories.UserFactory(username="moderator-b", groups=[access_of(library_b).moderators])


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="admin", is_superuser=True, is_staff=True)


def translate(page, language_code, **fields):
    """Translate a page with wagtail-localize (untranslated strings keep the source text),
    then set the given fields on the translation and publish it."""
    from django.test import TestCase
    from wagtail_localize.models import Translation, TranslationSource

    locale = Locale.objects.get(language_code=language_code)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    # wagtail-localize publishes the translation when the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        Translation.objects.get_or_create(source=source, target_locale=locale)[0].save_target(
            publish=True
        )
    translated = page.get_translation(locale).specific
    if fields:
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save_revision().publish()
    return translated
