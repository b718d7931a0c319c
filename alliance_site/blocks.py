"""StreamField blocks shared by every page type.

Each block has an icon, a template, a preview value and a description, so that the
editor's block picker shows what it does (as in bakerydemo's base/blocks.py).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from translations.visitor import visitor_url


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        label = _("Heading")
        description = _("A section heading, listed in the page outline")
        preview_value = {"text": "一馆一品", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=pgettext_lazy("content block", "Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_(
            "Describe the image for people who cannot see it. Leave empty to use the image title."
        ),
    )
    caption = blocks.CharBlock(
        label=pgettext_lazy("content block", "Caption"), required=False, max_length=250
    )
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        label = pgettext_lazy("content block", "Image")
        description = _("An image with alternative text, caption and credit")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        label = _("Quote")
        description = _("A pull quote from a reader, speaker or partner")
        preview_value = {"quote": "读书使人充实。", "attribution": "培根"}


class CallToActionValue(blocks.StructValue):
    def href(self):
        page = self.get("page")
        if page:  # a plain Page: on the visitor's language site (translations/visitor.py)
            return visitor_url(page.localized) or ""
        return self.get("url") or ""


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=pgettext_lazy("content block", "Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "link"
        template = "components/blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A prominent link to a page of this site or an address")
        preview_value = {"text": "了解更多", "url": "https://www.gxlib.org.cn/"}
        value_class = CallToActionValue

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="components/blocks/paragraph_block.html",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        description=_("Text with links and lists"),
        preview_value="<p>阅读点亮生活。</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label=_("Video or audio"),
        icon="media",
        template="components/blocks/embed_block.html",
        description=_("A video or audio recording from an embeddable address"),
        max_width=960,
    )
    call_to_action = CallToActionBlock()

    class Meta:
        template = "components/blocks/body_stream.html"


class GalleryStreamBlock(blocks.StreamBlock):
    """A gallery as a StreamBlock (not a ListBlock), so wagtail-localize translates captions."""

    image = ImageBlock()

    class Meta:
        template = "components/blocks/gallery_stream.html"
