"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live server.

Every test here is marked ``e2e`` and skipped when /usr/bin/chromium is missing. The
modules use ``django_db(transaction=True, serialized_rollback=True)``: the live server
needs committed data, and the root page, root collection, locales and zh-hans home page
come from data migrations, which a transactional flush would otherwise wipe.

No browser is ever downloaded: Playwright launches the system Chromium, and the site
must not make a single request outside the live server.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DEFAULT_TIMEOUT_MS = 15_000
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark this folder's tests e2e, and skip them cleanly without Chromium."""
    skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM}")
    for item in items:
        if E2E_DIR not in Path(item.path).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if not CHROMIUM.exists():
            item.add_marker(skip)


@pytest.fixture(scope="package")
def playwright_instance(django_db_setup):
    """Playwright's sync API, started for this folder's tests only (package scope: the
    other tests, which pytest-django runs after these, see none of what follows).

    Playwright leaves an asyncio loop marked as running in the main thread, so:

    - Django would refuse ORM calls from the test code ("You cannot call this from an
      async context"): DJANGO_ALLOW_ASYNC_UNSAFE lifts that while the loop exists. It is
      removed afterwards: left set, it leaks into subprocesses such as the
      ``check --deploy`` test, which then warns about it.
    - Django keeps its database connections in an asgiref ``Local(thread_critical=True)``,
      which switches from thread-local to context-var storage while a loop is running:
      the test code would get fresh connection objects, without the serialized copy of
      the migration data (``_test_serialized_contents``) that ``serialized_rollback``
      reloads, and other than the in-memory SQLite connection shared with the live
      server. So the existing connection objects are put into that storage too.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    existing = {alias: connections[alias] for alias in connections}
    manager = sync_playwright().start()
    for alias, connection in existing.items():
        connections[alias] = connection
    yield manager
    manager.stop()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def blocked_requests():
    """URLs outside the live server that a page of this test tried to load (aborted)."""
    return []


@pytest.fixture
def new_context(browser, live_server, blocked_requests):
    """A factory of fresh browser contexts (own cookies, own viewport), all closed at the
    end of the test. ``new_context(viewport=PHONE)`` returns (context, page).

    Requests outside the live server are aborted at once (there is no internet here) and
    recorded in ``blocked_requests``."""
    origin = live_server.url.rstrip("/") + "/"
    contexts = []

    def route(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            blocked_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def make(viewport=DESKTOP, **kwargs):
        context = browser.new_context(viewport=viewport, **kwargs)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        context.route("**/*", route)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(DEFAULT_TIMEOUT_MS)
        return context, page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def browser_context(new_context):
    context, _page = new_context()
    return context


@pytest.fixture
def page(browser_context):
    return browser_context.pages[0]


@pytest.fixture
def screenshot():
    """screenshot(page, "home-zh-hans-phone") writes tests/e2e/screenshots/<name>.png.

    Chromium sometimes answers "Unable to capture screenshot" for a page whose window is
    in the background (several contexts are open) or when the machine is busy: bring the
    page to the front and try again."""
    from playwright.sync_api import Error

    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name, full_page=True):
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")
        path = SCREENSHOTS / f"{safe}.png"
        for attempt in range(3):
            page.bring_to_front()
            try:
                page.screenshot(path=str(path), full_page=full_page, animations="disabled")
            except Error:
                if attempt == 2:
                    raise
                page.wait_for_timeout(500)
            else:
                return path

    return take


def open_menu(page):
    """On a phone the header's search, account link, language switcher and menu are
    folded away behind the menu button: open them. Nothing to do on a desktop."""
    toggle = page.locator(".menu-toggle summary")
    if toggle.is_visible() and not page.locator(".menu-toggle").evaluate("el => el.open"):
        toggle.click()
        expect(page.locator("#site-menu")).to_be_visible()


class RequestLog:
    """Every request a page makes, and those that failed (network error or HTTP >= 400)."""

    def __init__(self, page, origin):
        self.origin = origin.rstrip("/") + "/"
        self.requests = []
        self.failures = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "requestfailed",
            lambda request: self.failures.append((request.url, request.failure)),
        )
        page.on(
            "response",
            lambda response: (
                self.failures.append((response.url, response.status))
                if response.status >= 400
                else None
            ),
        )

    def external(self):
        return [url for url in self.requests if not url.startswith(self.origin)]

    def assert_clean(self):
        assert self.requests, "no request was recorded"
        assert not self.external(), f"external requests: {self.external()}"
        assert not self.failures, f"failed requests: {self.failures}"


@pytest.fixture
def request_log(live_server):
    """request_log(page) starts recording the page's requests."""
    return lambda page: RequestLog(page, live_server.url)
