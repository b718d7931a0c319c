"""Create the ten content locales and the zh-hans home page as the site's root,
replacing Wagtail's welcome page."""

from django.conf import settings
from django.db import migrations


def create_locales_and_home(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    children = Page.objects.filter(depth=2, path__startswith=root.path)
    last = children.order_by("-path").first()
    position = int(last.path[-4:], 36) + 1 if last else 1
    root.numchild = children.count()
    home = HomePage.objects.create(
        title="广西阅读推广联盟",
        draft_title="广西阅读推广联盟",
        slug="home",
        content_type=content_type,
        path=f"{root.path}{position:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=default_locale,
        live=True,
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "广西阅读推广联盟"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]
    run_before = []

    operations = [migrations.RunPython(create_locales_and_home, migrations.RunPython.noop)]
