"""Load the demo content: the alliance, its member libraries, translations and accounts.

Idempotent: what exists is left as it is, what is missing is created. Passwords of the
demo accounts are printed only when DEBUG is on.
"""

import datetime
import io
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Locale, Site
from wagtail.rich_text import RichText
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from alliance_site import page_cache
from alliance_site.models import SiteSettings
from alliance_site.public import host_and_port, public_url
from home import demo_content as data
from home.locale_trees import translated_into
from home.models import (
    ClosureReason,
    HomePage,
    MemberLibraryAccess,
    MemberLibraryIndexPage,
    MemberLibraryPage,
    OpeningHoursException,
    StandardPage,
)
from home.onboarding import onboard_library
from translations.setup import ensure_translators

# Every page in English, Vietnamese and Thai; the alliance-wide pages in every language.
TRANSLATED_LOCALES = ["en", "vi", "th"]
ALL_LOCALES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
DEMO_PASSWORD = "reading-demo-2026"
STAFF_LIBRARIES = ["gxlib", "nanning", "liuzhou"]


def stream(items):
    """[("heading", text) | ("paragraph", html)] → StreamField data."""
    blocks = []
    for kind, value in items:
        if kind == "heading":
            blocks.append(("heading", {"text": value, "level": "h2"}))
        else:
            blocks.append(("paragraph", RichText(value)))
    return blocks


class Command(BaseCommand):
    help = "Load the demo content (idempotent): libraries, pages, translations and accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-translations", action="store_true", help="Skip the en/vi/th translations"
        )

    def handle(self, *args, **options):
        from tests import factories  # demo data comes from the test factories

        self.factories = factories
        self.strings = self.translation_table()
        with transaction.atomic():
            home = self.step(1, "Home page", self.load_home)
            index = self.step(2, "Members index and standard pages", self.load_pages, home)
            self.step(3, "Member libraries", self.load_libraries, index)
        if not options["no_translations"]:
            # One transaction per page: wagtail-localize publishes a translation when its
            # transaction commits, and a parent must be published before its children.
            self.step(4, "Translations", self.load_translations, home, index)
        with transaction.atomic():
            self.step(5, "Accounts", self.load_accounts)
        # Apps above home (events, …) add their demo content through this hook.
        for load in hooks.get_hooks("load_demo"):
            load(
                home=home,
                stdout=self.stdout,
                translate=None if options["no_translations"] else self.translate,
            )
        page_cache.clear()  # pages stored before the demo (Redis) show none of it
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content is ready: {public_url(home)} (admin: {public_url('/admin/')})"
            )
        )

    def step(self, number, label, func, *args):
        self.stdout.write(f"[{number}/5] {label}…")
        return func(*args)

    # 1. Home page and site settings
    def load_home(self):
        locale = Locale.get_default()
        home = HomePage.objects.filter(locale=locale, depth=2).first()
        if home is None:
            root = HomePage.get_first_root_node()
            home = self.factories.HomePageFactory(parent=root, slug="home", locale=locale)
        if not home.introduction:
            home.title = data.HOME["title"]
            home.introduction = data.HOME["introduction"]
            home.body = stream(data.HOME["body"])
            home.save_revision().publish()
        # The Site has the host and port of the public address (WAGTAILADMIN_BASE_URL), so
        # that the pages' full URLs (Wagtail's notification e-mails) are the public ones.
        # The data migration's placeholder (localhost, port 80) is moved there too.
        hostname, port = host_and_port()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname=hostname, port=port, root_page=home, is_default_site=True
            )
        if (site.hostname, site.port) == ("localhost", 80) != (hostname, port):
            site.hostname, site.port = hostname, port
            site.save()
        if site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        self.stdout.write(f"  {home.title}  {public_url(home)}")
        return home

    # 2. Members index, standard pages, footer
    def load_pages(self, home):
        index = MemberLibraryIndexPage.objects.child_of(home).first()
        if index is None:
            index = self.factories.MemberLibraryIndexPageFactory(
                parent=home,
                title=data.MEMBERS_INDEX["title"],
                introduction=data.MEMBERS_INDEX["introduction"],
                show_in_menus=True,
            )
            index.save_revision().publish()
        self.stdout.write(f"  {index.title}  {public_url(index)}")
        pages = []
        for item in data.STANDARD_PAGES:
            page = StandardPage.objects.child_of(home).filter(slug=item["slug"]).first()
            if page is None:
                page = self.factories.StandardPageFactory(
                    parent=home,
                    slug=item["slug"],
                    title=item["title"],
                    introduction=item["introduction"],
                    body=stream(item["body"]),
                    show_in_menus=item["slug"] != "privacy",
                )
                page.save_revision().publish()
                self.stdout.write(f"  {page.title}  {public_url(page)}")
            pages.append(page)
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if not site_settings.address:
            site_settings.secretariat = "广西壮族自治区图书馆"
            site_settings.address = "广西南宁市青秀区民族大道61号"
            site_settings.icp_licence = "桂ICP备00000000号（演示）"
            site_settings.footer_links = [("link", {"page": p, "text": ""}) for p in pages]
            site_settings.save()
        return index

    # 3. Member libraries with logos, opening hours and holidays
    def load_libraries(self, index):
        total = len(data.LIBRARIES)
        for number, item in enumerate(data.LIBRARIES, start=1):
            page = MemberLibraryPage.objects.child_of(index).filter(slug=item["slug"]).first()
            if page is not None:
                self.stdout.write(f"  {number}/{total} {page.title}  {public_url(page)} (exists)")
                continue
            page = self.factories.MemberLibraryPageFactory(
                parent=index,
                slug=item["slug"],
                title=item["title"],
                short_name=item["short_name"],
                level=item["level"],
                city=item["city"],
                address=item["address"],
                latitude=item["latitude"],
                longitude=item["longitude"],
                time_zone=item["time_zone"],
                website=item["website"],
                phone=item["phone"],
                email=item["email"],
                brand_name=item["brand_name"],
                introduction=item["introduction"],
                brand_story=stream(("paragraph", f"<p>{p}</p>") for p in item["brand_story"]),
            )
            access = onboard_library(page)
            page.logo = self.make_logo(item, access.collection)
            for weekday, hours in enumerate(item["hours"]):
                self.factories.OpeningHoursFactory(
                    page=page,
                    weekday=weekday,
                    closed=hours is None,
                    opens=hours[0] if hours else None,
                    closes=hours[1] if hours else None,
                )
            if item["level"] != "asean":
                for start, end, reason in self.holidays():
                    OpeningHoursException.objects.create(
                        page=page, start_date=start, end_date=end, reason=reason, closed=True
                    )
            page.save_revision().publish()
            self.stdout.write(f"  {number}/{total} {page.title}  {public_url(page)}")

    def holidays(self):
        today = timezone.localdate()
        new_year = datetime.date(today.year + 1, 1, 1)
        return [
            (new_year, None, ClosureReason.PUBLIC_HOLIDAY),
            (datetime.date(2027, 2, 6), datetime.date(2027, 2, 8), ClosureReason.SPRING_FESTIVAL),
        ]

    def make_logo(self, item, collection):
        from PIL import Image as PILImage
        from PIL import ImageDraw, ImageFont

        size = 256
        canvas = PILImage.new("RGB", (size, size), "white")
        draw = ImageDraw.Draw(canvas)
        draw.ellipse((8, 8, size - 8, size - 8), fill=item["color"])
        font = ImageFont.load_default(size=96)
        draw.text((size / 2, size / 2), item["initials"], fill="white", font=font, anchor="mm")
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        return self.factories.ImageFactory(
            title=f"{item['short_name']} logo",
            file=ImageFile(buffer, name=f"logo-{item['slug']}.png"),
            collection=collection,
        )

    # 4. Translations through wagtail-localize
    def translation_table(self):
        table = dict(data.TRANSLATIONS)
        for key, value in data.TRANSLATIONS.items():
            if key.startswith("<p>") and key.endswith("</p>"):
                table[key[3:-4]] = {
                    code: text.removeprefix("<p>").removesuffix("</p>")
                    for code, text in value.items()
                }
        return table

    def load_translations(self, home, index):
        pages = [*StandardPage.objects.child_of(home).order_by("path")]
        pages += list(MemberLibraryPage.objects.child_of(index).order_by("path"))
        for code in ALL_LOCALES:
            locale = Locale.objects.get(language_code=code)
            done = 0
            # The alliance-wide pages exist in every locale already (home.locale_trees),
            # in Chinese until translated: give them the demo's translations.
            for page in (home, index):
                if not translated_into(page, locale):
                    self.translate(page, locale)
                    done += 1
            for page in pages if code in TRANSLATED_LOCALES else []:
                if not page.has_translation(locale):
                    self.translate(page, locale)
                    done += 1
            self.stdout.write(f"  {code}: {done} pages translated")

    @transaction.atomic
    def translate(self, page, locale, strings=None):
        """Translate a page or snippet into the locale with the demo's table of
        translations, plus `strings` ({source text: {language code: text}}) if given."""
        table = {**self.strings, **strings} if strings else self.strings
        source, created = TranslationSource.get_or_create_from_instance(page)
        if not created:
            source.update_from_db()
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = table.get(segment.string.data, {}).get(locale.language_code)
            if text:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": text, "translation_type": "manual"},
                )
        translation.save_target(publish=True)

    # 5. Accounts
    def load_accounts(self):
        created = []

        def account(username, *, groups=(), superuser=False, name=""):
            User = get_user_model()
            is_new = not User.objects.filter(username=username).exists()
            user = self.factories.UserFactory(
                username=username,
                email=f"{username}@reading.example.org",
                first_name=name,
                is_staff=superuser,
                is_superuser=superuser,
            )
            user.groups.add(*groups)
            # In development the password is the documented demo password (reset on every
            # run); elsewhere a new account gets a random one and an existing one is left alone.
            if settings.DEBUG or is_new:
                password = DEMO_PASSWORD if settings.DEBUG else secrets.token_urlsafe(12)
                user.set_password(password)
                user.save(update_fields=["password"])
                created.append((username, password, name))

        account("admin", superuser=True, name="联盟管理员")
        for slug in STAFF_LIBRARIES:
            page = MemberLibraryPage.objects.filter(slug=slug, locale=Locale.get_default()).first()
            if page is None:
                continue
            access = MemberLibraryAccess.objects.get(translation_key=page.translation_key)
            account(f"{slug}-editor", groups=[access.editors], name=f"{page.title}编辑")
            account(f"{slug}-moderator", groups=[access.moderators], name=f"{page.title}审核员")
        account("translator-vi", groups=[self.translators_group("vi")], name="Biên dịch viên")

        if settings.DEBUG:
            self.stdout.write(f"  Demo accounts (log in at {public_url('/admin/')}):")
            for username, password, name in created:
                self.stdout.write(f"    {username:<20} {password}   {name}")
        else:
            self.stdout.write(
                f"  {len(created)} accounts ready (admin: {public_url('/admin/')}); passwords are "
                "not shown because DEBUG is off."
            )

    def translators_group(self, code):
        return ensure_translators(Locale.objects.get(language_code=code)).group
