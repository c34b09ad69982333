"""Shared test set-up: Chromium for browser tests, and the site Wagtail's migrations create."""

import os
import shutil

import pytest
from wagtail.models import Site

from portal.models import HomePage


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
    return Site.objects.get(is_default_site=True).root_page.specific
