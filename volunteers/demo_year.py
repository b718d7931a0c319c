"""Demo: a year of figures for the alliance statistics. Every Guangxi library held one to
three activities in each past month of this year, with registrations (some sessions full,
with a waitlist), attendance, and volunteers' verified hours, so that Reports → Alliance
statistics and the home page's "alliance at a glance" show a believable year."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale
from wagtail.signal_handlers import disable_reference_index_auto_update

from events.demo import PROGRAMME
from events.models import Booking, BookingStatus, EventPage, EventSession, RegistrationMode
from home.models import LibraryLevel, MemberLibraryPage

from .models import RecordStatus, ServiceRecord

READERS = 40
HELPERS = 12
CAPACITY = 20


def _accounts(prefix, count, name):
    """Demo people who never log in (no usable password)."""
    User = get_user_model()
    people = []
    for n in range(1, count + 1):
        user, new = User.objects.get_or_create(
            username=f"{prefix}{n:02d}",
            defaults={"email": f"{prefix}{n:02d}@reading.example.org", "first_name": f"{name}{n}"},
        )
        if new:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append(user)
    return people


def load_demo_year(home, stdout, **kwargs):
    locale = Locale.get_default()
    today = timezone.localdate()
    libraries = list(
        MemberLibraryPage.objects.filter(locale=locale)
        .exclude(level=LibraryLevel.ASEAN)
        .order_by("path")
    )
    if not libraries or today.month == 1:
        return
    if EventPage.objects.child_of(libraries[0]).filter(slug="year-1-0").exists():
        stdout.write("  statistics: the year's activities are already there")
        return
    readers = _accounts("reader", READERS, "读者")
    helpers = _accounts("helper", HELPERS, "志愿者")
    pages = []
    with transaction.atomic(), disable_reference_index_auto_update():
        for number, library in enumerate(libraries):
            brand, short = library.brand_name or library.short_name, library.short_name
            for month in range(1, today.month):
                for k in range(1 + (number + month) % 3):
                    kind, pattern, _audiences, hours = PROGRAMME[(number + month + k) % 9]
                    start = timezone.make_aware(
                        datetime.datetime(today.year, month, 3 + 7 * k + number % 5, 10)
                    )
                    page = EventPage(
                        title=f"{pattern.format(brand=brand, short=short)}（{month}月）",
                        slug=f"year-{month}-{k}",
                        kind=kind,
                        introduction="欢迎读者朋友参加。活动免费，名额有限。",
                        registration_mode=RegistrationMode.ONLINE,
                    )
                    page.event_sessions = [
                        EventSession(
                            start=start,
                            end=start + datetime.timedelta(hours=hours),
                            capacity=CAPACITY,
                        )
                    ]
                    library.add_child(instance=page)
                    pages.append(page)
        bookings = []
        readers_cycle = itertools.cycle(readers)
        for n, page in enumerate(pages):
            session = page.event_sessions.first()
            asked = 8 + (n * 7) % 19  # 8 to 26 people: some sessions are full
            for m in range(asked):
                confirmed = m < CAPACITY
                bookings.append(
                    Booking(
                        session_uid=session.uid,
                        event=page,
                        user=next(readers_cycle) if m < READERS else None,
                        party_size=1,
                        status=BookingStatus.CONFIRMED if confirmed else BookingStatus.WAITLISTED,
                        code=f"Y{page.pk:05d}{m:02d}",
                        created_at=session.start - datetime.timedelta(days=5),
                        attended_at=session.end if confirmed and (m + n) % 5 else None,
                    )
                )
        Booking.objects.bulk_create(bookings, batch_size=2000)
        records = [
            ServiceRecord(
                user=helper,
                library_key=libraries[(h + month) % len(libraries)].translation_key,
                date=datetime.date(today.year, month, 10 + h % 10),
                hours=2 + (h + month) % 3,
                description="活动签到与引导",
                off_site=True,
                status=RecordStatus.VERIFIED,
                reviewed_at=timezone.now(),
            )
            for h, helper in enumerate(helpers)
            for month in range(1, today.month)
        ]
        ServiceRecord.objects.bulk_create(records)
    stdout.write(
        f"  statistics: {len(pages)} past activities this year, {len(bookings)} registrations, "
        f"{len(records)} verified service records"
    )
