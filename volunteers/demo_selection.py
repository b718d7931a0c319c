"""Demo: two demonstration-project selection rounds. Last year's is finished, with
nominations, evidence-free statements, three judges' scores, winners and a published
results page (translated into English, Vietnamese and Thai); this year's takes
nominations now, with two libraries' nominations in and three judges named."""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from alliance_site.public import public_url
from home.management.commands.load_demo import DEMO_PASSWORD
from home.models import MemberLibraryPage

from .demo import PROJECTS
from .models import VolunteerCategory, VolunteerIndexPage, VolunteerProjectPage
from .selection import (
    Criterion,
    Judge,
    Nomination,
    Score,
    SelectionRound,
    choose_winners,
    publish_results,
    ranking,
)

CRITERIA = [
    ("社会效益", "服务对象的受益面与满意度。", 40),
    ("创新性", "服务方式、内容或机制的创新。", 30),
    ("可持续性", "团队、制度与经费能否长期运行。", 30),
]
# (username, name, library slug or None)
JUDGES = [
    ("judge-zhou", "周评委", "gxlib"),
    ("judge-lin", "林评委", None),
    ("judge-huang", "黄评委", "nanning"),
]
OPEN_ROUND_NOMINATED = ["reading-for-elders", "flood-relief-books"]
STATEMENT = "{title}已连续开展多年，志愿者稳定，服务对象满意度高，经验可在全区推广。"

RESULTS_TRANSLATIONS = {
    "{year}年度志愿服务示范项目评选": {
        "en": "Demonstration volunteer projects, {year}",
        "vi": "Các dự án tình nguyện tiêu biểu năm {year}",
        "th": "โครงการอาสาสมัครต้นแบบ ปี {year}",
    },
    "经各成员馆推荐、评审专家打分，联盟评出本年度志愿服务示范项目如下。": {
        "en": "Nominated by the member libraries and scored by the judges, these are the "
        "alliance's demonstration volunteer projects of the year.",
        "vi": "Được các thư viện thành viên đề cử và ban giám khảo chấm điểm, đây là các dự án "
        "tình nguyện tiêu biểu của liên minh trong năm.",
        "th": "โครงการอาสาสมัครต้นแบบประจำปีของพันธมิตร ซึ่งห้องสมุดสมาชิกเสนอชื่อและคณะกรรมการให้คะแนน",
    },
}


def judges():
    User = get_user_model()
    libraries = {
        page.slug: page.translation_key
        for page in MemberLibraryPage.objects.filter(locale=Locale.get_default())
    }
    people = []
    for username, name, library in JUDGES:
        user, new = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@reading.example.org", "first_name": name},
        )
        # allauth asks for a verified address before letting anyone in.
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        # Like the other demo accounts: the demo password in development, else none.
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        elif new:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append((user, libraries.get(library) if library else None))
    return people


def make_round(year, windows, categories):
    selection_round = SelectionRound.objects.create(
        year=year,
        title=f"{year}年度志愿服务示范项目评选",
        categories=categories,
        nominations_open=windows[0],
        nominations_close=windows[1],
        scoring_open=windows[2],
        scoring_close=windows[3],
    )
    criteria = [
        Criterion.objects.create(
            round=selection_round, name=name, description=text, weight=weight, sort_order=n
        )
        for n, (name, text, weight) in enumerate(CRITERIA)
    ]
    return selection_round, criteria


def nominate_all(selection_round, projects, moderator=None):
    return [
        Nomination.objects.create(
            round=selection_round,
            project=project,
            title=project.title,
            library_key=project.library.translation_key,
            category=project.category,
            statement=STATEMENT.format(title=project.title),
            nominated_by=moderator,
        )
        for project in projects
    ]


def load_demo_selection(home, stdout, translate=None, **kwargs):
    index = VolunteerIndexPage.objects.child_of(home).first()
    admin = get_user_model().objects.filter(username="admin", is_superuser=True).first()
    projects = list(
        VolunteerProjectPage.objects.filter(
            locale=Locale.get_default(), slug__in=[row[0] for row in PROJECTS]
        )
        .select_related("library")
        .order_by("path")
    )
    if index is None or admin is None or not projects:
        return
    today = timezone.localdate()
    last_year, this_year = today.year - 1, today.year
    if SelectionRound.objects.filter(year__in=[last_year, this_year]).exists():
        stdout.write("  selection: the demo rounds are already there")
        return
    categories = list(VolunteerCategory.values)
    with transaction.atomic():
        people = judges()
        # Last year's round, finished and published.
        finished, criteria = make_round(
            last_year,
            [
                datetime.date(last_year, 3, 1),
                datetime.date(last_year, 4, 30),
                datetime.date(last_year, 5, 10),
                datetime.date(last_year, 6, 30),
            ],
            categories,
        )
        nominations = nominate_all(finished, projects)
        panel = [Judge.objects.create(round=finished, user=u, library_key=k) for u, k in people]
        scores = []
        for n, nomination in enumerate(nominations):
            for j, judge in enumerate(panel):
                if judge.library_key == nomination.library_key:
                    continue
                for c, criterion in enumerate(criteria):
                    scores.append(
                        Score(
                            nomination=nomination,
                            judge=judge,
                            criterion=criterion,
                            value=5 + (n * 3 + j * 2 + c) % 6,
                            comment="材料翔实，建议推广。" if c == 0 else "",
                        )
                    )
        Score.objects.bulk_create(scores)
        # The demo projects are one per category: the best of them are the winners.
        ranked = [n for n in ranking(finished) if n.result is not None]
        winners = [n.pk for n in ranked if n.result >= Decimal("7.5")] or [ranked[0].pk]
        choose_winners(admin, finished, winners)
        page = publish_results(admin, finished, index)
        page.introduction = (
            "<p>经各成员馆推荐、评审专家打分，联盟评出本年度志愿服务示范项目如下。</p>"
        )
        page.save_revision(user=admin).publish(user=admin)

        # This year's round, taking nominations now.
        current, _criteria = make_round(
            this_year,
            [
                max(today - datetime.timedelta(days=10), datetime.date(this_year, 1, 1)),
                today + datetime.timedelta(days=20),
                today + datetime.timedelta(days=25),
                today + datetime.timedelta(days=50),
            ],
            categories,
        )
        for user, key in people:
            Judge.objects.create(round=current, user=user, library_key=key)
        # Two libraries have nominated; the demo moderators' libraries (gxlib, nanning)
        # still have projects to nominate.
        nominate_all(current, [p for p in projects if p.slug in OPEN_ROUND_NOMINATED])
    if translate is not None:
        strings = {
            source.format(year=last_year): {
                code: text.format(year=last_year) for code, text in texts.items()
            }
            for source, texts in RESULTS_TRANSLATIONS.items()
        }
        for code in ("en", "vi", "th"):
            target = Locale.objects.get(language_code=code)
            if index.has_translation(target) and not page.has_translation(target):
                translate(page, target, strings)
    stdout.write(
        f"  selection: {finished.title} published at {public_url(page)} with "
        f"{len(winners)} winners; {current.title} takes nominations; judges "
        + ", ".join(user.username for user, _key in people)
    )
