"""Image renditions are made on the task queue (alliance_site/renditions.py), never in a
visitor's request: after an upload or a publication (run at once by the test settings'
immediate task backend once the transaction commits), a page's first GET creates none.

The registry cannot drift from the templates: every image tag in every template asks
for specs the registry lists, and the pages below, rendered with every image field and
block filled, ask for nothing that was not made beforehand."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import engines
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, SrcsetImageNode
from wagtail.models import Page

from alliance_site import renditions
from alliance_site.blocks import ImageBlock
from lectures.models import Speaker
from tests import factories
from tests.conftest import make_event, make_library
from tests.exhibitions.test_exhibitions import make_exhibition
from tests.lectures.test_lectures import make_lecture
from tests.volunteers.test_volunteers import make_project

pytestmark = pytest.mark.django_db


def image(title="photo"):
    """An image whose renditions no task has made (created outside a commit)."""
    return factories.ImageFactory(title=title)


def image_block(img):
    return ("image", {"image": img, "alt_text": "", "caption": "", "credit": ""})


def publish(page, capture):
    """Publish and run what waits for the commit: the tasks, at once."""
    with capture(execute=True):
        page.save_revision().publish()
    return page


def get_creates_no_renditions(client, url):
    before = Rendition.objects.count()
    response = client.get(url)
    assert response.status_code == 200, url
    assert Rendition.objects.count() == before, f"{url} made renditions in the request"
    return response


def project_templates():
    """Every template of the project's own apps (not of Wagtail or allauth)."""
    base = Path(settings.BASE_DIR).resolve()
    for folder in engines["django"].template_dirs:
        folder = Path(folder).resolve()
        if base in folder.parents and ".venv" not in folder.parts:
            for path in folder.rglob("*.html"):
                yield folder, path.relative_to(folder).as_posix()


def specs_asked_by(template_name):
    nodelist = engines["django"].get_template(template_name).template.nodelist
    specs = []
    for node in nodelist.get_nodes_by_type(ImageNode):
        if isinstance(node, SrcsetImageNode):  # {% picture %}, {% srcset_image %}
            specs += [f.spec for f in node.get_filters()]
        else:
            specs.append(node.get_filter().spec)
    return specs


def test_every_image_tag_asks_for_registered_specs():
    known = set(renditions.all_specs())
    asked = {name: specs_asked_by(name) for _folder, name in project_templates()}
    assert sum(len(specs) for specs in asked.values()) >= 20  # the scan finds the tags
    unknown = {name: set(specs) - known for name, specs in asked.items() if set(specs) - known}
    assert unknown == {}, "add these to alliance_site/renditions.py"


def test_registry_names_image_fields_and_streams():
    from django.apps import apps

    image_model = get_image_model()
    for label, name in renditions.FIELD_SPECS:
        model = apps.get_model(label)
        if model is Page:  # every page type of the site has the field
            models = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
        else:
            models = [model]
        for concrete in models:
            field = concrete._meta.get_field(name)
            assert field.related_model is image_model, (label, name)
    # Every StreamField with image blocks is a stream the registry knows.
    streams = [
        field.stream_block
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
        and any(isinstance(child, ImageBlock) for child in field.stream_block.child_blocks.values())
    ]
    assert len(streams) >= 5
    for stream in streams:
        assert isinstance(stream, tuple(renditions.BLOCK_SPECS)), type(stream)


def test_an_uploaded_image_gets_every_rendition_the_site_uses(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1200), "#9b1c1c").save(buffer, "JPEG")
    upload = SimpleUploadedFile("reading.jpg", buffer.getvalue(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailimages:add"), {"title": "读书月", "file": upload})
    assert response.status_code == 302
    uploaded = get_image_model().objects.get(title="读书月")
    made = set(uploaded.renditions.values_list("filter_spec", flat=True))
    assert made == set(renditions.all_specs())


def test_a_new_focal_point_gets_new_renditions(django_capture_on_commit_callbacks):
    img = image()
    with django_capture_on_commit_callbacks(execute=True):
        img.save()
    first = img.renditions.count()
    assert first == len(renditions.all_specs())
    img.focal_point_x, img.focal_point_y, img.focal_point_width, img.focal_point_height = (
        10,
        10,
        20,
        20,
    )
    with django_capture_on_commit_callbacks(execute=True):
        img.save()
    # The crops (fill-…) follow the focal point: made again; the others are kept.
    fills = sum(1 for spec in renditions.all_specs() if spec.startswith("fill-"))
    assert img.renditions.count() == first + fills


def test_an_event_page_asks_for_nothing_its_publication_did_not_make(
    client, library_a, django_capture_on_commit_callbacks
):
    event = make_event(library_a, image=image(), social_image=image("share"))
    event.body = [image_block(image("in the body"))]
    publish(event, django_capture_on_commit_callbacks)
    assert Rendition.objects.count() >= 8
    html = get_creates_no_renditions(client, event.url).content.decode()
    assert "<picture" in html and 'property="og:image"' in html
    # On a language site that shows the untranslated page too, and on the poster.
    get_creates_no_renditions(client, event.url.replace("/zh-hans/", "/en/", 1))
    get_creates_no_renditions(client, event.url + "poster.pdf")


def test_lecture_and_speaker_pages(
    client, library_a, lecture_index, django_capture_on_commit_callbacks
):
    speaker = Speaker.objects.create(name="王教授", photo=image("speaker"))
    lecture = make_lecture(library_a, speaker, image=image())
    publish(lecture, django_capture_on_commit_callbacks)
    assert speaker.photo.renditions.exists()
    html = get_creates_no_renditions(client, lecture.url).content.decode()
    assert "speaker__photo" in html
    speaker_url = lecture_index.url + lecture_index.reverse_subpage(
        "speaker_view", args=[speaker.pk]
    )
    assert "speaker__photo" in get_creates_no_renditions(client, speaker_url).content.decode()


def test_exhibition_gallery(client, library_a, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    exhibition = make_exhibition(library_a, today, today + datetime.timedelta(days=9))
    exhibition.gallery = [image_block(image("brocade")), image_block(image("loom"))]
    publish(exhibition, django_capture_on_commit_callbacks)
    html = get_creates_no_renditions(client, exhibition.url).content.decode()
    assert html.count("gallery__item") == 2


def test_volunteer_project_page(client, library_a, django_capture_on_commit_callbacks):
    project = make_project(library_a, image=image())
    publish(project, django_capture_on_commit_callbacks)
    assert "<picture" in get_creates_no_renditions(client, project.url).content.decode()


def test_brand_page_members_index_and_home_page(
    client, home, members_index, django_capture_on_commit_callbacks
):
    libraries = [
        make_library(members_index, title=f"第{n}图书馆", slug=f"lib-{n}", logo=image(f"logo {n}"))
        for n in range(3)
    ]
    brand = libraries[0]
    brand.wechat_qr = image("qr")
    brand.gallery = [image_block(image("reading room"))]
    for library in libraries:
        publish(library, django_capture_on_commit_callbacks)
    html = get_creates_no_renditions(client, brand.url).content.decode()
    assert "library__logo" in html and 'class="wechat"' in html and "gallery__item" in html
    html = get_creates_no_renditions(client, members_index.url).content.decode()
    assert html.count("library-card__logo") == 3
    home.body = [image_block(image("about"))]
    home.hero_image = image("hero")  # not shown by the template: nothing to make
    publish(home, django_capture_on_commit_callbacks)
    html = get_creates_no_renditions(client, home.url).content.decode()
    assert html.count("library-card__logo") == 3 and "figure" in html


def test_build_renditions_makes_them_for_existing_content(client, library_a, lecture_index):
    """An upgrade: content from before (no task ever ran) gets its renditions."""
    speaker = Speaker.objects.create(name="王教授", photo=image("speaker"))
    lecture = make_lecture(library_a, speaker, image=image(), social_image=image("share"))
    lecture.body = [image_block(image("in the body"))]
    lecture.save_revision().publish()
    assert Rendition.objects.count() == 0
    out = io.StringIO()
    call_command("build_renditions", stdout=out)
    output = out.getvalue()
    assert "pages" in output and f"{lecture.title}" in output
    assert Rendition.objects.count() >= 12
    get_creates_no_renditions(client, lecture.url)
    # A second run makes nothing new.
    before = Rendition.objects.count()
    call_command("build_renditions", stdout=io.StringIO())
    assert Rendition.objects.count() == before


def test_build_renditions_every_spec_of_every_image():
    images = [image(f"photo {n}") for n in range(2)]
    out = io.StringIO()
    call_command("build_renditions", "--all-images", stdout=out)
    for img in images:
        assert img.renditions.count() == len(renditions.all_specs())
    assert "2/2" in out.getvalue()


def test_an_unreadable_image_does_not_fail_the_publication(
    client, library_a, django_capture_on_commit_callbacks, caplog
):
    broken = image("broken")
    broken.file.storage.delete(broken.file.name)
    event = make_event(library_a, image=broken)
    publish(event, django_capture_on_commit_callbacks)
    assert event.live
    assert any("unreadable" in record.getMessage() for record in caplog.records)
