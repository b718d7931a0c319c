"""Volunteering end to end in a real browser: a visitor on a phone signs up through
allauth and confirms the e-mail from the link in the mail, opens a library's volunteer
project, is asked for the volunteer profile before the first sign-up, registers for a
shift (check-in code on the page and by e-mail), cancels, registers again; after the shift
the library's editor confirms attendance and hours in the Wagtail admin; the volunteer
then sees the verified hours in My account, downloads the certificate of service (a
PDF) and checks it on the public verification page.

The site's own strings are in Chinese where translated and in English where not yet, so
elements are found by form field names, form actions and hrefs rather than wording.
"""

import datetime
import io
import re
import time
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from events.models import Booking, BookingStatus, EventSession
from tests import factories
from tests.conftest import access_of
from tests.e2e.conftest import DESKTOP, PHONE
from tests.volunteers.test_volunteers import make_project
from volunteers.models import Certificate, RecordStatus, ServiceRecord, VolunteerProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "书香八桂-Lantern-4817"
CHINESE = {"locale": "zh-CN"}  # Accept-Language of a Guangxi browser
USERNAME = "xiaomei"
EMAIL = "xiaomei@example.org"
REAL_NAME = "李小梅"
PHONE_NUMBER = "13800138000"
PROJECT_TITLE = "农民工子女课后阅读辅导"
CAPACITY = 4  # make_project's shifts take four volunteers…
CREDIT = "3.0"  # …and credit three hours each
COMMENT = "讲故事很生动，孩子们很喜欢。"


def wait_for_mail(count, timeout=10):
    """The test mailbox once it holds `count` messages. The live server runs in a thread
    of this process and settings.test uses the locmem backend, so what it sends lands in
    django.core.mail.outbox (booking mails are sent on commit, right after the response)."""
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(mail.outbox) >= count, [m.subject for m in mail.outbox]
    return mail.outbox


def confirmation_link(message, live_server):
    """The confirmation link of allauth's mail. It is on the site's public address
    (WAGTAILADMIN_BASE_URL, here the live server's), never the request's host: used as
    it is."""
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert match, message.body
    link = urlsplit(match.group(0))
    assert f"{link.scheme}://{link.netloc}" == live_server.url, match.group(0)
    return match.group(0)


def messages(page, level):
    """The site's flash messages (base.html) of one level."""
    return page.locator(f"main p.message--{level}[role=status]")


def shift_row(page, n):
    """The registration row of the project's n-th shift (rows follow the shifts' order)."""
    return page.locator("#registration li.registration__session").nth(n)


def book_button(row):
    # "…/unbook/" also ends in "book/": the slash keeps the cancel form out.
    return row.locator("form[action$='/book/'] button[type=submit]")


def cancel_button(row):
    return row.locator("form[action$='/unbook/'] button[type=submit]")


def places_left(row):
    """The places left a row shows ("剩余 4 个名额" / "4 places left"): the number in the
    row's first paragraph once its date and time are taken out."""
    text = row.locator("p").first.inner_text()
    text = text.replace(row.locator("time").inner_text(), "")
    numbers = re.findall(r"\d+", text)
    assert numbers, text
    return int(numbers[0])


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def log_in(page, live_server, username, next_path):
    """allauth's login form, reached through a page that needs a login."""
    page.goto(live_server.url + next_path)
    assert urlsplit(page.url).path == "/zh-hans/accounts/login/"
    form = page.locator("form", has=page.locator("input[name=login]"))
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    click_and_wait(page, form.locator("button[type=submit]"))
    assert page.url == live_server.url + next_path, page.url


def fetch_pdf(page, link):
    """The PDF behind a link, fetched with the page's cookies (its request context).
    Clicking would open it in Chromium's PDF viewer, whose chrome:// resources
    new_context's router blocks; the server sends it "inline" for that viewer."""
    href = urljoin(page.url, link.get_attribute("href"))
    response = page.request.get(href)
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    disposition = response.headers["content-disposition"]
    assert re.fullmatch(r'inline; filename="certificate-[A-Z0-9-]+\.pdf"', disposition)
    return href, response.body()


def test_volunteer_signs_up_serves_a_shift_and_gets_a_certificate(
    live_server, library_a, new_context, screenshot, blocked_requests, settings
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the public address, in e-mails
    project = make_project(library_a, title=PROJECT_TITLE)
    shift, other_shift = project.sorted_sessions()
    assert project.library_id == library_a.pk
    editor = factories.UserFactory(
        username="editor-a", password=PASSWORD, groups=[access_of(library_a).editors]
    )
    mail.outbox.clear()

    # 1. A visitor on a phone signs up…
    _context, page = new_context(viewport=PHONE, **CHINESE)
    page.goto(live_server.url + "/zh-hans/accounts/signup/")
    form = page.locator("form", has=page.locator("input[name=password2]"))
    expect(form).to_be_visible()
    form.locator("input[name=email]").fill(EMAIL)
    form.locator("input[name=username]").fill(USERNAME)
    form.locator("input[name=password1]").fill(PASSWORD)
    form.locator("input[name=password2]").fill(PASSWORD)
    screenshot(page, "volunteering-01-signup-phone")
    click_and_wait(page, form.locator("button[type=submit]"))
    # …and is told to confirm the address first (mandatory verification): no login yet.
    assert urlsplit(page.url).path == "/zh-hans/accounts/confirm-email/", page.url
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("input[name=password]")).to_have_count(0)
    user = get_user_model().objects.get(username=USERNAME)
    assert user.email == EMAIL
    assert not user.emailaddress_set.get(email=EMAIL).verified

    # The confirmation mail holds a link to the live server; the visitor opens it and
    # confirms with the page's button (allauth does not confirm on a GET).
    (message,) = wait_for_mail(1)
    assert message.to == [EMAIL]
    page.goto(confirmation_link(message, live_server))
    confirm = page.locator("form[action*='/accounts/confirm-email/']")
    expect(confirm.locator("button[type=submit]")).to_be_visible()
    expect(page.locator("main")).to_contain_text(EMAIL)  # it names the address
    click_and_wait(page, confirm.locator("button[type=submit]"))
    assert user.emailaddress_set.get(email=EMAIL).verified
    # "You have confirmed …" (and, with ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION, "signed in").
    expect(messages(page, "success").filter(has_text=EMAIL)).to_have_count(1)

    # Confirming the address signs the visitor in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION):
    # My account opens straight away.
    account = reverse("account_overview")
    page.goto(live_server.url + account)
    assert urlsplit(page.url).path == account, page.url
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main")).to_contain_text(EMAIL)
    # No hours yet: no certificate link.
    expect(page.locator("a[href$='/account/certificate.pdf']")).to_have_count(0)

    # 2. The visitor opens the project: both shifts are open, four places each.
    page.goto(live_server.url + project.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    expect(page.locator("#registration li.registration__session")).to_have_count(2)
    row, other_row = shift_row(page, 0), shift_row(page, 1)
    assert places_left(row) == CAPACITY and places_left(other_row) == CAPACITY
    expect(book_button(row)).to_be_visible()
    expect(row.locator("input[name=session]")).to_have_value(str(shift.uid))
    expect(other_row.locator("input[name=session]")).to_have_value(str(other_shift.uid))

    # A first sign-up leads to the volunteer profile, which brings the visitor back.
    click_and_wait(page, book_button(row))
    url = urlsplit(page.url)
    assert url.path == reverse("volunteer_profile"), page.url
    assert parse_qs(url.query) == {"next": [project.url]}
    expect(messages(page, "info")).to_have_count(1)
    assert not Booking.objects.exists()

    profile = page.locator("form", has=page.locator("input[name=real_name]"))
    expect(profile.locator("input[name=next]")).to_have_value(project.url)
    adult = timezone.localdate().replace(year=timezone.localdate().year - 30, day=1)
    profile.locator("input[name=real_name]").fill(REAL_NAME)
    profile.locator("input[name=phone]").fill(PHONE_NUMBER)
    profile.locator("input[name=birth_date]").fill(adult.isoformat())
    profile.locator("input[name=languages]").fill("中文, English")
    profile.locator("input[name=consent]").check()
    expect(profile.locator("input[name=consent]")).to_be_checked()
    screenshot(page, "volunteering-02-profile-phone")
    click_and_wait(page, profile.locator("button[type=submit]"))
    assert urlsplit(page.url).path == project.url, page.url
    expect(messages(page, "success")).to_have_count(1)
    saved = VolunteerProfile.objects.get(user=user)
    assert saved.real_name == REAL_NAME and saved.birth_date == adult and saved.is_complete
    assert not saved.is_minor

    # Back on the project, the visitor registers for the shift: the row shows the
    # check-in code and the cancel button instead of the register button.
    row = shift_row(page, 0)
    click_and_wait(page, book_button(row))
    assert urlsplit(page.url).path == project.url
    booking = Booking.objects.get(user=user)
    assert booking.status == BookingStatus.CONFIRMED and booking.session_uid == shift.uid
    expect(messages(page, "success")).to_contain_text(booking.code)
    expect(row.locator(".message--success strong")).to_have_text(booking.code)
    expect(book_button(row)).to_have_count(0)
    expect(cancel_button(row)).to_be_visible()
    assert places_left(row) == CAPACITY - 1
    assert places_left(other_row) == CAPACITY
    screenshot(page, "volunteering-03-registered-phone")
    # The booking mail carries the same code (and its QR code for the check-in).
    booked_mail = wait_for_mail(2)[1]
    assert booked_mail.to == [EMAIL]
    assert booking.code in booked_mail.body
    assert [name for name, _c, _t in booked_mail.attachments] == [f"check-in-{booking.code}.png"]

    # 3. The visitor cancels: the place comes back and the register button returns…
    click_and_wait(page, cancel_button(row))
    assert urlsplit(page.url).path == project.url
    expect(messages(page, "success")).to_have_count(1)
    expect(row.locator(".message--success")).to_have_count(0)
    expect(cancel_button(row)).to_have_count(0)
    expect(book_button(row)).to_be_visible()
    assert places_left(row) == CAPACITY
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    cancelled_mail = wait_for_mail(3)[2]  # the cancellation mail
    assert cancelled_mail.to == [EMAIL] and PROJECT_TITLE in cancelled_mail.body
    assert not cancelled_mail.attachments

    # …and registers again for the same shift, with a new check-in code.
    click_and_wait(page, book_button(row))
    booking = Booking.objects.get(user=user, status=BookingStatus.CONFIRMED)
    assert booking.session_uid == shift.uid
    expect(row.locator(".message--success strong")).to_have_text(booking.code)
    expect(cancel_button(row)).to_be_visible()
    assert places_left(row) == CAPACITY - 1
    assert Booking.objects.filter(user=user).count() == 2  # the cancelled one is kept

    # The shift takes place: it is moved (in every language; rows share the uid) to a few
    # hours ago, so that the staff confirm attendance after it, as in real life.
    now = timezone.now()
    moved = EventSession.objects.filter(uid=shift.uid).update(
        start=now - datetime.timedelta(hours=4), end=now - datetime.timedelta(hours=1)
    )
    assert moved >= 1
    shift.refresh_from_db()

    # 4. The library's editor, on a desktop, confirms attendance and hours.
    _staff_context, staff = new_context(viewport=DESKTOP, **CHINESE)
    hours_path = reverse("volunteer_admin:shift_hours", args=[shift.uid])
    log_in(staff, live_server, editor.username, hours_path)
    expect(staff).to_have_title(re.compile(re.escape(PROJECT_TITLE)))
    hours_form = staff.locator("form[method=post]", has=staff.locator("table.listing"))
    staff_row = staff.locator("table.listing tbody tr", has_text=booking.code)
    expect(staff.locator("table.listing tbody tr")).to_have_count(1)  # the cancelled one isn't
    expect(staff_row).to_contain_text(REAL_NAME)
    attended = staff_row.locator("input[type=checkbox][name$='-attended']")
    hours = staff_row.locator("input[name$='-hours']")
    expect(attended).not_to_be_checked()
    expect(hours).to_have_value(CREDIT)  # the shift's credit, kept as it is
    attended.check()
    staff_row.locator("select[name$='-rating']").select_option("5")
    staff_row.locator("textarea[name$='-comment']").fill(COMMENT)
    screenshot(staff, "volunteering-04-shift-hours-desktop", full_page=False)
    click_and_wait(staff, hours_form.locator("button[type=submit]"))
    # Saved: back on the same page, with a success message and the row as saved.
    assert urlsplit(staff.url).path == hours_path
    expect(staff.locator(".messages li.success")).to_be_visible()
    expect(staff.locator(".messages li.error")).to_have_count(0)
    staff_row = staff.locator("table.listing tbody tr", has_text=booking.code)
    expect(staff_row.locator("input[name$='-attended']")).to_be_checked()
    expect(staff_row.locator("input[name$='-hours']")).to_have_value(CREDIT)
    expect(staff_row.locator("select[name$='-rating']")).to_have_value("5")
    screenshot(staff, "volunteering-05-shift-hours-saved-desktop", full_page=False)
    record = ServiceRecord.objects.get(booking=booking)
    assert record.status == RecordStatus.VERIFIED
    assert str(record.hours) == CREDIT and record.rating == 5 and record.comment == COMMENT
    assert record.user_id == user.pk and record.reviewed_by_id == editor.pk
    assert record.library_key == library_a.translation_key

    # 5. The volunteer opens My account: three verified hours, the staff's rating and
    # comment, the shift in the history as attended, and the certificate link.
    page.goto(live_server.url + account)
    service = page.locator("section[aria-labelledby=service-heading]")
    # The total is a database sum: "3.0" on PostgreSQL, "3" on SQLite.
    total = service.locator("ul.stats li").first.locator("strong")
    expect(total).to_have_text(re.compile(r"^3(\.0)?$"))
    records = service.locator("table tbody tr")
    expect(records).to_have_count(1)
    expect(records).to_contain_text(PROJECT_TITLE)
    expect(records).to_contain_text(CREDIT)
    expect(records).to_contain_text(COMMENT)
    expect(records.locator(".stars")).to_have_text("★★★★★")
    history = page.locator("section[aria-labelledby=history-heading] tbody tr")
    attended_row = history.filter(has=page.locator("td", has_text="✓"))
    expect(attended_row).to_have_count(1)
    expect(attended_row).to_contain_text(PROJECT_TITLE)
    screenshot(page, "volunteering-06-my-account-phone")

    # The certificate of service: a PDF with the volunteer's name and its code.
    link = service.locator("a[href$='/account/certificate.pdf']")
    expect(link).to_be_visible()
    href, pdf = fetch_pdf(page, link)
    assert urlsplit(href).path == reverse("volunteer_certificate")
    assert pdf.startswith(b"%PDF"), pdf[:20]
    certificate = Certificate.objects.get(user=user)  # one: the same figures, one code
    assert certificate.name == REAL_NAME and str(certificate.hours) == CREDIT
    assert certificate.projects == [PROJECT_TITLE]
    assert certificate.libraries == [library_a.title]
    text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert REAL_NAME in text and certificate.code in text

    # The short link the certificate prints (and its QR code holds) leads to the
    # verification page, which confirms it.
    page.goto(live_server.url + f"/v/{certificate.code}/")
    assert page.url == live_server.url + reverse("volunteer_verify_code", args=[certificate.code])
    genuine = page.locator("main section.card")
    expect(genuine).to_be_visible()
    expect(genuine.locator("dd").first).to_have_text(REAL_NAME)
    expect(genuine.locator("dd").nth(1)).to_have_text(CREDIT)
    expect(genuine).to_contain_text(PROJECT_TITLE)
    expect(genuine).to_contain_text(library_a.title)
    expect(genuine.locator("code")).to_have_text(certificate.code)
    expect(genuine).not_to_contain_text(PHONE_NUMBER)  # only what the certificate says
    expect(page.locator("main [role=alert]")).to_have_count(0)
    screenshot(page, "volunteering-07-verified-phone")

    # Nothing was requested outside the live server.
    assert blocked_requests == []
