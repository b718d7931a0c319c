"""Volunteer projects and shifts, the profile before a first sign-up, approval, service
records (shift hours, off-site hours), stars, honour rolls, certificates and their
verification, and My account (export, delete)."""

import datetime
import decimal
import io
import json

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from events import booking as engine
from events.models import Booking, BookingStatus, EventSession
from tests import factories
from volunteers.models import (
    Certificate,
    RecordStatus,
    ServiceRecord,
    VolunteerCategory,
    VolunteerIndexPage,
    VolunteerProfile,
    VolunteerProjectPage,
    stars_for,
)

pytestmark = pytest.mark.django_db

H = decimal.Decimal


def make_project(library, *, approval=False, shifts=2, start=None, credit="3", **kwargs):
    project = VolunteerProjectPage(
        title=kwargs.pop("title", "农民工子女课后阅读辅导"),
        slug=kwargs.pop("slug", "homework"),
        category=kwargs.pop("category", VolunteerCategory.MIGRANT_CHILDREN),
        requires_approval=approval,
        **kwargs,
    )
    start = start or timezone.now() + datetime.timedelta(days=2)
    project.event_sessions = [
        EventSession(
            start=start + datetime.timedelta(days=7 * n),
            end=start + datetime.timedelta(days=7 * n, hours=3),
            capacity=4,
            hours_credit=H(credit),
        )
        for n in range(shifts)
    ]
    library.add_child(instance=project)
    project.save_revision().publish()
    return VolunteerProjectPage.objects.get(pk=project.pk)


def volunteer(name="volunteer", **profile):
    user = factories.UserFactory(username=name)
    if profile is not None:
        VolunteerProfile.objects.create(
            user=user,
            real_name=profile.get("real_name", "李小梅"),
            phone="13800000000",
            birth_date=profile.get("birth_date", datetime.date(1998, 5, 4)),
            consent_at=timezone.now(),
            public_listing=profile.get("public_listing", True),
        )
    return user


def sign_up(client, user, project, session):
    client.force_login(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(project.url + "book/", {"session": str(session.uid)}, follow=True)


def test_a_first_sign_up_asks_for_the_profile_then_books(client, library_a):
    project = make_project(library_a)
    shift = project.sorted_sessions()[0]
    user = factories.UserFactory(username="newcomer")
    response = sign_up(client, user, project, shift)
    assert response.redirect_chain[-1][0].startswith(reverse("volunteer_profile"))
    assert Booking.objects.count() == 0
    # The profile form refuses a minor without a guardian, keeping what was typed.
    minor = timezone.localdate().replace(year=timezone.localdate().year - 15)
    data = {
        "real_name": "小明",
        "phone": "13900000000",
        "birth_date": minor.isoformat(),
        "languages": "中文",
        "consent": "on",
        "public_listing": "on",
        "next": project.url,
    }
    page = client.post(reverse("volunteer_profile"), data).content.decode()
    assert "小明" in page and "13900000000" in page
    assert not VolunteerProfile.objects.exists()
    data.update(guardian_name="王芳", guardian_phone="13700000000", guardian_consent="on")
    response = client.post(reverse("volunteer_profile"), data)
    assert response["Location"] == project.url
    assert VolunteerProfile.objects.get(user=user).is_complete
    sign_up(client, user, project, shift)
    assert Booking.objects.get(user=user).status == BookingStatus.CONFIRMED


def test_projects_needing_approval_hold_the_place_until_staff_decide(client, library_a, editor_a):
    project = make_project(library_a, approval=True)
    shift = project.sorted_sessions()[0]
    user = volunteer()
    page = sign_up(client, user, project, shift).content.decode()
    booking = Booking.objects.get(user=user)
    assert booking.status == BookingStatus.PENDING
    assert "确认" in page  # "the library will confirm your place"
    assert "已收到报名" in mail.outbox[-1].subject
    client.force_login(editor_a)
    mail.outbox.clear()
    url = reverse("volunteer_admin:approval", args=[shift.uid])
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"booking": booking.pk, "decision": "approve"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[user.email]]
    # Declining another frees its place.
    other = volunteer("other")
    sign_up(client, other, project, shift)
    client.force_login(editor_a)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"booking": Booking.objects.get(user=other).pk, "decision": "decline"})
    assert Booking.objects.get(user=other).status == BookingStatus.DECLINED


def test_staff_confirm_hours_with_a_reason_for_a_change_and_rate(client, library_a, editor_a):
    project = make_project(library_a, start=timezone.now() + datetime.timedelta(hours=1))
    shift = project.sorted_sessions()[0]
    first, second = volunteer("first"), volunteer("second", real_name="张伟")
    for user in (first, second):
        with TestCase.captureOnCommitCallbacks(execute=True):
            engine.book(user, shift.uid)
    one, two = Booking.objects.get(user=first), Booking.objects.get(user=second)
    # The shift takes place.
    EventSession.objects.filter(uid=shift.uid).update(
        start=timezone.now() - datetime.timedelta(hours=3), end=timezone.now()
    )
    client.force_login(editor_a)
    url = reverse("volunteer_admin:shift_hours", args=[shift.uid])
    data = {
        f"b{one.pk}-attended": "on",
        f"b{one.pk}-hours": "3",
        f"b{one.pk}-rating": "5",
        f"b{one.pk}-comment": "讲故事很生动",
        f"b{two.pk}-attended": "on",
        f"b{two.pk}-hours": "2",
        f"b{two.pk}-reason": "",
    }
    page = client.post(url, data).content.decode()
    assert "说明" in page or "原因" in page  # a change of hours needs a reason
    assert not ServiceRecord.objects.exists()
    data[f"b{two.pk}-reason"] = "提前一小时离开"
    client.post(url, data)
    records = {r.user: r for r in ServiceRecord.objects.all()}
    assert records[first].hours == H("3") and records[first].rating == 5
    assert records[second].hours == H("2")
    assert records[second].hours_reason == "提前一小时离开"
    assert all(r.status == RecordStatus.VERIFIED for r in records.values())
    # The volunteer reads the rating and the comment.
    client.force_login(first)
    account = client.get(reverse("account_overview")).content.decode()
    assert "讲故事很生动" in account
    assert "3.0" in account


def test_another_librarys_staff_cannot_touch_the_shifts(client, library_a, editor_b):
    project = make_project(library_a, approval=True)
    shift = project.sorted_sessions()[0]
    user = volunteer()
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(user, shift.uid)
    booking = Booking.objects.get()
    client.force_login(editor_b)
    hours = client.get(reverse("volunteer_admin:shift_hours", args=[shift.uid]), follow=True)
    assert hours.status_code == 404
    approval = client.post(
        reverse("volunteer_admin:approval", args=[shift.uid]),
        {"booking": booking.pk, "decision": "approve"},
        follow=True,
    )
    assert approval.status_code == 404
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PENDING
    listing = client.get(reverse("event_registrations:index")).content.decode()
    assert project.title not in listing


def test_hours_wait_for_the_shift_and_an_attended_shift_cannot_be_cancelled(
    client, library_a, editor_a
):
    project = make_project(library_a)
    shift = project.sorted_sessions()[0]
    user = volunteer()
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(user, shift.uid)
    booking = Booking.objects.get()
    client.force_login(editor_a)
    url = reverse("volunteer_admin:shift_hours", args=[shift.uid])
    client.post(url, {f"b{booking.pk}-attended": "on", f"b{booking.pk}-hours": "3"})
    assert not ServiceRecord.objects.exists()
    Booking.objects.filter(pk=booking.pk).update(attended_at=timezone.now())
    with pytest.raises(engine.BookingRefused):
        engine.cancel(Booking.objects.get(pk=booking.pk))


def test_off_site_hours_count_only_once_verified(client, library_a, library_b, editor_a, editor_b):
    user = volunteer()
    client.force_login(user)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    form = {
        "library": str(library_a.translation_key),
        "date": yesterday.isoformat(),
        "hours": "2.5",
        "description": "为小学生读绘本",
    }
    future = dict(form, date=(timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page = client.post(reverse("volunteer_log_hours"), future).content.decode()
    assert "为小学生读绘本" in page
    client.post(reverse("volunteer_log_hours"), form)
    record = ServiceRecord.objects.get()
    assert record.status == RecordStatus.PENDING
    from volunteers.service import verified_hours

    assert verified_hours(user) == 0
    # Another library's staff cannot see or verify it.
    client.force_login(editor_b)
    assert "为小学生读绘本" not in client.get(reverse("volunteer_admin:off_site")).content.decode()
    response = client.post(
        reverse("volunteer_admin:off_site"), {"record": record.pk, "decision": "verify"}
    )
    # A 404 (through the language-prefixed redirect): the record is not theirs.
    assert response.status_code == 404 or response["Location"].startswith("/zh-hans/admin/")
    record.refresh_from_db()
    assert record.status == RecordStatus.PENDING
    client.force_login(editor_a)
    client.post(
        reverse("volunteer_admin:off_site"),
        {"record": record.pk, "decision": "verify", "comment": "谢谢"},
    )
    assert verified_hours(user) == H("2.5")


def verified_record(user, library, hours, day=None, project=None):
    return ServiceRecord.objects.create(
        user=user,
        project=project,
        library_key=library.translation_key,
        date=day or timezone.localdate(),
        hours=H(hours),
        status=RecordStatus.VERIFIED,
    )


def test_star_levels():
    assert [stars_for(H(h)) for h in (0, 99.5, 100, 299, 300, 600, 1000, 1499, 1500, 3000)] == [
        0,
        0,
        1,
        1,
        2,
        3,
        4,
        4,
        5,
        5,
    ]


def test_honour_rolls_respect_opting_out(client, library_a, library_b):
    shown, hidden, other = (
        volunteer("shown", real_name="李小梅"),
        volunteer("hidden", real_name="隐藏者", public_listing=False),
        volunteer("other", real_name="王大力"),
    )
    verified_record(shown, library_a, "12")
    verified_record(hidden, library_a, "40")
    verified_record(other, library_b, "8")
    last_year = timezone.localdate().replace(year=timezone.localdate().year - 1)
    verified_record(other, library_a, "500", day=last_year)
    page = client.get(reverse("volunteer_honour_roll")).content.decode()
    assert "李小梅" in page and "王大力" in page and "隐藏者" not in page
    assert page.index("李小梅") < page.index("王大力")  # most hours first
    page = client.get(reverse("volunteer_honour_roll"), {"library": library_b.slug}).content
    assert "王大力" in page.decode() and "李小梅" not in page.decode()
    bad = client.get(reverse("volunteer_honour_roll"), {"year": "abc", "library": "nope"})
    assert bad.status_code == 200


def test_certificate_and_its_public_verification(client, library_a):
    user = volunteer()
    project = make_project(library_a, title="阳光助残", slug="help")
    verified_record(user, library_a, "120", project=project)
    ServiceRecord.objects.create(
        user=user,
        library_key=library_a.translation_key,
        date=timezone.localdate(),
        hours=H("50"),
        status=RecordStatus.PENDING,
    )
    client.force_login(user)
    response = client.get(reverse("volunteer_certificate"))
    assert response["Content-Type"] == "application/pdf"
    certificate = Certificate.objects.get()
    assert certificate.hours == H("120") and certificate.stars == 1
    text = "".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "李小梅" in text and certificate.code in text
    # The same figures give the same certificate.
    client.get(reverse("volunteer_certificate"))
    assert Certificate.objects.count() == 1
    client.logout()
    page = client.get(reverse("volunteer_verify_code", args=[certificate.code])).content.decode()
    assert "李小梅" in page and "120" in page and "阳光助残" in page
    assert "13800000000" not in page and user.email not in page
    missing = client.get(reverse("volunteer_verify"), {"code": "AAAA-BBBB-CCCC"})
    assert missing.status_code == 404


def test_certificate_prints_a_short_verification_link(client, library_a):
    """The certificate prints /v/<code>/ on one line inside the page; it leads to the
    verification page in the visitor's language."""
    user = volunteer()
    verified_record(user, library_a, "12")
    client.force_login(user)
    response = client.get(reverse("volunteer_certificate"))
    certificate = Certificate.objects.get()
    lines = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().splitlines()
    short = f"testserver/v/{certificate.code}/"
    assert [line for line in lines if short in line], lines
    assert not [line for line in lines if "volunteers/verify" in line]
    client.logout()
    verify = reverse("volunteer_verify_code", args=[certificate.code])
    response = client.get(f"/v/{certificate.code}/")
    assert response.status_code == 302 and response["Location"] == verify
    assert "Accept-Language" in response["Vary"]
    # Typed by hand: lower case is fine; a Thai browser gets the Thai page.
    response = client.get(f"/v/{certificate.code.lower()}/", HTTP_ACCEPT_LANGUAGE="th")
    assert response["Location"] == "/th" + verify.removeprefix("/zh-hans")
    assert "李小梅" in client.get(f"/v/{certificate.code}/", follow=True).content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "my"])
def test_a_long_certificate_keeps_its_code_and_address_on_the_page(client, library_a, language):
    """Many long project names give way (the verification page lists them all); the
    date, the code and the short address stay printed."""
    user = volunteer()
    for n in range(6):
        title = f"阳光助残：为视障读者录制有声书的长期志愿服务项目第{n}期"
        verified_record(
            user, library_a, "30", project=make_project(library_a, title=title, slug=f"p{n}")
        )
    client.force_login(user)
    response = client.get(f"/{language}/account/certificate.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    certificate = Certificate.objects.get()
    lines = reader.pages[0].extract_text().splitlines()
    assert [line for line in lines if f"testserver/v/{certificate.code}/" in line], lines
    text = "".join(lines)
    assert "项目第0期" in text and "…" in text and "项目第5期" not in text
    page = client.get(f"/v/{certificate.code}/", follow=True).content.decode()
    assert "项目第5期" in page


def test_an_unknown_code_at_the_short_link_says_so_on_the_verification_page(client):
    response = client.get("/v/AAAA-BBBB-CCCC/", follow=True)
    assert response.redirect_chain == [("/zh-hans/volunteers/verify/AAAA-BBBB-CCCC/", 302)]
    assert response.status_code == 404
    assert "AAAA-BBBB-CCCC" in response.content.decode()


@pytest.mark.parametrize(
    "value", ["0", "-1", str(10**30), "abc", "%00", "AAAA%00BBBB-CCCC", "AAAA-BBBB-CCC1"]
)
def test_hostile_verification_codes_give_a_404(client, value):
    assert client.get(f"/v/{value}/").status_code == 404
    assert client.get(f"/zh-hans/volunteers/verify/{value}/").status_code == 404
    assert client.get(reverse("volunteer_verify"), {"code": value}).status_code == 404


def test_export_and_delete_my_account(client, library_a):
    project = make_project(library_a)
    shift = project.sorted_sessions()[0]
    user = volunteer()
    other = volunteer("waiting")
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(user, shift.uid)
    verified_record(user, library_a, "6", project=project)
    client.force_login(user)
    data = json.loads(client.get(reverse("account_export")).content)
    assert data["account"]["email"] == user.email
    assert data["volunteer_profile"]["real_name"] == "李小梅"
    assert len(data["registrations"]) == 1 and len(data["service_records"]) == 1
    # Deleting needs the user name typed; a wrong one is refused.
    page = client.post(reverse("account_delete"), {"confirm": "someone"}).content.decode()
    assert "someone" in page
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("account_delete"), {"confirm": user.username})
    assert not type(user).objects.filter(pk=user.pk).exists()
    assert not VolunteerProfile.objects.filter(real_name="李小梅", user__isnull=True).exists()
    booking = Booking.objects.get(session_uid=shift.uid, user__isnull=True)
    assert booking.status == BookingStatus.CANCELLED  # the place went back
    record = ServiceRecord.objects.get()
    assert record.user is None and record.hours == H("6")  # anonymous hours stay
    assert other.pk


def test_volunteer_index_lists_projects_with_shifts_to_come_first(client, home, library_a):
    index = VolunteerIndexPage(title="志愿服务", slug="volunteers")
    home.add_child(instance=index)
    index.save_revision().publish()
    past = make_project(
        library_a,
        title="已结束的项目",
        slug="over",
        start=timezone.now() - datetime.timedelta(days=30),
        shifts=1,
    )
    soon = make_project(library_a, title="即将开始的项目", slug="soon")
    page = client.get(index.url).content.decode()
    assert page.index(soon.title) < page.index(past.title)
    filtered = client.get(index.url, {"category": VolunteerCategory.LAW}).content.decode()
    assert soon.title not in filtered
    assert client.get(index.url, {"category": "nope", "library": "nope"}).status_code == 200


def test_my_account_runs_the_same_queries_with_more_bookings(client, library_a):
    from tests.home.test_query_budget import count_queries

    user = volunteer()
    projects = [make_project(library_a, slug=f"p{n}", title=f"项目{n}", shifts=4) for n in range(6)]

    def book_shifts(projects):
        for project in projects:
            for session in project.event_sessions.all():
                with TestCase.captureOnCommitCallbacks(execute=True):
                    engine.book(user, session.uid)
                verified_record(user, library_a, "2", project=project)

    book_shifts(projects[:1])
    client.force_login(user)
    few = count_queries(client, reverse("account_overview"))
    book_shifts(projects[1:])
    assert Booking.objects.filter(user=user).count() == 24
    many = count_queries(client, reverse("account_overview"))
    assert few == many


def test_libraries_not_yet_translated_can_still_be_chosen(client, library_a, library_b):
    from tests.conftest import translate

    translate(library_a, "th", title="ห้องสมุดหนานหนิง")
    user = volunteer()
    client.force_login(user)
    page = client.get("/th" + reverse("volunteer_log_hours")[len("/zh-hans") :]).content.decode()
    assert "ห้องสมุดหนานหนิง" in page  # in Thai where translated
    assert library_b.title in page  # and under its own name where not
