"""The image renditions the site's templates ask for, made on the task queue.

A rendition made in the request costs the visitor its time: on a cold start the home page
(a logo in three formats for every member library) took 12 s, gunicorn killed workers
at 30 s, and a killed worker saved none of them. So renditions are made off the request:

- an image uploaded, replaced or given a new focal point gets every rendition the site
  uses (it may be chosen for any field);
- a page published gets the renditions of every image it shows (its image fields, the
  images of its StreamFields, related objects such as a lecture's speakers);
- ``manage.py build_renditions`` makes them for existing content after an upgrade.

The registry below is the one place that lists them, as the templates spell them;
tests/alliance_site/test_renditions.py renders the pages and fails when a template asks
for a rendition the registry does not make. Models are named by label, not imported: this
app is below the apps that define them.
"""

import logging

from django.apps import apps
from django.db import transaction
from django_tasks import task

from .blocks import BodyStreamBlock, GalleryStreamBlock, ImageBlock

logger = logging.getLogger(__name__)

PHOTO_FORMATS = ("avif", "webp", "jpeg")
LOGO_FORMATS = ("avif", "webp", "png")


def picture(size, formats):
    """The specs ``{% picture image <size> format-{a,b,c} %}`` asks for."""
    return tuple(f"{size}|format-{fmt}" for fmt in formats)


SHARE = ("fill-1200x630|format-jpeg",)  # base.html: og:image of page.share_image
POSTER = ("max-1400x1000|format-jpeg|jpegquality-85",)  # events/posters.py
WIDE = picture("width-960", PHOTO_FORMATS)  # a page's main image, an image block

# (model label, image field) → the specs every template that shows the field asks for.
# A field declared on a model applies to its subclasses (LecturePage is an EventPage);
# "wagtailcore.Page" stands for every page type with the field.
FIELD_SPECS = {
    ("wagtailcore.Page", "social_image"): SHARE,
    ("events.EventPage", "image"): WIDE + POSTER,  # event_page.html, the poster
    ("volunteers.VolunteerProjectPage", "image"): WIDE + ("fill-160x120",),  # selection results
    # Brand page, library cards (home page, members index), og:image, the poster's band.
    ("home.MemberLibraryPage", "logo"): (
        picture("fill-120x120", LOGO_FORMATS) + picture("fill-96x96", LOGO_FORMATS) + SHARE + POSTER
    ),
    ("home.MemberLibraryPage", "wechat_qr"): ("fill-160x160|format-png",),
    # A lecture page, a speaker's page in the lectures index.
    ("lectures.Speaker", "photo"): (
        picture("fill-96x96", PHOTO_FORMATS) + picture("fill-120x120", PHOTO_FORMATS)
    ),
    ("volunteers.Evidence", "image"): ("max-240x180",),  # a nomination's evidence
}

# Image blocks (ImageBlock) by the stream they are in.
BLOCK_SPECS = {
    BodyStreamBlock: WIDE,  # components/blocks/image_block.html
    GalleryStreamBlock: picture("fill-480x360", PHOTO_FORMATS),  # gallery_stream.html
}

# Objects a page shows beside its own fields: (page model label, attribute), the attribute
# giving the objects (their images are made by FIELD_SPECS).
RELATED = {
    ("lectures.LecturePage", "speakers"),
}

# A save that changes none of these leaves an image's renditions as they are (Wagtail
# stores a file's hash and size with update_fields).
RENDITION_FIELDS = {
    "file",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}


def all_specs():
    """Every spec the site uses, each once."""
    specs = [spec for group in FIELD_SPECS.values() for spec in group]
    specs += [spec for group in BLOCK_SPECS.values() for spec in group]
    return list(dict.fromkeys(specs))


def _field_entries(obj):
    """[(field name, specs)] of the registered image fields of `obj`'s model."""
    entries = []
    for (label, name), specs in FIELD_SPECS.items():
        if isinstance(obj, apps.get_model(label)) and hasattr(obj, f"{name}_id"):
            entries.append((name, specs))
    return entries


def object_images(obj):
    """[(image, specs)] of the registered image fields of a page or a snippet."""
    pairs = []
    for name, specs in _field_entries(obj):
        image = getattr(obj, name)
        if image is not None:
            pairs.append((image, specs))
    return pairs


def stream_images(page):
    """[(image, specs)] of the image blocks in the page's StreamFields."""
    from wagtail.fields import StreamField

    pairs = []
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        streams = [cls for cls in BLOCK_SPECS if isinstance(field.stream_block, cls)]
        if not streams:
            continue
        specs = BLOCK_SPECS[streams[0]]
        for child in getattr(page, field.name):
            if isinstance(child.block, ImageBlock) and child.value.get("image") is not None:
                pairs.append((child.value["image"], specs))
    return pairs


def page_images(page):
    """[(image, specs)] of every image the (specific) page shows."""
    pairs = object_images(page) + stream_images(page)
    for label, attribute in RELATED:
        if isinstance(page, apps.get_model(label)):
            related = getattr(page, attribute)
            for obj in related() if callable(related) else related:
                pairs += object_images(obj)
    return pairs


def make_renditions(image, specs):
    """Make the missing renditions of `image`; returns how many specs it was asked for.
    An unreadable file is logged, not raised: it must not fail a publication."""
    from wagtail.images.exceptions import InvalidFilterSpecError

    try:
        image.get_renditions(*specs)
    except (OSError, ValueError, InvalidFilterSpecError) as error:
        logger.warning("renditions: image %s unreadable: %s", image.pk, error)
        return 0
    return len(specs)


def make_page_renditions(page):
    """Make the renditions of every image `page` shows; returns the number of images."""
    specs_by_image = {}
    images = {}
    for image, specs in page_images(page):
        images[image.pk] = image
        specs_by_image.setdefault(image.pk, []).extend(specs)
    for pk, specs in specs_by_image.items():
        make_renditions(images[pk], list(dict.fromkeys(specs)))
    return len(images)


@task()
def build_image_renditions(image_id):
    """Every rendition the site uses, of one image (after its upload or change)."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        make_renditions(image, all_specs())


@task()
def build_page_renditions(page_id):
    """The renditions of every image a page shows (after its publication)."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        make_page_renditions(page.specific)


def enqueue_on_commit(task_, *args):
    """Enqueue once the transaction commits (the worker must see the saved rows); a queue
    that cannot be reached is logged, it never fails the save."""
    transaction.on_commit(lambda: task_.enqueue(*args), robust=True)


def image_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not RENDITION_FIELDS & set(update_fields)):
        return
    enqueue_on_commit(build_image_renditions, instance.pk)


def page_published(sender, instance, **kwargs):
    enqueue_on_commit(build_page_renditions, instance.pk)


def connect():
    """Connect the signals (from AllianceSiteConfig.ready)."""
    from django.db.models.signals import post_save
    from wagtail.images import get_image_model
    from wagtail.signals import page_published as published

    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="renditions-image")
    published.connect(page_published, dispatch_uid="renditions-page")
