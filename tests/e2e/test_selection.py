"""The demonstration-project selection (示范项目评选) end to end in a real browser: an
alliance administrator opens a round through the Wagtail snippet form (categories,
windows, two weighted criteria and two judges added with the inline panels' "add"
buttons: one judge of library A, one of no library); the libraries' moderators nominate
their projects with a statement and a photo; the judges score (library A's judge sees A's
nomination but is offered no score form for it); the administrator ranks, chooses the
winners and publishes; an anonymous visitor then reads the winners on the public results
page.

The round's dates are moved on with the ORM between the phases, as the Django test
client's tests do. Elements are found by field names, button values and hrefs rather
than wording; where a text is checked, it is the zh-hans catalogue's translation of the
message (the English message while it has none).
"""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from PIL import Image as PILImage
from playwright.sync_api import expect

from tests import factories
from tests.conftest import access_of
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_editorial_workflow import PASSWORD, log_in, messages
from tests.volunteers.test_selection import make_project
from tests.volunteers.test_selection_screens import (
    move_to_deciding,
    move_to_scoring,
    results_index,
)
from volunteers.models import VolunteerCategory
from volunteers.selection import (
    Evidence,
    Nomination,
    Score,
    SelectionResultsPage,
    SelectionRound,
    judges_group,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CHINESE = {"locale": "zh-CN"}  # Accept-Language of a Guangxi browser
ADD_ROUND = "/admin/snippets/volunteers/selectionround/add/"
STATEMENT_A = "十年坚持为视障读者朗读，每周两次，已录制有声书三百余小时。"
STATEMENT_B = "志愿者为盲人读者录制地方文献有声书，覆盖全市十二个社区。"
STATEMENT_B2 = "线上线下结合，开展网络文明宣传进社区活动。"
CAPTION = "读书会现场"
# (criterion at 60 %, criterion at 40 %) per judge and project.
SCORES_JUDGE_A = {"b": (6, 5), "b2": (8, 8)}
SCORES_FREE = {"a": (9, 8), "b": (7, 6), "b2": (7, 9)}


def zh(message):
    """A string as the Chinese admin shows it (English while it is untranslated)."""
    with translation.override("zh-hans"):
        return gettext(message)


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def png(path):
    PILImage.new("RGB", (640, 480), (200, 80, 40)).save(path, "PNG")
    return path


def staff(username, *groups):
    return factories.UserFactory(username=username, password=PASSWORD, groups=list(groups))


def fill_date(field, value):
    """Type into a Wagtail date field and leave it, so its calendar pop-up closes and
    covers nothing that is clicked next."""
    field.fill(value)
    field.press("Escape")
    field.blur()


def open_round(page, live_server, library_a, year, screenshot):
    """The administrator opens the round from the selection's index, through the snippet
    add form, adding the second criterion and both judges with the inline panels'
    "add" buttons."""
    page.goto(live_server.url + "/admin/selection/")
    click_and_wait(page, page.locator(f"a[href='{ADD_ROUND}']").first)
    assert page.url == live_server.url + ADD_ROUND
    form = page.locator("form#w-editor-form")
    today = timezone.localdate()

    form.locator("input[name=year]").fill(str(year))
    form.locator("input[name=title]").fill(f"{year}年度志愿服务示范项目评选")
    form.locator(f"input[name=categories][value={VolunteerCategory.DISABILITY}]").check()
    form.locator(f"input[name=categories][value={VolunteerCategory.CULTURE}]").check()
    for name, days in (
        ("nominations_open", 0),
        ("nominations_close", 10),
        ("scoring_open", 11),
        ("scoring_close", 20),
    ):
        fill_date(
            form.locator(f"input[name={name}]"), (today + datetime.timedelta(days=days)).isoformat()
        )

    # The criteria panel starts with one row (min_num=1); the second comes from "add".
    expect(form.locator("input[name='criteria-1-name']")).to_have_count(0)
    form.locator("input[name='criteria-0-name']").fill("社会影响")
    form.locator("input[name='criteria-0-weight']").fill("60")
    form.locator("#id_criteria-ADD").click()
    expect(form.locator("input[name='criteria-1-name']")).to_be_visible()
    form.locator("input[name='criteria-1-name']").fill("创新性")
    form.locator("input[name='criteria-1-weight']").fill("40")
    form.locator("textarea[name='criteria-1-description']").fill("做法新颖，可推广。")
    expect(form.locator("input[name='criteria-TOTAL_FORMS']")).to_have_value("2")

    # Judges: none to begin with; one belongs to library A, the other to no library.
    expect(form.locator("select[name='judges-0-user']")).to_have_count(0)
    form.locator("#id_judges-ADD").click()
    expect(form.locator("select[name='judges-0-user']")).to_be_visible()
    form.locator("select[name='judges-0-user']").select_option(label="judge-a")
    form.locator("select[name='judges-0-library_key']").select_option(label=library_a.title)
    form.locator("#id_judges-ADD").click()
    expect(form.locator("select[name='judges-1-user']")).to_be_visible()
    form.locator("select[name='judges-1-user']").select_option(label="judge-free")
    expect(form.locator("select[name='judges-1-library_key']")).to_have_value("")
    expect(form.locator("input[name='judges-TOTAL_FORMS']")).to_have_value("2")
    screenshot(page, "selection-01-open-round")

    click_and_wait(page, page.locator("button.action-save"))
    expect(messages(page, "success")).to_be_visible()
    expect(page.locator(".w-field__errors .error-message")).to_have_count(0)


def nominate_in_browser(page, live_server, selection_round, project, statement, evidence=None):
    """A moderator's nomination through the round's nominations screen (multipart)."""
    url = f"{live_server.url}/admin/selection/{selection_round.pk}/nominations/"
    if page.url != url:
        page.goto(live_server.url + "/admin/selection/")
        click_and_wait(
            page, page.locator(f"a[href='/admin/selection/{selection_round.pk}/nominations/']")
        )
    assert page.url == url
    form = page.locator("form.selection-form")
    form.locator("select[name=nomination-project]").select_option(value=str(project.pk))
    form.locator("textarea[name=nomination-statement]").fill(statement)
    if evidence:
        path, caption = evidence
        form.locator("input[name=evidence-0-file]").set_input_files(path)
        form.locator("input[name=evidence-0-caption]").fill(caption)
    click_and_wait(page, form.locator("button[type=submit]"))
    assert page.url == url, "not sent back to the nominations screen"
    success = messages(page, "success")
    expect(success).to_be_visible()
    expect(success).to_contain_text(project.title)
    nomination = Nomination.objects.get(round=selection_round, project=project)
    expect(page.locator(f"a[href='/admin/selection/nominations/{nomination.pk}/']")).to_have_text(
        project.title
    )
    return nomination


def score_in_browser(page, live_server, selection_round, nomination, values, comment=""):
    """A judge opens a nomination from the judging list and scores every criterion."""
    judging = f"{live_server.url}/admin/selection/{selection_round.pk}/judging/"
    if page.url != judging:
        page.goto(judging)
    click_and_wait(page, page.locator(f"a[href='/admin/selection/nominations/{nomination.pk}/']"))
    form = page.locator("form.selection-scores")
    for criterion, value in zip(selection_round.criteria.all(), values, strict=True):
        form.locator(f"input[name=score-c{criterion.pk}]").fill(str(value))
    form.locator("textarea[name=score-comment]").fill(comment)
    click_and_wait(page, form.locator("button[name=action][value=score]"))
    assert page.url == judging, "not sent back to the judging list"
    expect(messages(page, "success")).to_contain_text(zh("Your scores are saved."))


def numbers(cells):
    """The number each cell shows (a result, however many decimals it is given)."""
    values = []
    for text in cells.all_inner_texts():
        match = re.search(r"\d+(?:\.\d+)?", text)
        assert match, text
        values.append(float(match.group(0)))
    return values


def judging_row(page, nomination):
    return page.locator(
        "table.listing tbody tr",
        has=page.locator(f"a[href='/admin/selection/nominations/{nomination.pk}/']"),
    )


def test_a_round_from_opening_to_published_results(
    live_server,
    home,
    library_a,
    library_b,
    new_context,
    screenshot,
    request_log,
    tmp_path,
    blocked_requests,
):
    year = timezone.localdate().year
    results_index(home)  # the results page goes under the volunteer index
    projects = {
        "a": make_project(library_a, "阳光助残读书会"),
        "b": make_project(library_b, "盲人有声书录制"),
        "b2": make_project(library_b, "网络文明宣传", VolunteerCategory.CULTURE),
    }
    factories.UserFactory(username="admin", password=PASSWORD, is_superuser=True, is_staff=True)
    staff("moderator-a", access_of(library_a).moderators)
    staff("moderator-b", access_of(library_b).moderators)
    # Outside experts, added to the judges' group so that they can be chosen as judges.
    judge_a = staff("judge-a", judges_group())
    judge_free = staff("judge-free", judges_group())

    # 1. The administrator opens the round through the snippet form.
    _admin_context, admin = new_context(**CHINESE)
    log_in(admin, live_server, "admin")
    open_round(admin, live_server, library_a, year, screenshot)
    selection_round = SelectionRound.objects.get(year=year)
    assert selection_round.categories == [VolunteerCategory.DISABILITY, VolunteerCategory.CULTURE]
    assert selection_round.phase() == "nominating"
    assert [(c.name, c.weight) for c in selection_round.criteria.all()] == [
        ("社会影响", 60),
        ("创新性", 40),
    ]
    judges = {judge.user_id: judge for judge in selection_round.judges.all()}
    assert set(judges) == {judge_a.pk, judge_free.pk}
    assert judges[judge_a.pk].library_key == library_a.translation_key
    assert judges[judge_free.pk].library_key is None

    # 2. Library A's moderator nominates A's project with a photo.
    _moderator_a_context, moderator_a = new_context(**CHINESE)
    log_in(moderator_a, live_server, "moderator-a")
    nominations = {
        "a": nominate_in_browser(
            moderator_a,
            live_server,
            selection_round,
            projects["a"],
            STATEMENT_A,
            evidence=(png(tmp_path / "reading-club.png"), CAPTION),
        )
    }
    row = moderator_a.locator("table.listing tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(2)).to_have_text("1")  # one piece of evidence
    # B's projects are not offered to A's moderator; A's is nominated already.
    expect(moderator_a.locator("select[name=nomination-project]")).to_have_count(0)
    screenshot(moderator_a, "selection-02-nominated-a", full_page=False)
    evidence = Evidence.objects.select_related("image").get(nomination=nominations["a"])
    assert evidence.caption == CAPTION
    assert evidence.image.width == 640
    assert evidence.image.collection == access_of(library_a).collection
    assert nominations["a"].statement == STATEMENT_A

    # Library B's moderator nominates both of B's projects.
    _moderator_b_context, moderator_b = new_context(**CHINESE)
    log_in(moderator_b, live_server, "moderator-b")
    for key, statement in (("b", STATEMENT_B), ("b2", STATEMENT_B2)):
        nominations[key] = nominate_in_browser(
            moderator_b, live_server, selection_round, projects[key], statement
        )
    expect(moderator_b.locator("table.listing tbody tr")).to_have_count(2)
    assert Nomination.objects.filter(round=selection_round).count() == 3

    # 3. Nominations close, the judges score.
    move_to_scoring(selection_round)

    # 4. Library A's judge sees every nomination, A's marked as their own library's…
    _judge_a_context, judge_page = new_context(**CHINESE)
    log_in(judge_page, live_server, "judge-a")
    judge_page.goto(live_server.url + "/admin/selection/")
    judging_url = f"/admin/selection/{selection_round.pk}/judging/"
    click_and_wait(judge_page, judge_page.locator(f"a[href='{judging_url}']"))
    assert judge_page.url == live_server.url + judging_url
    expect(judge_page.locator("table.listing tbody tr")).to_have_count(3)
    own = zh("Your own library: not scored by you")
    expect(judging_row(judge_page, nominations["a"]).locator("td").last).to_have_text(own)
    for key in ("b", "b2"):
        expect(judging_row(judge_page, nominations[key]).locator("td").last).to_have_text(
            zh("To score")
        )
    screenshot(judge_page, "selection-03-judging-list", full_page=False)

    # …and A's nomination page offers no score form, only the statement and the photo.
    click_and_wait(
        judge_page,
        judge_page.locator(f"a[href='/admin/selection/nominations/{nominations['a'].pk}/']"),
    )
    expect(judge_page.locator(".selection-statement")).to_contain_text(STATEMENT_A)
    expect(judge_page.locator(".selection-evidence-list li")).to_contain_text(CAPTION)
    expect(judge_page.locator(".help-block.help-warning")).to_have_text(
        zh("This is your own library's nomination: you do not score it.")
    )
    expect(judge_page.locator("form.selection-scores")).to_have_count(0)
    expect(judge_page.locator("button[name=action][value=score]")).to_have_count(0)

    # The judge scores B's two nominations.
    for key, values in SCORES_JUDGE_A.items():
        score_in_browser(
            judge_page, live_server, selection_round, nominations[key], values, "很有特色"
        )
        expect(judging_row(judge_page, nominations[key]).locator("td").last).to_have_text(
            zh("Scored")
        )
    assert not Score.objects.filter(nomination=nominations["a"]).exists()
    assert Score.objects.filter(judge__user=judge_a).count() == 4
    assert set(
        Score.objects.filter(judge__user=judge_a, nomination=nominations["b"]).values_list(
            "value", "comment"
        )
    ) == {(6, "很有特色"), (5, "很有特色")}

    # 5. The free judge scores all three.
    _free_context, free_page = new_context(**CHINESE)
    log_in(free_page, live_server, "judge-free")
    free_page.goto(live_server.url + judging_url)
    for key, values in SCORES_FREE.items():
        expect(judging_row(free_page, nominations[key]).locator("td").last).to_have_text(
            zh("To score")
        )
        score_in_browser(free_page, live_server, selection_round, nominations[key], values)
    for key in SCORES_FREE:
        expect(judging_row(free_page, nominations[key]).locator("td").last).to_have_text(
            zh("Scored")
        )
    assert Score.objects.filter(judge__user=judge_free).count() == 6

    # 6. Scoring closes; the administrator ranks, chooses the winners and publishes.
    move_to_deciding(selection_round)
    results_url = f"{live_server.url}/admin/selection/{selection_round.pk}/results/"
    admin.goto(live_server.url + "/admin/selection/")
    click_and_wait(
        admin, admin.locator(f"a[href='/admin/selection/{selection_round.pk}/results/']")
    )
    assert admin.url == results_url
    tables = admin.locator("form.selection-results table.listing")
    expect(tables).to_have_count(2)  # one per category, in the round's order
    disability, culture = tables.nth(0), tables.nth(1)
    # Weighted: A 9×.6+8×.4 = 8.6 (one judge); B (6×.6+5×.4 + 7×.6+6×.4)/2 = 6.1;
    # B2 (8×.6+8×.4 + 7×.6+9×.4)/2 = 7.9.
    expect(disability.locator("tbody tr td:nth-child(2)")).to_have_text(
        [projects["a"].title, projects["b"].title]
    )
    assert numbers(disability.locator("tbody tr td:nth-child(4)")) == pytest.approx([8.6, 6.1])
    expect(disability.locator("tbody tr td:nth-child(5)")).to_have_text(["1", "2"])
    expect(culture.locator("tbody tr td:nth-child(2)")).to_have_text([projects["b2"].title])
    assert numbers(culture.locator("tbody tr td:nth-child(4)")) == pytest.approx([7.9])

    for key in ("a", "b2"):
        admin.locator(f"input[name=winner][value='{nominations[key].pk}']").check()
    click_and_wait(admin, admin.locator("button[name=action][value=winners]"))
    expect(messages(admin, "success")).to_be_visible()
    expect(admin.locator(f"input[name=winner][value='{nominations['a'].pk}']")).to_be_checked()
    expect(admin.locator(f"input[name=winner][value='{nominations['b'].pk}']")).not_to_be_checked()
    assert set(Nomination.objects.filter(winner=True)) == {nominations["a"], nominations["b2"]}

    click_and_wait(admin, admin.locator("button[name=action][value=publish]"))
    assert admin.url == results_url
    expect(messages(admin, "success")).to_be_visible()
    expect(messages(admin, "error")).to_have_count(0)
    selection_round.refresh_from_db()
    assert selection_round.published_at is not None
    results_page = SelectionResultsPage.objects.get(round=selection_round)
    assert results_page.live and results_page.slug == f"selection-{year}"
    # Published: the winners can no longer change.
    expect(admin.locator("input[name=winner]:not([disabled])")).to_have_count(0)
    expect(admin.locator(f"a[href='{results_page.url}']")).to_have_count(1)
    admin.set_viewport_size(DESKTOP)
    screenshot(admin, "selection-04-admin-results-desktop")
    admin.set_viewport_size(PHONE)
    screenshot(admin, "selection-05-admin-results-phone")

    # 7. An anonymous visitor (a fresh browser) reads the winners.
    winners = [projects["a"].title, projects["b2"].title]
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        _visitor_context, visitor = new_context(viewport=viewport, **CHINESE)
        log = request_log(visitor)
        visitor.goto(live_server.url + results_page.url)
        expect(visitor.get_by_role("heading", level=1)).to_have_text(selection_round.title)
        expect(visitor.locator(".selection-winner h3")).to_have_text(winners)
        expect(visitor.locator(".selection-category h2")).to_have_text(
            [str(VolunteerCategory.DISABILITY.label), str(VolunteerCategory.CULTURE.label)]
        )
        assert numbers(visitor.locator(".selection-winner .tag")) == pytest.approx([8.6, 7.9])
        # Neither the losing nomination, nor the statements, nor the judges' comments.
        main = visitor.locator("main")
        expect(main).not_to_contain_text(projects["b"].title)
        expect(main).not_to_contain_text(STATEMENT_A)
        expect(main).not_to_contain_text("很有特色")
        visitor.wait_for_load_state("load")
        screenshot(visitor, f"selection-06-public-results-{name}")
        log.assert_clean()
    assert blocked_requests == []
