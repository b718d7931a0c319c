"""The selection's admin screens and its public results: moderators nominate with
evidence, judges score what their round holds and nothing of their own library,
administrators rank, choose winners and publish; scores stay private until then."""

import datetime
import io
import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import ModelLogEntry

from tests import factories
from tests.conftest import access_of, translate
from tests.volunteers.test_selection import make_project, make_round
from volunteers.models import VolunteerCategory, VolunteerIndexPage
from volunteers.selection import (
    JUDGES_GROUP,
    Judge,
    Nomination,
    Score,
    SelectionResultsPage,
    SelectionRound,
    nominate,
    score,
)

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def png(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 80, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="report.pdf"):
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n", "application/pdf"
    )


def nomination_data(project, statement="十年坚持服务视障读者。", **evidence):
    data = {
        "nomination-project": str(project.pk),
        "nomination-statement": statement,
        "evidence-TOTAL_FORMS": "3",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "3",
    }
    data.update(evidence)
    return data


def move_to_scoring(selection_round):
    today = timezone.localdate()
    SelectionRound.objects.filter(pk=selection_round.pk).update(
        nominations_open=today - datetime.timedelta(days=5),
        nominations_close=today - datetime.timedelta(days=1),
        scoring_open=today,
        scoring_close=today + datetime.timedelta(days=3),
    )
    selection_round.refresh_from_db()


def move_to_deciding(selection_round):
    today = timezone.localdate()
    SelectionRound.objects.filter(pk=selection_round.pk).update(
        nominations_open=today - datetime.timedelta(days=9),
        nominations_close=today - datetime.timedelta(days=6),
        scoring_open=today - datetime.timedelta(days=5),
        scoring_close=today - datetime.timedelta(days=1),
    )
    selection_round.refresh_from_db()


def test_a_moderator_nominates_with_evidence_kept_in_the_librarys_collection(
    client, moderator_a, projects, library_a
):
    selection_round = make_round(2026)
    client.force_login(moderator_a)
    assert client.get(ADMIN).status_code == 200
    index = client.get("/admin/selection/")
    assert index.status_code == 200
    assert f"/admin/selection/{selection_round.pk}/nominations/" in index.content.decode()
    page = client.get(f"/admin/selection/{selection_round.pk}/nominations/")
    html = page.content.decode()
    assert "阳光助残读书会" in html
    assert "盲人有声书录制" not in html  # another library's project is not offered

    response = client.post(
        f"/admin/selection/{selection_round.pk}/nominations/",
        nomination_data(
            projects["a"],
            **{
                "evidence-0-file": png(),
                "evidence-0-caption": "读书会现场",
                "evidence-1-file": pdf(),
            },
        ),
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get(round=selection_round)
    items = list(nomination.evidence.select_related("image", "document"))
    assert len(items) == 2
    collection = access_of(library_a).collection
    image = next(item.image for item in items if item.image)
    document = next(item.document for item in items if item.document)
    assert image.collection == collection and image.width == 40
    assert document.collection == collection and document.file_extension == "pdf"
    assert ModelLogEntry.objects.filter(action="volunteers.selection.nominate").count() == 1
    assert ModelLogEntry.objects.filter(action="volunteers.selection.evidence").count() == 2

    # The nominated project is no longer offered; the nomination is listed.
    again = client.get(f"/admin/selection/{selection_round.pk}/nominations/").content.decode()
    assert f"/admin/selection/nominations/{nomination.pk}/" in again
    assert f'value="{projects["a"].pk}"' not in again


def test_bad_nominations_are_refused_with_what_was_typed_kept(client, moderator_a, projects):
    selection_round = make_round(2026)
    client.force_login(moderator_a)
    url = f"/admin/selection/{selection_round.pk}/nominations/"
    response = client.post(
        url,
        nomination_data(
            projects["a"],
            statement="我们的理由很长。",
            **{
                "evidence-0-file": SimpleUploadedFile("tool.exe", b"MZ..."),
                "evidence-1-caption": "说明",
            },
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "我们的理由很长。" in html
    assert "tool.exe" in html  # the message names the refused file
    assert response.context["evidence"].forms[1].errors  # a caption without a file
    assert response.context["files_lost"]
    assert not Nomination.objects.exists()

    empty = client.post(url, nomination_data(projects["a"], statement="   "))
    assert empty.status_code == 200
    assert empty.context["form"].errors["statement"]
    broken_image = client.post(
        url,
        nomination_data(
            projects["a"], **{"evidence-0-file": SimpleUploadedFile("fake.png", b"not an image")}
        ),
    )
    assert broken_image.status_code == 200 and broken_image.context["evidence"].forms[0].errors
    assert not Nomination.objects.exists()


def test_another_librarys_moderator_and_editors_are_refused(
    client, moderator_a, moderator_b, editor_a, projects
):
    selection_round = make_round(2026)
    nomination = nominate(moderator_a, selection_round, projects["a"], "理由")
    client.force_login(moderator_b)
    assert client.get(f"/admin/selection/nominations/{nomination.pk}/").status_code == 302
    refused = client.post(
        f"/admin/selection/nominations/{nomination.pk}/",
        {"action": "withdraw"},
    )
    assert refused.status_code == 302 and Nomination.objects.filter(pk=nomination.pk).exists()
    # Library B's moderator cannot slip library A's project in.
    response = client.post(
        f"/admin/selection/{selection_round.pk}/nominations/", nomination_data(projects["a"])
    )
    assert response.status_code == 200 and response.context["form"].errors["project"]
    client.force_login(editor_a)
    assert client.get("/admin/selection/").status_code == 302
    assert "/admin/selection/" not in client.get(ADMIN).content.decode()


def test_the_moderator_edits_while_the_window_is_open_then_not(client, moderator_a, projects):
    selection_round = make_round(2026)
    nomination = nominate(moderator_a, selection_round, projects["a"], "初稿")
    client.force_login(moderator_a)
    url = f"/admin/selection/nominations/{nomination.pk}/"
    data = {
        "action": "edit",
        "nomination-statement": "修改后的理由",
        "evidence-TOTAL_FORMS": "3",
        "evidence-INITIAL_FORMS": "0",
        "evidence-0-file": png("after.png"),
    }
    assert client.post(url, data).status_code == 302
    nomination.refresh_from_db()
    assert nomination.statement == "修改后的理由" and nomination.evidence.count() == 1
    evidence = nomination.evidence.get()
    assert client.post(url, {"action": "remove", "evidence": "x"}).status_code != 500
    assert nomination.evidence.exists()
    assert client.post(url, {"action": "remove", "evidence": evidence.pk}).status_code == 302
    assert not nomination.evidence.exists()

    move_to_scoring(selection_round)
    data["nomination-statement"] = "窗口关闭后的修改"
    data.pop("evidence-0-file")
    response = client.post(url, data)
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.statement == "修改后的理由"
    assert "修改后的理由" in response.content.decode()


@pytest.fixture
def judged(moderator_a, moderator_b, projects, library_a):
    selection_round = make_round(2026)
    nominations = {
        "a": nominate(moderator_a, selection_round, projects["a"], "A馆理由"),
        "b": nominate(moderator_b, selection_round, projects["b"], "B馆理由"),
        "b2": nominate(moderator_b, selection_round, projects["b2"], "B馆第二个"),
    }
    move_to_scoring(selection_round)
    judge_a = factories.UserFactory(username="judge-a")
    judge_free = factories.UserFactory(username="judge-free")
    Judge.objects.create(round=selection_round, user=judge_a, library_key=library_a.translation_key)
    Judge.objects.create(round=selection_round, user=judge_free)
    return selection_round, nominations, judge_a, judge_free


def score_data(selection_round, values, comment=""):
    data = {"action": "score", "score-comment": comment}
    for criterion, value in zip(selection_round.criteria.all(), values, strict=True):
        data[f"score-c{criterion.pk}"] = str(value)
    return data


def test_judges_reach_the_admin_and_score_their_round_but_not_their_own_library(client, judged):
    selection_round, nominations, judge_a, _free = judged
    assert judge_a.groups.filter(name=JUDGES_GROUP).exists()
    client.force_login(judge_a)
    assert client.get(ADMIN).status_code == 200
    listing = client.get(f"/admin/selection/{selection_round.pk}/judging/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "阳光助残读书会" in html and "盲人有声书录制" in html
    assert listing.context["scorable"] == 2

    own = client.get(f"/admin/selection/nominations/{nominations['a'].pk}/")
    assert own.status_code == 200 and not own.context["can_score"]
    refused = client.post(
        f"/admin/selection/nominations/{nominations['a'].pk}/",
        score_data(selection_round, [9, 9]),
    )
    assert refused.status_code == 302
    assert not Score.objects.filter(nomination=nominations["a"]).exists()

    url = f"/admin/selection/nominations/{nominations['b'].pk}/"
    bad = client.post(url, score_data(selection_round, [11, "x"], "很有特色"))
    assert bad.status_code == 200
    assert "很有特色" in bad.content.decode() and bad.context["score_form"].errors
    assert not Score.objects.exists()
    assert client.post(url, score_data(selection_round, [8, 7], "很有特色")).status_code == 302
    assert Score.objects.filter(nomination=nominations["b"], judge__user=judge_a).count() == 2
    assert client.get(f"/admin/selection/{selection_round.pk}/judging/").context["done"] == 1


def test_a_judge_sees_no_other_round_and_no_other_judges_scores(
    client, judged, moderator_b, projects
):
    selection_round, nominations, judge_a, judge_free = judged
    other = make_round(2027)
    elsewhere = nominate(moderator_b, other, projects["b"], "另一轮")
    score(
        judge_free, nominations["b"], {c.pk: 3 for c in selection_round.criteria.all()}, "秘密意见"
    )
    client.force_login(judge_a)
    assert client.get(f"/admin/selection/{other.pk}/judging/").status_code == 302
    assert client.get(f"/admin/selection/nominations/{elsewhere.pk}/").status_code == 302
    assert client.get(f"/admin/selection/{selection_round.pk}/results/").status_code == 302
    page = client.get(f"/admin/selection/nominations/{nominations['b'].pk}/").content.decode()
    assert "秘密意见" not in page
    # Nor do the moderators see the scores.
    client.force_login(moderator_b)
    page = client.get(f"/admin/selection/nominations/{nominations['b'].pk}/").content.decode()
    assert "秘密意见" not in page


def results_index(home):
    index = VolunteerIndexPage(title="志愿服务", slug="volunteers")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def test_administrators_rank_choose_winners_and_publish_in_every_translation(
    client, home, judged, superuser, projects
):
    selection_round, nominations, judge_a, judge_free = judged
    index = results_index(home)
    criteria = list(selection_round.criteria.all())  # 60 % and 40 %
    score(judge_free, nominations["a"], {criteria[0].pk: 9, criteria[1].pk: 9})
    score(judge_free, nominations["b"], {criteria[0].pk: 6, criteria[1].pk: 6})
    score(judge_a, nominations["b"], {criteria[0].pk: 8, criteria[1].pk: 8})
    score(judge_free, nominations["b2"], {criteria[0].pk: 10, criteria[1].pk: 5})
    client.force_login(superuser)
    url = f"/admin/selection/{selection_round.pk}/results/"

    # Not while judges are still scoring.
    client.post(url, {"action": "winners", "winner": [nominations["a"].pk]})
    assert not Nomination.objects.filter(winner=True).exists()
    move_to_deciding(selection_round)

    page = client.get(url)
    groups = dict(page.context["groups"])
    disability = groups[VolunteerCategory.DISABILITY.label]
    assert [n.pk for n in disability] == [nominations["a"].pk, nominations["b"].pk]
    assert [float(n.result) for n in disability] == [9.0, 7.0]
    assert client.get(f"/admin/selection/nominations/{nominations['b'].pk}/").context[
        "scores_table"
    ]

    # Publishing needs winners; too many in a category is refused.
    client.post(url, {"action": "publish"})
    assert not SelectionResultsPage.objects.exists()
    client.post(url, {"action": "winners", "winner": [nominations["a"].pk, nominations["b"].pk]})
    assert client.post(url, {"action": "winners", "winner": ["x", ""]}).status_code == 302
    assert not Nomination.objects.filter(winner=True).exists()
    client.post(url, {"action": "winners", "winner": [nominations["a"].pk, nominations["b2"].pk]})
    assert set(Nomination.objects.filter(winner=True)) == {nominations["a"], nominations["b2"]}

    # Before publication the results page (made by hand, translated) shows no winner.
    draft = SelectionResultsPage(
        title="2026年度示范项目", slug="selection-2026", round=selection_round
    )
    index.add_child(instance=draft)
    draft.save_revision().publish()
    translate(index, "en", title="Volunteering")
    english = translate(draft, "en", title="Demonstration projects 2026")
    translate(projects["a"], "en", title="Reading club for the blind")
    zh_url, en_url = draft.url, english.url
    assert "阳光助残读书会" not in client.get(zh_url).content.decode()
    SelectionResultsPage.objects.filter(pk=english.pk).update(live=False)

    assert client.post(url, {"action": "publish"}).status_code == 302
    selection_round.refresh_from_db()
    assert selection_round.published_at is not None
    client.logout()
    zh = client.get(zh_url).content.decode()
    assert "阳光助残读书会" in zh and "网络文明宣传" in zh and "盲人有声书录制" not in zh
    assert "9.00" in zh
    en = client.get(en_url)
    assert en.status_code == 200
    assert "Reading club for the blind" in en.content.decode()
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {
        "volunteers.selection.nominate",
        "volunteers.selection.score",
        "volunteers.selection.winners",
        "volunteers.selection.publish",
    } <= actions

    # Published: winners and scores are final.
    client.force_login(superuser)
    client.post(url, {"action": "winners", "winner": [nominations["b"].pk]})
    assert set(Nomination.objects.filter(winner=True)) == {nominations["a"], nominations["b2"]}
    client.force_login(judge_free)
    client.post(
        f"/admin/selection/nominations/{nominations['b'].pk}/", score_data(selection_round, [1, 1])
    )
    assert (
        Score.objects.get(
            nomination=nominations["b"], judge__user=judge_free, criterion=criteria[0]
        ).value
        == 6
    )


def test_publishing_creates_the_results_page_when_there_is_none(client, home, judged, superuser):
    selection_round, nominations, _a, judge_free = judged
    results_index(home)
    score(judge_free, nominations["a"], {c.pk: 8 for c in selection_round.criteria.all()})
    move_to_deciding(selection_round)
    client.force_login(superuser)
    url = f"/admin/selection/{selection_round.pk}/results/"
    client.post(url, {"action": "winners", "winner": [nominations["a"].pk]})
    client.post(url, {"action": "publish"})
    page = SelectionResultsPage.objects.get(round=selection_round)
    assert page.live and page.slug == "selection-2026"
    response = client.get(page.url)
    assert response.status_code == 200 and "阳光助残读书会" in response.content.decode()
    assert page.url in client.get(url).content.decode()


def test_the_selection_pages_run_the_same_queries_with_more_nominations(
    client, home, judged, superuser, library_a, library_b
):
    """The public results, the ranking and a judge's list: no query per nomination."""
    from tests.home.test_query_budget import count_queries

    selection_round, nominations, judge_a, judge_free = judged
    index = results_index(home)
    SelectionRound.objects.filter(pk=selection_round.pk).update(
        categories=list(VolunteerCategory.values), winners_per_category=3
    )
    selection_round.refresh_from_db()

    def add(count, start):
        for n in range(start, start + count):
            library = (library_a, library_b)[n % 2]
            category = VolunteerCategory.values[n % len(VolunteerCategory.values)]
            project = make_project(library, f"项目{n}", category)
            Nomination.objects.create(
                round=selection_round,
                project=project,
                title=project.title,
                library_key=library.translation_key,
                category=category,
                statement="理由",
                winner=True,
            )
        for nomination in Nomination.objects.filter(round=selection_round):
            for criterion in selection_round.criteria.all():
                Score.objects.get_or_create(
                    nomination=nomination,
                    judge=judge_free.judgeships.get(),
                    criterion=criterion,
                    defaults={"value": 7},
                )

    page = SelectionResultsPage(title="结果", slug="results", round=selection_round)
    index.add_child(instance=page)
    page.save_revision().publish()
    SelectionRound.objects.filter(pk=selection_round.pk).update(published_at=timezone.now())
    add(2, 0)
    judging = f"/admin/selection/{selection_round.pk}/judging/"
    ranking_url = f"/admin/selection/{selection_round.pk}/results/"

    def counts():
        client.logout()
        public = count_queries(client, page.url, cold=True)
        client.force_login(judge_free)
        judge = count_queries(client, judging)
        client.force_login(superuser)
        return public, judge, count_queries(client, ranking_url)

    small = counts()
    add(10, 2)
    assert Nomination.objects.filter(round=selection_round, winner=True).count() == 12
    assert counts() == small


def test_odd_ids_never_break_a_page(client, judged, superuser, moderator_a):
    selection_round, nominations, _a, _free = judged
    move_to_deciding(selection_round)
    client.force_login(superuser)
    url = f"/admin/selection/{selection_round.pk}/results/"
    for value in ("²", str(10**20), "-1", "1.5"):
        response = client.post(url, {"action": "winners", "winner": [value, nominations["a"].pk]})
        assert response.status_code in (200, 302), value
    assert set(Nomination.objects.filter(winner=True)) == {nominations["a"]}


def test_refused_winners_come_back_as_they_were_ticked(client, judged, superuser):
    selection_round, nominations, _a, _free = judged
    move_to_deciding(selection_round)
    client.force_login(superuser)
    url = f"/admin/selection/{selection_round.pk}/results/"
    response = client.post(
        url, {"action": "winners", "winner": [nominations["a"].pk, nominations["b"].pk]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("a", "b"):
        assert f'value="{nominations[key].pk}" id="winner-{nominations[key].pk}"' in html
    assert html.count(" checked") == 2
    assert not Nomination.objects.filter(winner=True).exists()


def test_a_judge_who_works_for_a_library_never_scores_it(client, judged, library_b):
    """Even when the judgeship names no library, the judge's own staff role counts."""
    selection_round, nominations, _a, _free = judged
    staff_judge = factories.UserFactory(
        username="judge-staff", groups=[access_of(library_b).editors]
    )
    Judge.objects.create(round=selection_round, user=staff_judge)
    client.force_login(staff_judge)
    listing = client.get(f"/admin/selection/{selection_round.pk}/judging/")
    assert listing.context["scorable"] == 1  # library A's only
    url = f"/admin/selection/nominations/{nominations['b'].pk}/"
    assert not client.get(url).context["can_score"]
    assert client.post(url, score_data(selection_round, [9, 9])).status_code == 302
    assert not Score.objects.filter(judge__user=staff_judge).exists()


def test_a_category_with_nominations_stays_in_the_round(client, judged, superuser):
    from tests.volunteers.test_selection import ROUNDS_URL, edit_form

    selection_round = judged[0]
    client.force_login(superuser)
    response = client.post(
        f"{ROUNDS_URL}edit/{selection_round.pk}/",
        edit_form(selection_round, categories=[VolunteerCategory.DISABILITY]),
    )
    assert response.status_code == 200
    selection_round.refresh_from_db()
    assert VolunteerCategory.CULTURE in selection_round.categories


def test_more_evidence_rows_than_offered_are_refused(client, moderator_a, projects):
    selection_round = make_round(2026)
    client.force_login(moderator_a)
    data = nomination_data(projects["a"], **{"evidence-TOTAL_FORMS": "5"})
    for n in range(5):
        data[f"evidence-{n}-file"] = png(f"p{n}.png")
    response = client.post(f"/admin/selection/{selection_round.pk}/nominations/", data)
    assert response.status_code == 200
    assert not Nomination.objects.exists()


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the race needs PostgreSQL (DATABASE_URL); SQLite serialises writers anyway",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_nominating_the_same_project_at_once(library_a, projects):
    from django.db import connection

    assert connection.vendor == "postgresql"
    selection_round = make_round(2026)
    moderators = [
        factories.UserFactory(username=f"mod{n}", groups=[access_of(library_a).moderators])
        for n in range(4)
    ]
    barrier = threading.Barrier(len(moderators))
    outcomes = []

    def race(user):
        from django.db import connections

        try:
            barrier.wait()
            nominate(user, selection_round, projects["a"], "同时申报")
            outcomes.append("nominated")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported below
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(user,)) for user in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["nominated", "refused", "refused", "refused"]
    assert Nomination.objects.filter(round=selection_round).count() == 1
