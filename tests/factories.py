"""factory_boy factories for tests and for the demo content (load_demo uses them too)."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from events.models import EventKind, EventPage, EventSession
from home.models import (
    HomePage,
    LibraryLevel,
    MemberLibraryIndexPage,
    MemberLibraryPage,
    OpeningHours,
    StandardPage,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct-horse-battery")
    is_active = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """allauth requires a verified address to log in (mandatory verification)."""
        if create and self.email and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "广西阅读推广联盟"
    introduction = "以阅读推广联结广西百余家公共图书馆与东盟伙伴。"


class MemberLibraryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberLibraryIndexPage

    title = "成员馆"
    slug = "members"


class MemberLibraryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MemberLibraryPage

    title = factory.Sequence(lambda n: f"第{n}图书馆")
    slug = factory.Sequence(lambda n: f"library-{n}")
    short_name = factory.LazyAttribute(lambda o: o.title.replace("图书馆", "图"))
    level = LibraryLevel.CITY
    city = "南宁"
    brand_name = factory.Sequence(lambda n: f"品牌{n}")
    introduction = "市民身边的图书馆。"


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    page = factory.SubFactory(MemberLibraryPageFactory)
    weekday = 0
    opens = "09:00"
    closes = "17:00"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"阅读活动 {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.STORY_TIME
    introduction = "和孩子们一起读绘本。"


class EventSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSession

    page = factory.SubFactory(EventPageFactory)
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"页面 {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title) or "page")
    introduction = "简介。"
