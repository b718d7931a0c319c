"""Demo volunteering: the /volunteers/ index, a project in each of the plan's eight
categories with shifts, and a demo volunteer with verified hours (so that the honour
roll, the stars and the certificate have something to show)."""

import datetime
import decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from alliance_site.public import public_url
from events.demo import ensure_index_page
from events.models import Booking, BookingStatus, EventSession
from home.models import MemberLibraryPage

from .models import (
    RecordStatus,
    ServiceRecord,
    VolunteerCategory,
    VolunteerIndexPage,
    VolunteerProfile,
    VolunteerProjectPage,
)

# (slug, library, category, title, introduction, needs approval)
PROJECTS = [
    (
        "sign-language-reading",
        "gxchildren",
        VolunteerCategory.DISABILITY,
        "阳光助残·手语伴读",
        "为听障儿童的故事会提供手语伴读。",
        True,
    ),
    (
        "migrant-children-homework",
        "nanning",
        VolunteerCategory.MIGRANT_CHILDREN,
        "农民工子女课后阅读辅导",
        "周末在少儿阅览室陪农民工子女阅读、写作业。",
        False,
    ),
    (
        "reading-for-elders",
        "liuzhou",
        VolunteerCategory.NEIGHBOURHOOD,
        "邻里守望·为老人读报",
        "到社区养老院为老人读报、讲故事。",
        False,
    ),
    (
        "flood-relief-books",
        "guilin",
        VolunteerCategory.RELIEF,
        "应急救援·灾后图书整理",
        "协助受灾乡镇图书室清理、晾晒和整理图书。",
        False,
    ),
    (
        "digital-reading-guide",
        "gxlib",
        VolunteerCategory.CULTURE,
        "文化宣传·数字阅读引导员",
        "在大厅引导读者使用电子书借阅机和数字资源。",
        False,
    ),
    (
        "legal-aid-corner",
        "nanning",
        VolunteerCategory.LAW,
        "禁毒与法律服务角",
        "协助律师志愿者在图书馆开展普法与禁毒宣传。",
        True,
    ),
    (
        "local-documents",
        "gxlib",
        VolunteerCategory.RESEARCH,
        "地方文献整理与著录",
        "协助整理、著录广西地方文献。",
        True,
    ),
    (
        "book-sorting",
        "liuzhou",
        VolunteerCategory.OTHER,
        "图书上架与整架",
        "协助馆员图书上架、整架。",
        False,
    ),
]


def load_demo_volunteers(home, stdout, translate=None):
    locale = Locale.get_default()
    libraries = {page.slug: page for page in MemberLibraryPage.objects.filter(locale=locale)}
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for n, (slug, library_slug, category, title, intro, approval) in enumerate(PROJECTS):
            library = libraries.get(library_slug)
            if library is None or VolunteerProjectPage.objects.filter(slug=slug).exists():
                continue
            project = VolunteerProjectPage(
                title=title,
                slug=slug,
                category=category,
                introduction=intro,
                requirements="<p>年满16周岁；未满18周岁须经监护人同意。</p>",
                requires_approval=approval,
                room="志愿者服务台",
            )
            shifts = []
            for week in range(-2, 4):
                day = today + datetime.timedelta(days=7 * week + n % 5 + 1)
                start = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(9 + 2 * (n % 3)))
                )
                shifts.append(
                    EventSession(
                        start=start,
                        end=start + datetime.timedelta(hours=3),
                        capacity=6,
                        hours_credit=decimal.Decimal("3"),
                    )
                )
            project.event_sessions = shifts
            library.add_child(instance=project)
            project.save_revision().publish()
            created += 1
        volunteer = demo_volunteer()
    index = ensure_index_page(
        home,
        VolunteerIndexPage,
        translate,
        title="志愿服务",
        slug="volunteers",
        introduction="成员馆的志愿服务项目：选择项目，报名班次，累计服务时长。",
    )
    stdout.write(
        f"  volunteers: {created} projects created; index at {public_url(index)}"
        + (f"; demo volunteer: {volunteer.username}" if volunteer else "")
    )


def demo_volunteer():
    """A volunteer with a profile, past shifts with verified hours, and one booked."""
    User = get_user_model()
    user, new = User.objects.get_or_create(
        username="volunteer",
        defaults={"email": "volunteer@reading.example.org", "first_name": "李小梅"},
    )
    if settings.DEBUG:
        from home.management.commands.load_demo import DEMO_PASSWORD

        user.set_password(DEMO_PASSWORD)
        user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    VolunteerProfile.objects.update_or_create(
        user=user,
        defaults={
            "real_name": "李小梅",
            "phone": "13800000000",
            "birth_date": datetime.date(1998, 5, 4),
            "languages": "中文, English",
            "skills": "讲故事、摄影",
            "availability": "周末",
            "consent_at": timezone.now(),
        },
    )
    if not new or ServiceRecord.objects.filter(user=user).exists():
        return user
    now = timezone.now()
    for project in VolunteerProjectPage.objects.filter(locale=Locale.get_default())[:3]:
        for session in project.event_sessions.filter(end__lt=now):
            booking = Booking.objects.create(
                session_uid=session.uid,
                event=project,
                user=user,
                status=BookingStatus.CONFIRMED,
                code=f"DEMO{session.pk:04d}"[-8:],
                attended_at=session.end,
            )
            ServiceRecord.objects.create(
                user=user,
                booking=booking,
                project=project,
                library_key=project.library.translation_key,
                date=timezone.localtime(session.start).date(),
                hours=session.hours_credit or 3,
                status=RecordStatus.VERIFIED,
                rating=5,
                comment="认真负责，读者反映很好。",
                reviewed_at=now,
            )
    return user
