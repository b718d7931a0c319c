"""The Content-Security-Policy in a real browser: the public pages, an editor's view of
them (Wagtail's userbar), the login page and the admin's page editor with its live
preview load without a single violation."""

import pytest
from playwright.sync_api import expect

from tests.conftest import access_of, make_event
from tests.e2e.test_editorial_workflow import CHINESE, log_in, staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

VIDEO = "https://www.youtube.com/watch?v=reading01"
# Every violation, in any frame, as the page's own script would see it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


class Violations:
    """CSP violations a page reported: console messages and `securitypolicyviolation`
    events (the page's frames included)."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self.console.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def of(self, url):
        response = self.page.goto(url)
        assert response.ok, url
        self.page.wait_for_load_state("load")
        return self.now()

    def now(self):
        events = [
            event
            for frame in self.page.frames
            for event in frame.evaluate("window.__cspViolations || []")
        ]
        found, self.console = self.console + events, []
        return found


@pytest.fixture
def site(home, members_index, calendar, library_a):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from home.models import StandardPage

    event = make_event(library_a, title="周末亲子故事会", slug="story-time")
    Embed.objects.create(
        url=VIDEO,
        max_width=960,
        hash=get_embed_hash(VIDEO, 960),
        type="video",
        html='<iframe width="960" height="540" src="https://www.youtube.com/embed/reading01" '
        'title="读书" allowfullscreen></iframe>',
    )
    video = StandardPage(title="读书视频", slug="video", body=[("embed", VIDEO)])
    home.add_child(instance=video)
    video.save_revision().publish()
    return {"event": event, "video": video, "library": library_a}


def public_urls(site):
    return [
        "/zh-hans/",
        "/en/",
        site["event"].url,
        "/zh-hans/events/",
        "/zh-hans/events/month/",
        "/zh-hans/search/?q=故事",
        "/zh-hans/members/",
        site["library"].url,
        site["video"].url,
        "/zh-hans/accounts/login/",
        "/zh-hans/no-such-page/",
    ]


def test_public_pages_load_without_violations(live_server, site, new_context):
    _context, page = new_context()
    violations = Violations(page)
    for path in public_urls(site):
        response = page.goto(live_server.url + path)
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("load")
        assert violations.now() == [], path
    # The video's frame is allowed (no violation above); the test's network refuses it.
    expect(page.locator("iframe[src^='https://www.youtube.com/embed/']")).to_have_count(0)
    page.goto(live_server.url + site["video"].url)
    expect(page.locator("iframe[src^='https://www.youtube.com/embed/']")).to_have_count(1)
    assert violations.now() == []


def test_an_editor_sees_the_public_pages_and_edits_without_violations(
    live_server, site, new_context
):
    library = site["library"]
    staff("editor-a", access_of(library).editors)
    _context, page = new_context(**CHINESE)
    violations = Violations(page)
    log_in(page, live_server, "editor-a")
    assert violations.now() == []
    # The public pages with Wagtail's userbar (its scripts, styles and icons).
    for path in (site["event"].url, library.url):
        assert violations.of(live_server.url + path) == [], path
        expect(page.locator("wagtail-userbar")).to_have_count(1)
    # The page editor, and its live preview (a public page inside the admin).
    assert violations.of(f"{live_server.url}/admin/pages/{library.pk}/edit/") == []
    page.locator("button[data-side-panel-toggle='preview']").click()
    # Wagtail loads the preview in a second frame, then puts it in the first one's place.
    expect(page.locator("iframe.w-preview__proxy")).to_have_count(0)
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(library.title)
    assert violations.now() == []
