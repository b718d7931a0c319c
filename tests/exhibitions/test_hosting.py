"""Sharing touring exhibitions (展览联盟): a moderator of one library asks to host another
library's exhibition; the owner's moderators accept (adding a tour stop) or decline, with
e-mail both ways; each library sees only its own requests."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from exhibitions.models import ExhibitionPage, HostingRequest, HostingStatus, TourStop
from tests import factories
from tests.conftest import access_of, make_library
from tests.exhibitions.test_exhibitions import make_exhibition

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
INDEX = reverse("exhibition_hosting:index")
CREATE = reverse("exhibition_hosting:create")


def days(n):
    return TODAY + datetime.timedelta(days=n)


def detail(hosting_request):
    return reverse("exhibition_hosting:detail", args=[hosting_request.pk])


@pytest.fixture
def exhibition(library_a):
    return make_exhibition(library_a, days(-10), days(200), available_to_tour=True)


@pytest.fixture
def library_c(members_index):
    return make_library(members_index, title="桂林图书馆", slug="guilin", city="桂林")


@pytest.fixture
def moderator_c(library_c):
    return factories.UserFactory(username="moderator-c", groups=[access_of(library_c).moderators])


def ask(client, user, exhibition, host, start, end, message="我们想在一楼展厅展出。"):
    client.force_login(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            CREATE,
            {
                "exhibition": exhibition.pk,
                "host": host.pk,
                "starts_on": start.isoformat(),
                "ends_on": end.isoformat(),
                "message": message,
            },
        )


def refused(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def answer(client, user, hosting_request, action, response=""):
    client.force_login(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(detail(hosting_request), {"action": action, "response": response})


def test_moderator_asks_and_the_owners_moderators_are_emailed(
    client, exhibition, library_b, moderator_a, moderator_b
):
    response = ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    hosting_request = HostingRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(hosting_request)
    assert hosting_request.status == HostingStatus.PENDING
    assert hosting_request.requested_by == moderator_b
    assert [message.to for message in mail.outbox] == [[moderator_a.email]]
    assert "柳州市图书馆" in mail.outbox[0].subject
    assert "我们想在一楼展厅展出。" in mail.outbox[0].body
    assert detail(hosting_request) in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(action="exhibitions.hosting.request").count() == 1

    client.force_login(moderator_a)
    page = client.get(INDEX).content.decode()
    assert exhibition.title in page and "柳州市图书馆" in page


def test_accepting_adds_a_published_tour_stop_and_tells_the_requester(
    client, exhibition, library_b, moderator_a, moderator_b
):
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    hosting_request = HostingRequest.objects.get()
    mail.outbox.clear()

    response = answer(client, moderator_a, hosting_request, "accept", "欢迎！请联系展览部。")
    assert response.status_code == 302
    hosting_request.refresh_from_db()
    assert hosting_request.status == HostingStatus.ACCEPTED
    assert hosting_request.decided_by == moderator_a
    live = ExhibitionPage.objects.get(pk=exhibition.pk)
    assert [(s.host_id, s.starts_on, s.ends_on) for s in live.tour_stops.all()] == [
        (library_b.pk, days(30), days(60))
    ]
    assert not live.has_unpublished_changes
    assert [message.to for message in mail.outbox] == [[moderator_b.email]]
    assert "欢迎！请联系展览部。" in mail.outbox[0].body
    # The public exhibition page shows the stop.
    assert "柳州市图书馆" in client.get(exhibition.url).content.decode()


def test_declining_adds_no_stop(client, exhibition, library_b, moderator_a, moderator_b):
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    hosting_request = HostingRequest.objects.get()
    mail.outbox.clear()
    answer(client, moderator_a, hosting_request, "decline", "那段时间展品在维护。")
    hosting_request.refresh_from_db()
    assert hosting_request.status == HostingStatus.DECLINED
    assert TourStop.objects.count() == 0
    assert [message.to for message in mail.outbox] == [[moderator_b.email]]
    assert "那段时间展品在维护。" in mail.outbox[0].body
    # Answered once: a second answer is refused with a message, nothing changes.
    response = answer(client, moderator_a, hosting_request, "accept")
    assert response.status_code == 302
    assert "该申请已答复或已撤回。" in client.get(response["Location"]).content.decode()
    assert TourStop.objects.count() == 0


def test_requester_cannot_answer_its_own_request_but_may_withdraw(
    client, exhibition, library_b, moderator_a, moderator_b
):
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    hosting_request = HostingRequest.objects.get()
    assert refused(answer(client, moderator_b, hosting_request, "accept"))
    assert TourStop.objects.count() == 0
    mail.outbox.clear()
    answer(client, moderator_b, hosting_request, "withdraw")
    hosting_request.refresh_from_db()
    assert hosting_request.status == HostingStatus.WITHDRAWN
    assert [message.to for message in mail.outbox] == [[moderator_a.email]]
    # The owner can no longer accept it.
    answer(client, moderator_a, hosting_request, "accept")
    assert TourStop.objects.count() == 0


def test_each_library_sees_only_the_requests_it_made_or_received(
    client, exhibition, library_b, moderator_b, moderator_c, editor_a, superuser
):
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    hosting_request = HostingRequest.objects.get()
    client.force_login(moderator_c)
    assert exhibition.title not in client.get(INDEX).content.decode()
    # Someone else's request does not exist for them (the 404 is the language-prefixed one).
    assert client.get(detail(hosting_request), follow=True).status_code == 404
    assert answer(client, moderator_c, hosting_request, "accept").status_code in (302, 404)
    # Editors are not moderators: no hosting at all.
    client.force_login(editor_a)
    assert refused(client.get(INDEX))
    assert refused(client.get(detail(hosting_request)))
    # Alliance administrators see everything.
    client.force_login(superuser)
    assert client.get(detail(hosting_request)).status_code == 200
    hosting_request.refresh_from_db()
    assert hosting_request.status == HostingStatus.PENDING


def test_a_pending_request_says_once_who_is_to_answer(
    client, exhibition, library_b, moderator_a, moderator_b
):
    """The owner's list says 待本馆答复 (its answer is awaited) in place of the status, not
    beside it; the requester's list says 待答复."""
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))

    def row(user):
        client.force_login(user)
        html = client.get(INDEX).content.decode()
        listing = html[html.index('<table class="listing">') :]
        return listing[: listing.index("</table>")]

    received = row(moderator_a)
    assert received.count("待本馆答复") == 1 and "待答复" not in received
    made = row(moderator_b)
    assert made.count("待答复") == 1 and "待本馆答复" not in made


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        (40, 30, "截止日期不能早于起始日期。"),
        (-5, 30, "请选择今天或以后的日期。"),
        (20, 500, "展期最长为一年。"),
    ],
)
def test_bad_dates_are_refused_and_the_message_is_kept(
    client, exhibition, library_b, moderator_b, start, end, error
):
    response = ask(client, moderator_b, exhibition, library_b, days(start), days(end), "留言")
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "留言" in page
    assert HostingRequest.objects.count() == 0
    assert mail.outbox == []


def test_dates_overlapping_a_stop_are_refused(
    client, exhibition, library_b, library_c, moderator_b
):
    exhibition.tour_stops.add(TourStop(host=library_c, starts_on=days(50), ends_on=days(80)))
    exhibition.save_revision().publish()
    response = ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    assert response.status_code == 200
    assert "桂林图书馆" in response.content.decode()
    assert HostingRequest.objects.count() == 0


def test_only_other_libraries_touring_exhibitions_can_be_asked_for(
    client, exhibition, library_a, library_b, moderator_a, moderator_b
):
    own = ask(client, moderator_a, exhibition, library_a, days(30), days(60))
    assert own.status_code == 200
    not_touring = make_exhibition(library_a, days(0), days(90), slug="local-only")
    other = ask(client, moderator_b, not_touring, library_b, days(30), days(60))
    assert other.status_code == 200
    # A moderator can only ask for its own libraries.
    for_someone_else = ask(client, moderator_b, exhibition, library_a, days(30), days(60))
    assert for_someone_else.status_code == 200
    assert HostingRequest.objects.count() == 0


def test_accept_refuses_when_a_stop_was_added_since(
    client, exhibition, library_b, library_c, moderator_a, moderator_b
):
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    hosting_request = HostingRequest.objects.get()
    exhibition.tour_stops.add(TourStop(host=library_c, starts_on=days(55), ends_on=days(70)))
    exhibition.save_revision().publish()
    response = answer(client, moderator_a, hosting_request, "accept", "好的")
    assert response.status_code == 200
    page = response.content.decode()
    assert "桂林图书馆" in page
    assert "好的" in page  # the answer typed is kept
    hosting_request.refresh_from_db()
    assert hosting_request.status == HostingStatus.PENDING
    assert TourStop.objects.filter(host=library_b).count() == 0


def test_accepting_with_a_draft_in_progress_adds_the_stop_to_the_draft(
    client, exhibition, library_b, moderator_a, moderator_b
):
    draft = exhibition.get_latest_revision_as_object()
    draft.curator = "新策展人"
    draft.save_revision()
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    answer(client, moderator_a, HostingRequest.objects.get(), "accept")
    live = ExhibitionPage.objects.get(pk=exhibition.pk)
    assert live.tour_stops.count() == 0
    assert live.has_unpublished_changes
    latest = live.get_latest_revision_as_object()
    assert latest.curator == "新策展人"
    assert [stop.host_id for stop in latest.tour_stops.all()] == [library_b.pk]


def test_the_form_offers_the_moderators_library_and_the_chosen_exhibition(
    client, exhibition, library_b, moderator_b
):
    client.force_login(moderator_b)
    response = client.get(CREATE + f"?exhibition={exhibition.pk}")
    form = response.context["form"]
    assert list(form.fields["host"].queryset) == [library_b]
    assert form.initial["host"] == library_b.pk
    assert str(form["exhibition"].value()) == str(exhibition.pk)
    assert exhibition.title in response.content.decode()
