"""Make the image renditions of existing content: after an upgrade, or after a template
asks for a new size (add it to alliance_site/renditions.py first)."""

from django.apps import apps
from django.core.management.base import BaseCommand
from wagtail.images import get_image_model
from wagtail.models import Page

from alliance_site import renditions


class Command(BaseCommand):
    help = (
        "Make the image renditions every live page (and every speaker, nomination "
        "evidence…) shows, so that no visitor's request makes them. --all-images: every "
        "rendition the site uses, of every image."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all-images",
            action="store_true",
            help="Also make every spec the site uses for every image, used or not yet.",
        )

    def handle(self, *args, **options):
        pages = Page.objects.live().exclude(depth=1).order_by("path")
        total = pages.count()
        for n, page in enumerate(pages.iterator(chunk_size=200), 1):
            count = renditions.make_page_renditions(page.specific)
            self.stdout.write(f"pages {n}/{total}: {page.title} ({count} images)")
        for model in self.snippet_models():
            objects = model._default_manager.order_by("pk")
            total = objects.count()
            for n, obj in enumerate(objects.iterator(chunk_size=200), 1):
                for image, specs in renditions.object_images(obj):
                    renditions.make_renditions(image, specs)
                self.stdout.write(f"{model._meta.verbose_name_plural} {n}/{total}: {obj}")
        if options["all_images"]:
            specs = renditions.all_specs()
            images = get_image_model().objects.order_by("pk")
            total = images.count()
            for n, image in enumerate(images.iterator(chunk_size=200), 1):
                renditions.make_renditions(image, specs)
                self.stdout.write(f"images {n}/{total}: {image.title}")
        self.stdout.write(self.style.SUCCESS("Renditions built."))

    def snippet_models(self):
        """The registry's models that are not pages (their objects are not published)."""
        models = {apps.get_model(label) for label, _name in renditions.FIELD_SPECS}
        return sorted(
            (model for model in models if not issubclass(model, Page)),
            key=lambda model: model._meta.label,
        )
