"""Demo events for `manage.py load_demo`: the calendar page, the alliance's campaigns and
events of every kind in the Guangxi libraries, past and upcoming."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from alliance_site.public import public_url
from home.locale_trees import translated_into
from home.models import MemberLibraryPage

from .models import (
    Audience,
    Campaign,
    EventIndexPage,
    EventKind,
    EventPage,
    EventSession,
    EventStatus,
    ListingPage,
    RegistrationMode,
)

CAMPAIGNS = [
    (
        "world-book-day",
        "世界读书日",
        "每年4月23日前后，各成员馆联合开展阅读推广活动。",
        (4, 16),
        (4, 30),
    ),
    ("library-week", "图书馆服务宣传周", "每年5月最后一周，宣传图书馆服务。", (5, 25), (5, 31)),
    ("science-week", "科技活动周", "科普阅读与讲座。", (5, 18), (5, 25)),
    ("heritage-day", "文化和自然遗产日", "六月第二个星期六，走近广西非遗与古籍。", (6, 8), (6, 14)),
    ("festivals", "传统节日阅读", "春节、元宵、端午、中秋等传统节日的阅读活动。", None, None),
]

# (kind, title pattern, audiences, hours)
PROGRAMME = [
    (EventKind.STORY_TIME, "{brand}·周末绘本故事会", ["children", "families"], 1),
    (EventKind.BOOK_CLUB, "{short}读书会：一起读《平凡的世界》", ["adults"], 2),
    (EventKind.READING_PERFORMANCE, "阅读表演秀：经典诵读", ["teens", "families"], 2),
    (EventKind.FILM_SCREENING, "光影榭：经典电影放映", ["adults", "seniors"], 2),
    (EventKind.TRAINING, "银龄数字阅读培训", ["seniors"], 2),
    (EventKind.COMPETITION, "青少年阅读知识竞赛", ["teens"], 3),
    (EventKind.CAMPAIGN_DAY, "世界读书日·{short}阅读嘉年华", ["families", "children", "adults"], 4),
    (EventKind.STORY_TIME, "手语故事会", ["children", "disabilities"], 1),
    (EventKind.BOOK_CLUB, "新市民读书沙龙", ["migrant_workers", "adults"], 2),
]


# English for the demo events translated into English (the first libraries' events, the
# campaigns); the libraries' names come from the demo's own table of translations.
ENGLISH = {
    "{brand}·周末绘本故事会": "{brand}: weekend picture-book storytime",
    "{short}读书会：一起读《平凡的世界》": "{short} book club: reading “Ordinary World” together",
    "阅读表演秀：经典诵读": "Reading show: recitals of the classics",
    "光影榭：经典电影放映": "Light and Shadow: classic film screening",
    "银龄数字阅读培训": "Digital reading training for seniors",
    "青少年阅读知识竞赛": "Youth reading quiz",
    "世界读书日·{short}阅读嘉年华": "World Book Day: {short} reading carnival",
    "手语故事会": "Sign-language storytime",
    "新市民读书沙龙": "Book salon for new city residents",
    "欢迎读者朋友参加。活动免费，名额有限。": "All readers welcome. Free of charge; places are limited.",
    "少儿阅览室": "Children's reading room",
    "报告厅": "Lecture hall",
    "多功能厅": "Multi-purpose hall",
    "阅读推广区": "Reading promotion area",
    "因场馆维修取消": "Cancelled: the venue is under repair",
    "改期时间另行通知": "The new date will be announced",
    "世界读书日": "World Book Day",
    "每年4月23日前后，各成员馆联合开展阅读推广活动。": "Around 23 April each year the member libraries run reading events together.",
    "图书馆服务宣传周": "Library Service Week",
    "每年5月最后一周，宣传图书馆服务。": "The last week of May: making library services known.",
    "科技活动周": "Science Week",
    "科普阅读与讲座。": "Popular-science reading and lectures.",
    "文化和自然遗产日": "Cultural and Natural Heritage Day",
    "六月第二个星期六，走近广西非遗与古籍。": "The second Saturday of June: Guangxi's intangible heritage and ancient books.",
    "传统节日阅读": "Reading for traditional festivals",
    "春节、元宵、端午、中秋等传统节日的阅读活动。": "Reading events for the Spring, Lantern, Dragon Boat and Mid-Autumn festivals.",
}
ENGLISH_LIBRARIES = 4  # the events of the first four Guangxi libraries get an English version


def english_strings(extra=None):
    """ENGLISH (and `extra`) as a table for load_demo's translate()."""
    table = {**ENGLISH, **(extra or {})}
    return {source: {"en": text} for source, text in table.items()}


def translate_into_english(translate, objects, strings):
    """Translate each object (pages after the snippets they refer to) into English,
    each in its own transaction, unless it has been already."""
    english = Locale.objects.filter(language_code="en").first()
    if translate is None or english is None:
        return 0
    done = 0
    for obj in objects:
        if not obj.has_translation(english):
            translate(obj, english, strings)
            done += 1
    return done


# The index pages' titles and introductions in the demo's translated languages.
INDEX_TRANSLATIONS = {
    "活动日历": {
        "en": "Events calendar",
        "vi": "Lịch sự kiện",
        "th": "ปฏิทินกิจกรรม",
        "id": "Kalender acara",
        "ms": "Kalendar acara",
        "lo": "ປະຕິທິນກິດຈະກຳ",
        "km": "ប្រតិទិនព្រឹត្តិការណ៍",
        "my": "အစီအစဉ် ပြက္ခဒိန်",
        "fil": "Kalendaryo ng mga kaganapan",
    },
    "各成员馆的讲座、展览和阅读活动，按日期排列。": {
        "en": "Lectures, exhibitions and reading activities of every member library, by date.",
        "vi": "Các buổi nói chuyện, triển lãm và hoạt động đọc của mọi thư viện thành viên, theo ngày.",
        "th": "การบรรยาย นิทรรศการ และกิจกรรมการอ่านของห้องสมุดสมาชิกทุกแห่ง เรียงตามวันที่",
        "id": "Ceramah, pameran, dan kegiatan membaca dari seluruh perpustakaan anggota, diurutkan menurut tanggal.",
        "ms": "Ceramah, pameran dan aktiviti membaca oleh semua perpustakaan ahli, disusun mengikut tarikh.",
        "lo": "ການບັນຍາຍ, ງານວາງສະແດງ ແລະ ກິດຈະກຳການອ່ານຂອງຫໍສະໝຸດສະມາຊິກທຸກແຫ່ງ, ຮຽງຕາມວັນທີ.",
        "km": "បាឋកថា ការតាំងពិពណ៌ និងសកម្មភាពអានរបស់បណ្ណាល័យសមាជិកទាំងអស់ តម្រៀបតាមកាលបរិច្ឆេទ។",
        "my": "အဖွဲ့ဝင်စာကြည့်တိုက်အားလုံး၏ ဟောပြောပွဲများ၊ ပြပွဲများနှင့် စာဖတ်ခြင်း လှုပ်ရှားမှုများကို ရက်စွဲအလိုက် စီစဉ်ဖော်ပြထားသည်။",
        "fil": "Mga lektura, eksibisyon at gawain sa pagbasa ng bawat kasaping aklatan, ayon sa petsa.",
    },
    "讲座": {
        "en": "Lectures",
        "vi": "Bài giảng",
        "th": "การบรรยาย",
        "id": "Ceramah",
        "ms": "Ceramah",
        "lo": "ການບັນຍາຍ",
        "km": "បាឋកថា",
        "my": "ဟောပြောပွဲများ",
        "fil": "Mga lektura",
    },
    "八桂讲坛等成员馆公益讲座。": {
        "en": "Free public lectures of the member libraries, such as the Bagui Forum.",
        "vi": "Các bài giảng công ích miễn phí của thư viện thành viên, như Diễn đàn Bát Quế.",
        "th": "การบรรยายสาธารณะฟรีของห้องสมุดสมาชิก เช่น เวทีปาฐกถาปากุ้ย",
        "id": "Ceramah umum gratis yang diselenggarakan perpustakaan anggota, seperti Forum Bagui.",
        "ms": "Ceramah awam percuma anjuran perpustakaan ahli, seperti Forum Bagui.",
        "lo": "ການບັນຍາຍສາທາລະນະແບບບໍ່ເສຍຄ່າຂອງຫໍສະໝຸດສະມາຊິກ ເຊັ່ນ: ເວທີບັນຍາຍປາກຸ້ຍ.",
        "km": "បាឋកថាសាធារណៈដោយឥតគិតថ្លៃរបស់បណ្ណាល័យសមាជិក ដូចជា វេទិកាប៉ាគុយ។",
        "my": "ပါကွေ့ဖိုရမ် ကဲ့သို့သော အဖွဲ့ဝင်စာကြည့်တိုက်များ၏ အခမဲ့ အများပြည်သူ ဟောပြောပွဲများ။",
        "fil": "Mga libreng pampublikong lektura ng mga kasaping aklatan, gaya ng Bagui Forum.",
    },
    "展览": {
        "en": "Exhibitions",
        "vi": "Triển lãm",
        "th": "นิทรรศการ",
        "id": "Pameran",
        "ms": "Pameran",
        "lo": "ງານວາງສະແດງ",
        "km": "ការតាំងពិពណ៌",
        "my": "ပြပွဲများ",
        "fil": "Mga eksibisyon",
    },
    "成员馆的展览与巡展。": {
        "en": "Exhibitions and touring exhibitions of the member libraries.",
        "vi": "Triển lãm và triển lãm lưu động của các thư viện thành viên.",
        "th": "นิทรรศการและนิทรรศการสัญจรของห้องสมุดสมาชิก",
        "id": "Pameran dan pameran keliling perpustakaan anggota.",
        "ms": "Pameran dan pameran bergerak perpustakaan ahli.",
        "lo": "ງານວາງສະແດງ ແລະ ງານວາງສະແດງເຄື່ອນທີ່ຂອງຫໍສະໝຸດສະມາຊິກ.",
        "km": "ការតាំងពិពណ៌ និងការតាំងពិពណ៌ចល័តរបស់បណ្ណាល័យសមាជិក។",
        "my": "အဖွဲ့ဝင်စာကြည့်တိုက်များ၏ ပြပွဲများနှင့် လှည့်လည်ပြသသည့် ပြပွဲများ။",
        "fil": "Mga eksibisyon at naglalakbay na eksibisyon ng mga kasaping aklatan.",
    },
    "志愿服务": {
        "en": "Volunteering",
        "vi": "Tình nguyện",
        "th": "งานอาสาสมัคร",
        "id": "Relawan",
        "ms": "Kesukarelawanan",
        "lo": "ວຽກອາສາສະໝັກ",
        "km": "ការងារស្ម័គ្រចិត្ត",
        "my": "စေတနာ့ဝန်ထမ်း",
        "fil": "Pagboboluntaryo",
    },
    "成员馆的志愿服务项目：选择项目，报名班次，累计服务时长。": {
        "en": "Volunteer projects of the member libraries: choose a project, sign up for "
        "shifts, build up your hours of service.",
        "vi": "Các dự án tình nguyện của thư viện thành viên: chọn dự án, đăng ký ca, tích lũy "
        "giờ phục vụ.",
        "th": "โครงการอาสาสมัครของห้องสมุดสมาชิก: เลือกโครงการ ลงชื่อเข้ากะ สะสมชั่วโมงบริการ",
        "id": "Proyek relawan perpustakaan anggota: pilih proyek, daftar untuk giliran tugas, "
        "dan kumpulkan jam layanan Anda.",
        "ms": "Projek sukarelawan perpustakaan ahli: pilih projek, daftar untuk syif, kumpul "
        "jam khidmat anda.",
        "lo": "ໂຄງການອາສາສະໝັກຂອງຫໍສະໝຸດສະມາຊິກ: ເລືອກໂຄງການ, ລົງທະບຽນເຂົ້າກະ, ສະສົມຊົ່ວໂມງການບໍລິການ.",
        "km": "គម្រោងស្ម័គ្រចិត្តរបស់បណ្ណាល័យសមាជិក៖ ជ្រើសរើសគម្រោង ចុះឈ្មោះតាមវេន និងសន្សំម៉ោងបម្រើការ។",
        "my": "အဖွဲ့ဝင်စာကြည့်တိုက်များ၏ စေတနာ့ဝန်ထမ်း စီမံကိန်းများ: စီမံကိန်းကို ရွေးချယ်ပါ၊ တာဝန်အလှည့်များအတွက် စာရင်းသွင်းပါ၊ ဝန်ဆောင်မှုနာရီများကို စုဆောင်းပါ။",
        "fil": "Mga proyektong pangboluntaryo ng mga kasaping aklatan: pumili ng proyekto, "
        "magpalista sa mga shift, at ipunin ang inyong oras ng serbisyo.",
    },
}


def ensure_index_page(home, model, translate=None, **fields):
    """The home page's child of this index type (created and published if missing), and
    its translations into every language (after the home page's own, made earlier)."""
    index = model.objects.child_of(home).first()
    if index is None:
        index = model(show_in_menus=True, **fields)
        home.add_child(instance=index)
        index.save_revision().publish()
    if translate is not None:
        for target in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE):
            if not translated_into(index, target):
                translate(index, target, INDEX_TRANSLATIONS)
    return index


def load_demo_events(home, stdout, translate=None):
    locale = Locale.get_default()
    with transaction.atomic():
        calendar = ensure_index_page(
            home,
            EventIndexPage,
            title="活动日历",
            slug="events",
            introduction="各成员馆的讲座、展览和阅读活动，按日期排列。",
        )
        campaigns = {}
        year = timezone.localdate().year
        for slug, name, description, starts, ends in CAMPAIGNS:
            campaigns[slug], _ = Campaign.objects.get_or_create(
                slug=slug,
                locale=locale,
                defaults={
                    "name": name,
                    "description": description,
                    "starts_on": datetime.date(year, *starts) if starts else None,
                    "ends_on": datetime.date(year, *ends) if ends else None,
                },
            )
        libraries = list(
            MemberLibraryPage.objects.filter(locale=locale).exclude(level="asean").order_by("path")
        )
        created = 0
        today = timezone.localdate()
        audiences = {a.code: a for a in Audience.objects.all()}
        for number, library in enumerate(libraries):
            for offset in range(3):
                n = number * 3 + offset
                kind, pattern, audience_codes, hours = PROGRAMME[n % len(PROGRAMME)]
                slug = f"demo-{n}"
                if EventPage.objects.child_of(library).filter(slug=slug).exists():
                    continue
                day = today + datetime.timedelta(days=(n * 5) % 75 - 20)
                start = timezone.make_aware(
                    datetime.datetime.combine(day, datetime.time(9 + n % 8, 30))
                )
                event = EventPage(
                    title=pattern.format(
                        brand=library.brand_name or library.short_name, short=library.short_name
                    ),
                    slug=slug,
                    kind=kind,
                    introduction="欢迎读者朋友参加。活动免费，名额有限。",
                    room=["少儿阅览室", "报告厅", "多功能厅", "阅读推广区"][n % 4],
                    campaign=campaigns["world-book-day"]
                    if kind == EventKind.CAMPAIGN_DAY
                    else None,
                    # Story times and trainings take registrations on the site.
                    registration_mode=RegistrationMode.ONLINE
                    if kind in (EventKind.STORY_TIME, EventKind.TRAINING)
                    else RegistrationMode.NONE,
                    status=EventStatus.CANCELLED
                    if n == 7
                    else EventStatus.POSTPONED
                    if n == 11
                    else EventStatus.SCHEDULED,
                    status_note="因场馆维修取消"
                    if n == 7
                    else "改期时间另行通知"
                    if n == 11
                    else "",
                )
                event.event_sessions = [
                    EventSession(
                        start=start + datetime.timedelta(days=7 * s),
                        end=start + datetime.timedelta(days=7 * s, hours=hours),
                        capacity={EventKind.STORY_TIME: 40, EventKind.TRAINING: 20}.get(kind),
                        max_party_size=3 if kind == EventKind.STORY_TIME else 1,
                    )
                    for s in range(1 + n % 2)
                ]
                event.audiences = [audiences[code] for code in audience_codes]
                library.add_child(instance=event)
                event.save_revision().publish()
                created += 1
        listing = ListingPage.objects.child_of(home).filter(slug="children").first()
        if listing is None:
            listing = ListingPage(
                title="少儿阅读活动",
                slug="children",
                introduction="各成员馆面向少年儿童和亲子家庭的近期活动。",
                kinds=[EventKind.STORY_TIME, EventKind.READING_PERFORMANCE],
                count=12,
            )
            home.add_child(instance=listing)
            listing.audiences.set(Audience.objects.filter(code__in=["children", "families"]))
            listing.save_revision().publish()
    stdout.write(f"  events: {created} created, calendar at {public_url(calendar)}")
    # Translated outside the seeding transaction: translations publish on commit.
    ensure_index_page(home, EventIndexPage, translate)
    if translate is not None:
        from home.demo_content import TRANSLATIONS

        names = {}
        for library in libraries[:ENGLISH_LIBRARIES]:
            for name in (library.brand_name or library.short_name, library.short_name):
                names[name] = TRANSLATIONS.get(name, {}).get("en", name)
        strings = english_strings()
        events = []
        for number, library in enumerate(libraries[:ENGLISH_LIBRARIES]):
            for offset in range(3):
                n = number * 3 + offset
                pattern = PROGRAMME[n % len(PROGRAMME)][1]
                brand, short = library.brand_name or library.short_name, library.short_name
                title = pattern.format(brand=brand, short=short)
                english = ENGLISH[pattern].format(brand=names[brand], short=names[short])
                strings[title] = {"en": english}
                event = EventPage.objects.child_of(library).filter(slug=f"demo-{n}").first()
                if event is not None:
                    events.append(event)
        done = translate_into_english(
            translate, [*Campaign.objects.filter(locale=locale), *events], strings
        )
        stdout.write(f"  events: {done} campaigns and events translated into English")
