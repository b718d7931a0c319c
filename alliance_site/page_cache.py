"""Anonymous pages served from the shared cache, made fresh exactly when what they show
changes (README, "The page cache").

A response is stored only when the view asked for it (`cache_response`, called for every
public Wagtail page by a `before_serve_page` hook, by the sitemap and the feeds) and only
when nothing about the request is personal: an anonymous GET, no session, no messages,
no CSRF token or CSP nonce drawn, no cookie set, a 200 that is not private.

Each stored page carries *tags*, the things it shows: ``site`` (menus, footer, settings:
every page), ``page:<translation key>`` (a page, in every language), ``below:<key>``
(the pages under one: a library's section), ``events``, ``libraries``,
``places:<session uid>`` (places left), ``snippet:<model>[:<key>]`` and ``pages``
(anything published: the sitemap). Every tag has a version, the time it last changed.
A stored page remembers the versions it was made with, and is served only while all of
them are unchanged and its own time limit (`valid_until`: an event's next start, end or
registration boundary; a listing's next session boundary or midnight) has not passed.

A change bumps its tags twice: at once, and again when its transaction commits, so a
page rendered from the old rows while the change was being written is never served
after it. A page whose tags changed while it was being made is not stored.
"""

import gzip
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control

from .frontend_cache import TAGS_HEADER, ban_on_commit

ALIAS = "pages"
HEADER = "X-Page-Cache"
# Servers' clocks may differ a little (Redis is shared): a tag that changed this close
# to the request's start counts as changed during it.
CLOCK_SKEW = 0.5
# Never in the cache: the admin, accounts, API, health and documents.
SKIPPED_PREFIXES = ("/admin/", "/accounts/", "/django-admin/", "/documents/", "/static/")
SKIPPED_PATHS = ("/healthz/", "/readyz/")
# Seconds browsers and shared caches may keep a page that says nothing itself (BasePage
# says the same); a proxy that bans by tag is told of every change before then.
BROWSER_MAX_AGE = 60
SHARED_MAX_AGE = 300
# Response headers not worth keeping (set again per request, or personal).
DROPPED_HEADERS = {"set-cookie", "content-length", "date", HEADER.lower()}


class Mark:
    """What the view said about its response (on request._page_cache)."""

    def __init__(self):
        self.tags = set()
        self.until = None
        self.refused = False


def _mark(request):
    return getattr(request, "_page_cache", None)


def cache_response(request, tags, valid_until=None):
    """Let the response to `request` be stored, fresh until any of `tags` changes or
    `valid_until` (an aware datetime) passes. Several calls add up."""
    mark = _mark(request)
    if mark is None:
        return
    mark.tags.update(tags)
    if valid_until is not None and (mark.until is None or valid_until < mark.until):
        mark.until = valid_until


def do_not_store(request):
    """The response must not be stored (a generated file, a personal answer)."""
    mark = _mark(request)
    if mark is not None:
        mark.refused = True


def _store():
    return caches[ALIAS]


def _tag_key(tag):
    return f"pc:tag:{tag}"


def _bump(tags):
    if tags:
        version = time.time()
        _store().set_many({_tag_key(tag): version for tag in tags}, None)


def invalidate(tags):
    """Every stored page showing any of `tags` is stale, now and once the change commits."""
    tags = set(tags)
    if not tags:
        return
    _bump(tags)
    transaction.on_commit(lambda: _bump(tags), robust=True)
    ban_on_commit(tags)


def remember(name, tags, compute, until=None):
    """`compute()`, kept in the cache until any of `tags` changes (per-request data the
    pages share: the menu, the locales, the private sections), or `until(value)` (an
    aware datetime or None) passes."""
    store = _store()
    key = f"pc:data:{name}"
    entry = store.get(key)
    now = timezone.now().timestamp()
    if entry is not None and (entry["until"] is None or now < entry["until"]):
        current = store.get_many([_tag_key(tag) for tag in entry["versions"]])
        if all(current.get(_tag_key(t)) == v for t, v in entry["versions"].items()):
            return entry["value"]
    started = time.time()
    value = compute()
    versions = _versions_before(store, tags, started)
    if versions is not None:
        moment = until(value) if until else None
        entry = {
            "versions": versions,
            "until": moment.timestamp() if moment else None,
            "value": value,
        }
        store.set(key, entry, settings.PAGE_CACHE_SECONDS)
    return value


def _versions_before(store, tags, started):
    """{tag: version} of `tags` if none changed since `started`, else None."""
    keys = {tag: _tag_key(tag) for tag in tags}
    current = store.get_many(keys.values())
    missing = [k for k in keys.values() if k not in current]
    if missing:
        # Never bumped (or evicted): unchanged, as far as anyone knows, until now.
        for tag_key in missing:
            store.add(tag_key, started - 1, None)
        current = store.get_many(keys.values())
    versions = {}
    for tag, tag_key in keys.items():
        version = current.get(tag_key)
        if version is None or version >= started - CLOCK_SKEW:
            return None  # changed meanwhile (or the cache is down)
        versions[tag] = version
    return versions


def next_midnight(zone=None):
    """The next midnight in `zone` (the site's time zone by default)."""
    now = timezone.localtime(timezone.now(), zone)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timezone.timedelta(days=1)


def _entry_key(request):
    query = "&".join(f"{k}={v}" for k, v in sorted(request.GET.lists()))
    source = "|".join(
        (
            request.scheme,
            request.get_host(),
            request.path,
            query,
            translation.get_language() or "",
        )
    )
    return "pc:page:" + hashlib.sha1(source.encode()).hexdigest()


def _may_use(request):
    """Whether the request could be answered from, or stored in, the cache at all."""
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if path.startswith(SKIPPED_PREFIXES) or path in SKIPPED_PATHS:
        return False
    cookies = request.COOKIES
    # A session may be a signed-in visitor's, or hold messages or a half-filled form.
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _directive(cache_control, name):
    for part in cache_control.split(","):
        key, _, value = part.strip().partition("=")
        if key == name and value.isdigit():
            return int(value)
    return None


def _cap_lifetimes(response, until):
    """Caches may keep `response` until `until` (a timestamp) at the latest."""
    left = max(0, int(until - timezone.now().timestamp()))
    cache_control = response.get("Cache-Control", "")
    for name, key in (("s-maxage", "s_maxage"), ("max-age", "max_age")):
        current = _directive(cache_control, name)
        if current is not None and current > left:
            patch_cache_control(response, **{key: left})


def _find_site(request):
    """Wagtail's Site for the request, with its root page, from the shared cache (Wagtail
    asks the database on every request)."""
    from wagtail.models import Site

    def find():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 (kept with the site)
        return site

    request._wagtail_site = remember(f"site:{request.get_host()}", {"site"}, find)


def _accepts_gzip(request):
    return "gzip" in request.headers.get("Accept-Encoding", "")


class PageCacheMiddleware:
    """Serve stored pages; store the ones views marked with `cache_response`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use(request):
            return self.get_response(request)
        _find_site(request)  # the shared per-request data, with or without the cache
        if not settings.PAGE_CACHE_ENABLED:
            return self.get_response(request)
        key = _entry_key(request)
        response = self._lookup(request, key)
        if response is not None:
            return response
        started = time.time()
        request._page_cache = Mark()
        response = self.get_response(request)
        mark = request._page_cache
        if mark.tags and not mark.refused:
            if self._personal(request):
                # A page with a form's token or an inline script's nonce is this visitor's
                # alone: no shared cache (a proxy in front) may keep it either.
                patch_cache_control(response, private=True)
            elif self._public(response):
                self._tell_proxies(response, mark)
                if request.method == "GET":
                    self._save(key, response, mark, started)
        response.headers.setdefault(HEADER, "miss")
        return response

    # -- lookup ---------------------------------------------------------------------

    def _lookup(self, request, key):
        store = _store()
        entry = store.get(key)
        if entry is None:
            return None
        if entry["until"] is not None and timezone.now().timestamp() >= entry["until"]:
            return None
        versions = entry["versions"]
        current = store.get_many([_tag_key(tag) for tag in versions])
        for tag, version in versions.items():
            if current.get(_tag_key(tag)) != version:
                return None
        response = HttpResponse(status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if entry["until"] is not None:
            _cap_lifetimes(response, entry["until"])
        conditional = get_conditional_response(request, etag=response.get("ETag"))
        if conditional is not None:
            conditional[HEADER] = "hit"
            return conditional
        if entry["gzip"] is not None and _accepts_gzip(request):
            response.content = entry["gzip"]
            response["Content-Encoding"] = "gzip"
        else:
            response.content = entry["content"]
        if entry["gzip"] is not None:
            response["Vary"] = ", ".join(filter(None, (response.get("Vary"), "Accept-Encoding")))
        response[HEADER] = "hit"
        return response

    # -- storing ----------------------------------------------------------------------

    @staticmethod
    def _public(response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Content-Encoding"):
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control

    @staticmethod
    def _personal(request):
        if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
            return True
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        # Anything personal drawn while rendering: a CSRF token (a form), a CSP nonce
        # (an inline script), a session written to, messages added.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return True
        if getattr(request, "_csp_nonce", None):
            return True
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return True
        messages = getattr(request, "_messages", None)
        return messages is not None and messages.added_new

    @staticmethod
    def _tell_proxies(response, mark):
        """What the page shows, for a proxy that bans by tag, and how long it stays right."""
        response[TAGS_HEADER] = ",".join(sorted(mark.tags))
        if not response.has_header("Cache-Control"):  # routable pages' views
            patch_cache_control(
                response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=SHARED_MAX_AGE
            )
        if mark.until is not None:
            _cap_lifetimes(response, mark.until.timestamp())

    def _save(self, key, response, mark, started):
        store = _store()
        versions = _versions_before(store, mark.tags, started)
        if versions is None:
            return  # changed while this page was being made
        content = response.content
        compressed = None
        if len(content) >= 200 and response.get("Content-Type", "").startswith(
            ("text/", "application/rss+xml", "application/xml", "application/json")
        ):
            compressed = gzip.compress(content, compresslevel=6, mtime=0)
        until = mark.until.timestamp() if mark.until is not None else None
        if until is not None and until <= timezone.now().timestamp():
            return
        timeout = settings.PAGE_CACHE_SECONDS
        if until is not None:
            timeout = max(1, min(timeout, int(until - timezone.now().timestamp()) + 1))
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in DROPPED_HEADERS
        ]
        entry = {
            "versions": versions,
            "until": until,
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "gzip": compressed,
        }
        store.set(key, entry, timeout)


def clear():
    """Forget every stored page and tag version (the rest of a shared Redis stays)."""
    store = _store()
    if hasattr(store, "delete_pattern"):  # django-redis
        store.delete_pattern("pc:*")
    else:
        store.clear()


# -- what makes stored pages stale (connected from AllianceSiteConfig.ready) -------------


def _page_changed(sender, instance, **kwargs):
    changes = getattr(instance, "page_cache_changes", None)
    invalidate(changes() if changes else {"site", "pages"})


def _everything(sender=None, **kwargs):
    invalidate({"site", "pages"})


def _label(model):
    return model._meta.label_lower


_watched = {}


def _watched_tags(model, instance):
    """The tags a change to `instance` of a snippet or setting model makes stale, or
    None for other models (answered once per model)."""
    if model not in _watched:
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
        from wagtail.snippets.models import get_snippet_models

        if issubclass(model, (BaseSiteSetting, BaseGenericSetting)):
            _watched[model] = "setting"
        elif model in get_snippet_models():
            _watched[model] = "snippet"
        else:
            _watched[model] = None
    kind = _watched[model]
    if kind is None:
        return None
    if kind == "setting":
        return {"site"}
    label = _label(model)
    key = getattr(instance, "translation_key", None) or instance.pk
    return {f"snippet:{label}", f"snippet:{label}:{key}"}


def _model_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    tags = _watched_tags(sender, instance)
    # A setting is created with its defaults by the first page that reads it.
    if tags and not (created and tags == {"site"}):
        invalidate(tags)


def _model_deleted(sender, instance, **kwargs):
    tags = _watched_tags(sender, instance)
    if tags:
        invalidate(tags)


def invalidate_on_change(model, tags_of):
    """Saving or deleting a `model` row makes stale the pages tagged `tags_of(row)`."""

    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            invalidate(tags_of(instance))

    uid = f"page-cache-{_label(model)}"
    post_save.connect(changed, sender=model, dispatch_uid=f"{uid}-save", weak=False)
    post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}-delete", weak=False)


def connect():
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_page_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="page-cache-unpublished")
    # A move or a deletion changes addresses and whole sections (rare): everything.
    post_page_move.connect(_everything, dispatch_uid="page-cache-moved")
    pre_delete.connect(_everything, sender=Page, dispatch_uid="page-cache-deleted")
    for model in (PageViewRestriction, Locale, Site):  # whole sections, or everything
        post_save.connect(_everything, sender=model, dispatch_uid=f"page-cache-{model}")
        post_delete.connect(_everything, sender=model, dispatch_uid=f"page-cache-{model}-d")
    m2m_changed.connect(
        _everything, sender=PageViewRestriction.groups.through, dispatch_uid="page-cache-groups"
    )
    post_save.connect(_model_saved, dispatch_uid="page-cache-snippets")
    post_delete.connect(_model_deleted, dispatch_uid="page-cache-snippets-deleted")
