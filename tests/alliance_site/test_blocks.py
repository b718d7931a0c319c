import pytest
from wagtail.rich_text import RichText

from tests import factories

pytestmark = pytest.mark.django_db


def test_body_blocks_render(client, home, library_a):
    image = factories.ImageFactory(title="读者在阅览室")
    page = factories.StandardPageFactory(
        parent=home,
        slug="about",
        title="关于联盟",
        body=[
            ("heading", {"text": "联盟章程", "level": "h2"}),
            ("paragraph", RichText("<p>第一条 <b>宗旨</b></p>")),
            (
                "image",
                {"image": image, "alt_text": "", "caption": "阅览室", "credit": "广西图书馆"},
            ),
            ("quote", {"quote": "读书使人充实。", "attribution": "培根"}),
            ("call_to_action", {"text": "查看成员馆", "page": library_a, "url": ""}),
        ],
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "<h2>联盟章程</h2>" in html
    assert "<b>宗旨</b>" in html
    assert 'alt="读者在阅览室"' in html  # the image title stands in for empty alt text
    assert "<picture>" in html and 'loading="lazy"' in html
    assert "© 广西图书馆" in html
    assert "<footer>— 培根</footer>" in html
    assert f'href="{library_a.url}"' in html


def test_call_to_action_needs_a_page_or_an_address():
    from django.core.exceptions import ValidationError

    from alliance_site.blocks import CallToActionBlock

    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "去看看", "page": None, "url": ""}))


def test_gallery_renders_captions(client, library_a):
    image = factories.ImageFactory(title="少儿阅读区")
    library_a.gallery = [
        ("image", {"image": image, "alt_text": "孩子们在读绘本", "caption": "绘本角"})
    ]
    library_a.save_revision().publish()
    html = client.get(library_a.url).content.decode()
    assert 'alt="孩子们在读绘本"' in html
    assert "绘本角" in html
