"""The demonstration-project selection's rules: moderators nominate their own library's
projects once per round; judges see their round only and never score their own library;
rankings are weighted averages; everything is in the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests import factories
from volunteers.models import VolunteerCategory, VolunteerProjectPage
from volunteers.selection import (
    Criterion,
    Judge,
    Nomination,
    SelectionRound,
    judges_group,
    nominate,
    nominations_for_judge,
    ranking,
    score,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today


def make_round(year, nominating=True, categories=None):
    today = timezone.localdate()
    if nominating:
        dates = (today - datetime.timedelta(days=1), today + datetime.timedelta(days=5))
        scoring = (today + datetime.timedelta(days=6), today + datetime.timedelta(days=20))
    else:
        dates = (today - datetime.timedelta(days=20), today - datetime.timedelta(days=10))
        scoring = (today - datetime.timedelta(days=5), today + datetime.timedelta(days=5))
    selection_round = SelectionRound.objects.create(
        year=year,
        title=f"{year}年度志愿服务示范项目评选",
        categories=categories or [VolunteerCategory.DISABILITY, VolunteerCategory.CULTURE],
        nominations_open=dates[0],
        nominations_close=dates[1],
        scoring_open=scoring[0],
        scoring_close=scoring[1],
    )
    Criterion.objects.create(round=selection_round, name="社会影响", weight=60)
    Criterion.objects.create(round=selection_round, name="创新性", weight=40)
    return selection_round


def make_project(library, title, category=VolunteerCategory.DISABILITY):
    project = VolunteerProjectPage(
        title=title, slug=f"p-{abs(hash(title)) % 10**8}", category=category, introduction="项目。"
    )
    library.add_child(instance=project)
    project.save_revision().publish()
    return project


def test_a_moderator_nominates_their_own_project_once(moderator_a, projects):
    selection_round = make_round(2026)
    nomination = nominate(moderator_a, selection_round, projects["a"], "十年坚持服务视障读者。")
    assert nomination.library_key == projects["a"].library.translation_key
    assert nomination.category == VolunteerCategory.DISABILITY
    with pytest.raises(ValidationError):
        nominate(moderator_a, selection_round, projects["a"], "再次提名")
    assert ModelLogEntry.objects.filter(action="volunteers.selection.nominate").count() == 1


def test_nobody_nominates_another_librarys_project(moderator_a, editor_b, projects):
    selection_round = make_round(2026)
    with pytest.raises(PermissionDenied):
        nominate(moderator_a, selection_round, projects["b"], "不是本馆的项目")
    with pytest.raises(PermissionDenied):
        nominate(editor_b, selection_round, projects["b"], "编辑不能提名")
    assert not Nomination.objects.exists()


def test_nominations_need_an_open_window_a_statement_and_a_round_category(moderator_b, projects):
    closed = make_round(2025, nominating=False)
    with pytest.raises(ValidationError):
        nominate(moderator_b, closed, projects["b"], "窗口已关闭")
    open_round = make_round(2026, categories=[VolunteerCategory.CULTURE])
    with pytest.raises(ValidationError):
        nominate(moderator_b, open_round, projects["b"], "类别不在本轮")
    with pytest.raises(ValidationError):
        nominate(moderator_b, open_round, projects["b2"], "   ")
    assert nominate(moderator_b, open_round, projects["b2"], "线上线下结合。")


def test_round_dates_must_follow_each_other():
    selection_round = SelectionRound(
        year=2027,
        title="x",
        categories=["nope"],
        nominations_open=TODAY(),
        nominations_close=TODAY() - datetime.timedelta(days=1),
        scoring_open=TODAY() - datetime.timedelta(days=2),
        scoring_close=TODAY() - datetime.timedelta(days=3),
    )
    with pytest.raises(ValidationError) as error:
        selection_round.full_clean()
    assert set(error.value.message_dict) >= {
        "categories",
        "nominations_close",
        "scoring_open",
        "scoring_close",
    }


@pytest.fixture
def scoring_round(moderator_a, moderator_b, projects, library_a):
    selection_round = make_round(2026)
    nominations = {
        key: nominate(user, selection_round, projects[key], "理由")
        for key, user in (("a", moderator_a), ("b", moderator_b))
    }
    # Scoring opens after nominations close: move the windows on.
    today = timezone.localdate()
    SelectionRound.objects.filter(pk=selection_round.pk).update(
        nominations_close=today - datetime.timedelta(days=1),
        scoring_open=today,
        scoring_close=today + datetime.timedelta(days=3),
        nominations_open=today - datetime.timedelta(days=5),
    )
    selection_round.refresh_from_db()
    judge_a = factories.UserFactory(username="judge-a")
    judge_free = factories.UserFactory(username="judge-free")
    Judge.objects.create(round=selection_round, user=judge_a, library_key=library_a.translation_key)
    Judge.objects.create(round=selection_round, user=judge_free)
    return selection_round, nominations, judge_a, judge_free


def test_a_judge_cannot_score_their_own_librarys_nomination(scoring_round):
    selection_round, nominations, judge_a, _free = scoring_round
    criteria = {c.pk: 8 for c in selection_round.criteria.all()}
    with pytest.raises(PermissionDenied):
        score(judge_a, nominations["a"], criteria)
    score(judge_a, nominations["b"], criteria, "很好")
    assert nominations["b"].scores.count() == 2
    assert not nominations["a"].scores.exists()


def test_a_judge_sees_only_their_rounds_nominations(scoring_round, projects, moderator_b):
    selection_round, nominations, judge_a, _free = scoring_round
    other = make_round(2027)
    nominate(moderator_b, other, projects["b"], "另一轮")
    assert set(nominations_for_judge(judge_a, selection_round)) == set(nominations.values())
    with pytest.raises(PermissionDenied):
        nominations_for_judge(judge_a, other)
    with pytest.raises(PermissionDenied):
        score(judge_a, other.nominations.get(), {c.pk: 5 for c in other.criteria.all()})


def test_scores_are_checked(scoring_round):
    selection_round, nominations, _a, judge = scoring_round
    first, second = selection_round.criteria.all()
    for values in ({first.pk: 5}, {first.pk: 11, second.pk: 5}, {first.pk: -1, second.pk: 5}):
        with pytest.raises(ValidationError):
            score(judge, nominations["a"], values)
    assert not nominations["a"].scores.exists()


def test_ranking_is_the_weighted_average_over_judges(scoring_round):
    selection_round, nominations, judge_a, judge = scoring_round
    first, second = selection_round.criteria.all()  # 60 % and 40 %
    score(judge, nominations["a"], {first.pk: 10, second.pk: 5})  # 8.0
    score(judge, nominations["b"], {first.pk: 6, second.pk: 6})  # 6.0
    score(judge_a, nominations["b"], {first.pk: 10, second.pk: 10})  # 10.0 → b: 8.0 average
    ranked = ranking(selection_round)
    results = {n.pk: (n.result, n.judges_count) for n in ranked}
    assert results[nominations["a"].pk] == (pytest.approx(8), 1)
    assert results[nominations["b"].pk] == (pytest.approx(8), 2)
    # A judge changing a score replaces it.
    score(judge, nominations["a"], {first.pk: 10, second.pk: 10})
    assert ranking(selection_round)[0].pk == nominations["a"].pk
    assert ModelLogEntry.objects.filter(action="volunteers.selection.score").count() == 4


def test_no_scoring_after_publication(scoring_round):
    selection_round, nominations, _a, judge = scoring_round
    selection_round.published_at = timezone.now()
    selection_round.save()
    with pytest.raises(ValidationError):
        score(judge, nominations["a"], {c.pk: 5 for c in selection_round.criteria.all()})


def test_a_deleted_project_leaves_its_nomination(scoring_round, projects):
    _round, nominations, _a, _judge = scoring_round
    VolunteerProjectPage.objects.get(pk=projects["a"].pk).delete()
    nomination = Nomination.objects.get(pk=nominations["a"].pk)
    assert nomination.project is None
    assert nomination.title == "阳光助残读书会"


# Administrators open rounds in the admin --------------------------------------------------

ROUNDS_URL = "/admin/snippets/volunteers/selectionround/"


def round_form(**overrides):
    today = timezone.localdate()
    data = {
        "year": "2030",
        "winners_per_category": "2",
        "title": "2030年度志愿服务示范项目评选",
        "categories": ["disability", "culture"],
        "nominations_open": today.isoformat(),
        "nominations_close": (today + datetime.timedelta(days=10)).isoformat(),
        "scoring_open": (today + datetime.timedelta(days=11)).isoformat(),
        "scoring_close": (today + datetime.timedelta(days=20)).isoformat(),
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name": "社会影响",
        "criteria-0-weight": "60",
        "criteria-0-description": "",
        "criteria-0-ORDER": "1",
        "criteria-1-name": "创新性",
        "criteria-1-weight": "40",
        "criteria-1-description": "",
        "criteria-1-ORDER": "2",
        "judges-TOTAL_FORMS": "0",
        "judges-INITIAL_FORMS": "0",
        "judges-MIN_NUM_FORMS": "0",
        "judges-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_an_administrator_opens_a_round_with_criteria_and_a_judge(client, superuser, library_a):
    # An outside expert, added to the judges' group beforehand.
    judge = factories.UserFactory(username="judge-x", groups=[judges_group()])
    client.force_login(superuser)
    assert client.get(ROUNDS_URL + "add/").status_code == 200
    data = round_form(
        **{
            "judges-TOTAL_FORMS": "1",
            "judges-0-user": str(judge.pk),
            "judges-0-library_key": str(library_a.translation_key),
        }
    )
    response = client.post(ROUNDS_URL + "add/", data)
    assert response.status_code == 302, response.context["form"].errors
    selection_round = SelectionRound.objects.get(year=2030)
    assert selection_round.categories == ["disability", "culture"]
    assert [c.weight for c in selection_round.criteria.all()] == [60, 40]
    assert selection_round.judges.get().library_key == library_a.translation_key
    # A judge who is nobody's staff is let into the admin to score.
    client.force_login(judge)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/selection/").status_code == 200


def test_only_people_who_use_the_admin_can_be_judges(client, superuser, moderator_a):
    reader = factories.UserFactory(username="reader-x")
    client.force_login(superuser)
    form = client.get(ROUNDS_URL + "add/").content.decode()
    assert "moderator-a" in form and "reader-x" not in form
    response = client.post(
        ROUNDS_URL + "add/",
        round_form(**{"judges-TOTAL_FORMS": "1", "judges-0-user": str(reader.pk)}),
    )
    assert response.status_code == 200
    assert not SelectionRound.objects.filter(year=2030).exists()
    assert "2030年度志愿服务示范项目评选" in response.content.decode()


def edit_form(selection_round, **overrides):
    criteria = list(selection_round.criteria.all())
    data = round_form(
        year=str(selection_round.year),
        title=selection_round.title,
        categories=selection_round.categories,
        nominations_open=selection_round.nominations_open.isoformat(),
        nominations_close=selection_round.nominations_close.isoformat(),
        scoring_open=selection_round.scoring_open.isoformat(),
        scoring_close=selection_round.scoring_close.isoformat(),
        winners_per_category=str(selection_round.winners_per_category),
        **{"criteria-INITIAL_FORMS": str(len(criteria))},
    )
    for n, criterion in enumerate(criteria):
        data.update(
            {
                f"criteria-{n}-id": str(criterion.pk),
                f"criteria-{n}-name": criterion.name,
                f"criteria-{n}-weight": str(criterion.weight),
                f"criteria-{n}-description": criterion.description,
                f"criteria-{n}-ORDER": str(n + 1),
            }
        )
    data.update(overrides)
    return data


def test_criteria_are_fixed_once_scoring_begins_and_a_published_round_is_final(
    client, superuser, scoring_round
):
    selection_round = scoring_round[0]
    client.force_login(superuser)
    url = f"{ROUNDS_URL}edit/{selection_round.pk}/"
    changed = client.post(
        url, edit_form(selection_round, **{"criteria-0-weight": "50", "criteria-1-weight": "50"})
    )
    assert changed.status_code == 200
    assert sorted(selection_round.criteria.values_list("weight", flat=True)) == [40, 60]
    # Other changes (a later close of scoring) are still allowed.
    later = (selection_round.scoring_close + datetime.timedelta(days=2)).isoformat()
    assert client.post(url, edit_form(selection_round, scoring_close=later)).status_code == 302
    selection_round.refresh_from_db()
    assert selection_round.scoring_close.isoformat() == later

    SelectionRound.objects.filter(pk=selection_round.pk).update(published_at=timezone.now())
    selection_round.refresh_from_db()
    refused = client.post(url, edit_form(selection_round, title="改名"))
    assert refused.status_code == 200
    selection_round.refresh_from_db()
    assert selection_round.title != "改名"


def test_weights_must_add_up_to_100_and_nothing_typed_is_lost(client, superuser):
    client.force_login(superuser)
    response = client.post(ROUNDS_URL + "add/", round_form(**{"criteria-1-weight": "30"}))
    assert response.status_code == 200
    assert not SelectionRound.objects.filter(year=2030).exists()
    text = response.content.decode()
    assert "90%" in text
    assert "2030年度志愿服务示范项目评选" in text and "创新性" in text


def test_library_staff_cannot_manage_rounds(client, moderator_a):
    client.force_login(moderator_a)
    response = client.get(ROUNDS_URL)
    assert response.status_code in (302, 403)
    assert client.post(ROUNDS_URL + "add/", round_form()).status_code in (302, 403)
    assert not SelectionRound.objects.exists()
