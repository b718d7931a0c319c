"""Demo lectures: the 八桂讲坛 series of the provincial library, with speakers."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from alliance_site.public import public_url
from events.demo import english_strings, ensure_index_page, translate_into_english
from events.models import Audience, EventSession
from home.models import MemberLibraryPage

from .models import LectureIndexPage, LecturePage, LectureSeries, LectureSpeaker, Speaker

SPEAKERS = [
    ("黄教授", "广西民族大学历史学教授", "<p>长期研究壮族历史与地方文献。</p>"),
    ("李老师", "儿童文学作家", "<p>出版绘本与儿童小说十余部。</p>"),
    ("陈研究员", "古籍保护专家", "<p>参与广西古籍普查与修复工作。</p>"),
]

LECTURES = [
    ("bagui-zhuang-history", "八桂讲坛：壮族历史与文化", "壮族文化", 0, -40, True),
    ("bagui-ancient-books", "八桂讲坛：古籍里的广西", "古籍保护", 2, -12, True),
    ("bagui-picture-books", "八桂讲坛：如何陪孩子读绘本", "亲子阅读", 1, 9, False),
    ("bagui-reading-life", "八桂讲坛：阅读与人生", "经典阅读", 0, 23, False),
]


ENGLISH = {
    "八桂讲坛": "Bagui Forum",
    "广西壮族自治区图书馆主办的公益讲座品牌，邀请专家学者与读者面对面。": "Free public lectures of the Guangxi Zhuang Autonomous Region Library: scholars meet readers face to face.",
    "黄教授": "Professor Huang",
    "广西民族大学历史学教授": "Professor of History, Guangxi Minzu University",
    "长期研究壮族历史与地方文献。": "Has long studied Zhuang history and local documents.",
    "李老师": "Ms Li",
    "儿童文学作家": "Children's author",
    "出版绘本与儿童小说十余部。": "Author of more than ten picture books and children's novels.",
    "陈研究员": "Researcher Chen",
    "古籍保护专家": "Expert in the preservation of ancient books",
    "参与广西古籍普查与修复工作。": "Works on Guangxi's survey and restoration of ancient books.",
    "八桂讲坛：壮族历史与文化": "Bagui Forum: Zhuang history and culture",
    "八桂讲坛：古籍里的广西": "Bagui Forum: Guangxi in ancient books",
    "八桂讲坛：如何陪孩子读绘本": "Bagui Forum: reading picture books with your child",
    "八桂讲坛：阅读与人生": "Bagui Forum: reading and life",
    "壮族文化": "Zhuang culture",
    "古籍保护": "Preserving ancient books",
    "亲子阅读": "Family reading",
    "经典阅读": "Reading the classics",
    "八桂讲坛公益讲座，免费入场。": "A free public lecture of the Bagui Forum; admission free.",
}


def load_demo_lectures(home, stdout, translate=None):
    locale = Locale.get_default()
    library = MemberLibraryPage.objects.filter(locale=locale, slug="gxlib").first()
    if library is None:
        return
    with transaction.atomic():
        series, _ = LectureSeries.objects.get_or_create(
            slug="bagui",
            locale=locale,
            defaults={
                "name": "八桂讲坛",
                "description": "广西壮族自治区图书馆主办的公益讲座品牌，邀请专家学者与读者面对面。",
            },
        )
        speakers = [
            Speaker.objects.get_or_create(
                name=name, locale=locale, defaults={"title": title, "bio": bio}
            )[0]
            for name, title, bio in SPEAKERS
        ]
        adults = Audience.objects.filter(code__in=["adults", "seniors"])
        created = 0
        for slug, title, topic, speaker, days, past in LECTURES:
            if LecturePage.objects.child_of(library).filter(slug=slug).exists():
                continue
            day = timezone.localdate() + datetime.timedelta(days=days)
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 30)))
            lecture = LecturePage(
                title=title,
                slug=slug,
                topic=topic,
                series=series,
                introduction="八桂讲坛公益讲座，免费入场。",
                room="报告厅",
                livestream_url="https://live.example.org/bagui",
                recording_url="https://video.example.org/bagui/" + slug if past else "",
            )
            lecture.event_sessions = [
                EventSession(start=start, end=start + datetime.timedelta(hours=2), capacity=300)
            ]
            lecture.lecture_speakers = [LectureSpeaker(speaker=speakers[speaker])]
            lecture.audiences = list(adults)
            library.add_child(instance=lecture)
            lecture.save_revision().publish()
            created += 1
    index = ensure_index_page(
        home,
        LectureIndexPage,
        translate,
        title="讲座",
        slug="lectures",
        introduction="八桂讲坛等成员馆公益讲座。",
    )
    stdout.write(
        f"  lectures: {created} created in the 八桂讲坛 series; index at {public_url(index)}"
    )
    lectures = LecturePage.objects.child_of(library).filter(slug__in=[row[0] for row in LECTURES])
    done = translate_into_english(
        translate, [series, *speakers, *lectures], english_strings(ENGLISH)
    )
    stdout.write(f"  lectures: {done} lectures, speakers and series translated into English")
