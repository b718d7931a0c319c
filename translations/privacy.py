"""One privacy for a page in every language.

A view restriction (login, password, groups) set on a page in any locale applies to every
translation of that page (the pages sharing its translation_key, and aliases of them) and
to their descendants in their own trees, at once. Wagtail by itself looks only at the
page's ancestors in its own tree: a zh-hans page made private would stay public at
`/en/…` (its translation, made before the restriction, has none of its own until
wagtail-localize syncs it again) and stay listed on every other language site.

- `public_everywhere(queryset)` is the `.public()` of every listing, feed, menu, search,
  sitemap and short link;
- `unmet_restriction(page, request)` is what serving a page asks (wagtail_hooks);
- `private_paths()` gives the same rule to raw SQL (the site search).

The signals below keep every translation's restriction the same as the one just set,
changed or removed: the admin shows each translation's privacy as it is, a new password
works on every translation, a removal makes all of them public again, and
wagtail-localize's own copying (from the source, at each sync) agrees with them.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction

from .visitor import forget, request_cached, shared_cached

_PATHS = "private_paths"
_mirroring = ContextVar("alliance_privacy_mirroring", default=False)


def _restricted_keys():
    return PageViewRestriction.objects.values("page__translation_key")


def private_paths():
    """The paths of the pages at the top of a private section, in every tree: each page
    with a view restriction, its translations and their aliases (one query, once per
    request)."""

    def compute():
        keys = _restricted_keys()
        paths = sorted(
            Page.objects.filter(
                Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)
            ).values_list("path", flat=True)
        )
        tops = []
        for path in paths:  # sorted: a section comes before what it contains
            if not tops or not path.startswith(tops[-1]):
                tops.append(path)
        return tuple(tops)

    return request_cached(_PATHS, lambda: shared_cached(_PATHS, {"site"}, compute))


def public_everywhere(queryset):
    """`queryset` (of pages) without the private ones, in any locale's sense."""
    paths = private_paths()
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


def is_private(page):
    """Whether `page` is in a private section (no query when the request knows them)."""
    return any(page.path.startswith(path) for path in private_paths())


def _ancestor_paths(path):
    return [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]


def restrictions_for(*pages):
    """Every view restriction that applies to `pages` (the page served and the page of
    the visitor's tree it is reached through), the outermost first."""
    paths = {prefix for page in pages for prefix in _ancestor_paths(page.path)}
    chain = Page.objects.filter(path__in=paths)
    sources = Page.objects.filter(pk__in=chain.values("alias_of_id"))
    return (
        PageViewRestriction.objects.filter(
            Q(page__translation_key__in=chain.values("translation_key"))
            | Q(page__translation_key__in=sources.values("translation_key"))
        )
        .select_related("page")
        .order_by("page__depth", "pk")
    )


def unmet_restriction(request, *pages):
    """The first restriction on `pages` that `request` does not satisfy, or None.

    A password entered on one translation opens its copies on the others (the same
    password on the same page in another language): they are marked as passed, so that
    Wagtail's own check of the page's restrictions, after this one, lets it through."""
    if not any(is_private(page) for page in pages):
        return None
    restrictions = list(restrictions_for(*pages))

    def twin(restriction):
        return (restriction.page.translation_key, restriction.password)

    accepted = {r.pk for r in restrictions if r.accept_request(request)}
    passwords = {
        twin(r)
        for r in restrictions
        if r.pk in accepted and r.restriction_type == PageViewRestriction.PASSWORD
    }
    for restriction in restrictions:
        if restriction.pk in accepted:
            continue
        if restriction.restriction_type == PageViewRestriction.PASSWORD and (
            twin(restriction) in passwords
        ):
            restriction.mark_as_passed(request)
            continue
        return restriction
    return None


# Every translation carries the same restriction.


@contextmanager
def _mirror():
    token = _mirroring.set(True)
    try:
        yield
    finally:
        _mirroring.reset(token)


def _translations_of(page_id):
    key = Page.objects.filter(pk=page_id).values("translation_key")
    return Page.objects.filter(translation_key__in=key).exclude(pk=page_id)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="privacy-mirror-save")
def mirror_restriction(sender, instance, created=False, raw=False, **kwargs):
    forget(_PATHS)
    if raw or _mirroring.get():
        return
    with _mirror():
        others = list(_translations_of(instance.page_id))
        existing = {}
        for copy in PageViewRestriction.objects.filter(page__in=others).prefetch_related("groups"):
            existing.setdefault(copy.page_id, []).append(copy)
        groups = list(instance.groups.all())
        if created and not groups:
            # wagtail-localize copies a restriction onto a new translation without its
            # groups: it takes its family's. (The admin sets a new one's groups just
            # after saving it, and mirror_groups passes them on.)
            family = [copy for copies in existing.values() for copy in copies]
            groups = next((list(c.groups.all()) for c in family if c.groups.all()), [])
            if groups:
                instance.groups.set(groups)
        for page in others:
            copies = existing.get(page.pk) or [PageViewRestriction(page=page)]
            for copy in copies:
                if copy.pk is None or (copy.restriction_type, copy.password) != (
                    instance.restriction_type,
                    instance.password,
                ):
                    copy.restriction_type = instance.restriction_type
                    copy.password = instance.password
                    copy.save()
                if copy.pk is None or set(copy.groups.all()) != set(groups):
                    copy.groups.set(groups)


@receiver(
    m2m_changed, sender=PageViewRestriction.groups.through, dispatch_uid="privacy-mirror-groups"
)
def mirror_groups(sender, instance, action, reverse=False, **kwargs):
    if reverse or _mirroring.get() or action not in {"post_add", "post_remove", "post_clear"}:
        return
    groups = list(instance.groups.all())
    with _mirror():
        for copy in PageViewRestriction.objects.filter(page__in=_translations_of(instance.page_id)):
            copy.groups.set(groups)


def _removed_by_itself(origin):
    """Whether a restriction was deleted for itself (not with its page)."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return isinstance(model, type) and issubclass(model, PageViewRestriction)


@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="privacy-mirror-delete")
def mirror_removal(sender, instance, origin=None, **kwargs):
    forget(_PATHS)
    if _mirroring.get() or not _removed_by_itself(origin):
        return
    with _mirror():
        for copy in PageViewRestriction.objects.filter(page__in=_translations_of(instance.page_id)):
            copy.delete()
