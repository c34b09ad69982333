"""A chair with two-factor on signs in to the admin, and a locked-out person is told why, in a real browser."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from playwright.sync_api import expect

from portal.adapters import ACCOUNT_LOCKED_OUT
from portal.factories import TEST_PASSWORD, UserFactory
from tests.browser.conftest import assert_no_axe_violations
from tests.conftest import current_totp_code


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The live server shares this process's cache, where allauth keeps its rate limits."""
    cache.clear()
    yield
    cache.clear()


def fill_in_sign_in(page, email, password=TEST_PASSWORD):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_chair_following_the_old_admin_sign_in_gives_password_then_code_and_reaches_the_admin(page, site_url):
    chair = UserFactory(is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(chair, secret)

    page.goto(f"{site_url}/admin/login/?next=/admin/pages/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/pages/$"))
    assert_no_axe_violations(page)
    fill_in_sign_in(page, chair.email)

    expect(page.get_by_role("heading", name="Two-Factor Authentication")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))


def test_locked_out_person_is_told_why_and_a_colleague_on_the_same_network_still_signs_in(page, site_url):
    locked_out, colleague = UserFactory(), UserFactory()
    page.goto(f"{site_url}/accounts/login/")
    for _attempt in range(6):
        fill_in_sign_in(page, locked_out.email, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text(ACCOUNT_LOCKED_OUT)
    assert_no_axe_violations(page)

    fill_in_sign_in(page, colleague.email)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
