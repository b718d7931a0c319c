"""A real Varnish (Debian's package) in front of the live server, configured with
deploy/varnish/default.vcl: it keeps anonymous pages, passes visitors with a session,
and forgets exactly the pages a change makes stale (bans by tag), at once."""

import datetime
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.contrib.frontend_cache.utils import purge_url_from_cache

from alliance_site import page_cache
from tests.conftest import make_event

VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VCL = Path(settings.BASE_DIR) / "deploy" / "varnish" / "default.vcl"

pytestmark = [
    pytest.mark.skipif(not Path(VARNISHD).exists(), reason="Varnish is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    backend = urlsplit(live_server.url)
    workdir = Path(tempfile.mkdtemp(prefix="varnish-", dir="/tmp"))
    workdir.chmod(0o777)  # varnishd's worker runs as its own user
    vcl = workdir / "site.vcl"
    vcl.write_text(
        VCL.read_text()
        .replace('.host = "127.0.0.1";', f'.host = "{backend.hostname}";')
        .replace('.port = "8000";', f'.port = "{backend.port}";')
    )
    vcl.chmod(0o644)
    port = free_port()
    process = subprocess.Popen(
        [VARNISHD, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-n", str(workdir)]
        + ["-s", "malloc,32m", "-T", "none"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("varnishd did not start")
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "alliance_site.frontend_cache.VarnishBackend", "LOCATION": url}
    }
    yield url
    process.terminate()
    process.wait(10)
    shutil.rmtree(workdir, ignore_errors=True)


def fetch(url, **headers):
    with urlopen(Request(url, headers=headers), timeout=10) as response:  # noqa: S310
        return response.headers, response.read().decode()


def test_varnish_keeps_pages_until_what_they_show_changes(varnish, library_a, library_b):
    page_cache.clear()
    nanning, liuzhou = varnish + library_a.url, varnish + library_b.url
    for url in (nanning, liuzhou):
        headers, _body = fetch(url)
        assert headers["X-Cache"] == "miss"
        assert "X-Cache-Tags" not in headers  # for Varnish only
        headers, _body = fetch(url)
        assert headers["X-Cache"] == "hit", url
    make_event(library_a, title="南宁新活动", slug="new")  # bans what shows it, on commit
    headers, body = fetch(nanning)
    assert headers["X-Cache"] == "miss" and "南宁新活动" in body
    assert fetch(liuzhou)[0]["X-Cache"] == "hit"  # not stale: left alone


def test_varnish_passes_visitors_with_a_session_and_honours_purges(varnish, library_a):
    url = varnish + library_a.url
    fetch(url)
    assert fetch(url)[0]["X-Cache"] == "hit"
    for cookie in ("sessionid=abc", "tracking=1; messages=x"):
        assert fetch(url, Cookie=cookie)[0]["X-Cache"] == "miss", cookie
    assert fetch(url, Cookie="tracking=1")[0]["X-Cache"] == "hit"  # a cookie the site ignores
    # Wagtail's own purge by address (what a CDN gets on publish), through the backend.
    purge_url_from_cache(url)
    assert fetch(url)[0]["X-Cache"] == "miss"


def test_a_page_is_kept_no_longer_than_it_stays_right(varnish, library_a):
    start = timezone.now() + datetime.timedelta(seconds=90)
    event = make_event(library_a, slug="soon", start=start)
    headers, _body = fetch(varnish + event.url)
    cache_control = dict(
        part.strip().partition("=")[::2] for part in headers["Cache-Control"].split(",")
    )
    assert "public" in cache_control
    assert 0 < int(cache_control["s-maxage"]) <= 90
