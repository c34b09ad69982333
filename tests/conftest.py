"""Shared test set-up: Chromium for browser tests, the site Wagtail's migrations create, and ../shared.

Some tests read real minutes from ../shared, which lives beside the repository rather than in it.
They get them through `shared_file`, which skips with a reason pytest prints when ../shared is not
there; when it is there, a test skipped for that reason fails the run, so a renamed or missing file
can never pass quietly.
"""

import os
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from wagtail.models import Site

from portal.factories import ensure_site_tree
from portal.models import HomePage

SHARED = Path(__file__).resolve().parents[2] / "shared"
NEEDS_SHARED = "needs the real minutes in ../shared"


def shared_file(*parts) -> Path:
    """A file from ../shared, or a skip whose reason names what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{NEEDS_SHARED}: {path} is not there")
    return path


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """Always list skipped tests with their reasons (as `-rs` would)."""
    if "s" not in config.option.reportchars and "a" not in config.option.reportchars.lower():
        config.option.reportchars += "s"


def skipped_for_want_of_shared(reporter) -> list:
    return [report for report in reporter.stats.get("skipped", []) if NEEDS_SHARED in str(report.longrepr)]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if SHARED.is_dir() and reporter is not None and skipped_for_want_of_shared(reporter):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    skipped = skipped_for_want_of_shared(terminalreporter)
    if SHARED.is_dir() and skipped:
        terminalreporter.write_line(
            f"{len(skipped)} test(s) skipped for want of a file in {SHARED}, which is present: "
            "a file they need is missing or renamed, so the run fails.",
            red=True,
        )


class PostedForm(HTMLParser):
    """What a browser would post from each POST form on a page: inputs, ticked boxes, chosen options, text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.select = self.textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.forms.append({})
        name, fields = attrs.get("name"), self.forms[-1] if self.forms else {}
        ticked = attrs.get("type") in {"checkbox", "radio"}
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if not ticked or "checked" in attrs:
                fields[name] = attrs.get("value") or ("on" if ticked else "")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and (self.select not in fields or "selected" in attrs):
            fields[self.select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self.textarea, fields[name] = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.forms[-1][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            # Browsers drop the one newline Django writes straight after <textarea>.
            self.forms[-1][self.textarea] = self.forms[-1][self.textarea].removeprefix("\n")
            self.textarea = None
        elif tag == "select":
            self.select = None


def posted_form(response, holding):
    """The data the page's form holding this field would post, as a person pressing its button would."""
    for fields in PostedForm(response.content.decode()).forms:
        if holding in fields:
            return fields
    raise AssertionError(f"No form on the page has a field named {holding!r}")


def current_totp_code(secret):
    """The code an authenticator app shows now. A code is good for its 30-second window only, so the last
    five seconds of a window are waited out: a busy machine could otherwise send it after the window turns."""
    if (left_in_window := 30 - time.time() % 30) < 5:
        time.sleep(left_in_window)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def chromium_path():
    for candidate in ("/usr/lib/chromium/chromium", shutil.which("chromium") or ""):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def pytest_collection_modifyitems(items):
    """Browser tests run against the live server, which needs real commits (a transactional database)."""
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is not installed: run `make test`, which installs Debian's chromium package.")
    return {
        **browser_type_launch_args,
        "executable_path": path,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def home_page(db) -> HomePage:
    """The home page migrations made; a transactional test before this one may have flushed it, so it is made
    again when missing."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else ensure_site_tree()


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: a page stored by one test must not answer another."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
