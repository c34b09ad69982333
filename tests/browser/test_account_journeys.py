"""A parent and a head sign up, verify, sign in and manage their profile, in a real browser."""

from playwright.sync_api import expect

from portal.factories import TEST_PASSWORD, ContentPageFactory, UserFactory
from portal.models import User
from tests.browser.conftest import AXE, assert_no_axe_violations, last_link_in_outbox, sign_in

CONFIRM_LINK = r"https?://\S+/accounts/confirm-email/\S+/"


def sign_up(page, site_url, *, email, audience, **details):
    page.goto(site_url)
    page.get_by_role("link", name="Create an account").first.click()
    page.get_by_label("First name").fill(details.get("first_name", "Sam"))
    page.get_by_label("Last name").fill(details.get("last_name", "Walker"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_label("Password (again)").fill(TEST_PASSWORD)
    page.get_by_label(audience).check()
    for label, value in details.get("fields", {}).items():
        field = page.get_by_label(label, exact=True)
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()


def confirm_email(page):
    page.goto(last_link_in_outbox(CONFIRM_LINK))
    page.get_by_role("button", name="Confirm").click()


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_parent_signs_up_verifies_signs_in_edits_profile_and_signs_out(page, site_url, mailoutbox):
    sign_up(page, site_url, email="sam.walker@example.org", audience="Parent or carer")
    assert "sam.walker@example.org" in mailoutbox[-1].to

    sign_in(page, site_url, "sam.walker@example.org")
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    confirm_email(page)
    sign_in(page, site_url, "sam.walker@example.org")
    expect(page.get_by_role("heading", name="My dashboard")).to_be_visible()
    expect(page.locator(".site-header__who")).to_contain_text("Sam Walker")

    page.get_by_role("link", name="Your profile").click()
    expect(page.get_by_label("First name")).to_have_value("Sam")
    page.get_by_label("First name").fill("Samantha")
    page.get_by_label("tell me about new consultations").uncheck()
    page.get_by_role("button", name="Save your details").click()
    expect(page.get_by_text("Your details have been saved.")).to_be_visible()
    expect(page.locator(".site-header__who")).to_contain_text("Samantha Walker")
    user = User.objects.get(email="sam.walker@example.org")
    assert (user.first_name, user.notify_new_consultations) == ("Samantha", False)

    sign_out(page)


def test_school_staff_stay_unverified_until_a_site_admin_verifies_them(page, site_url, mailoutbox):
    UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    sign_up(
        page,
        site_url,
        email="grace@hillside.example",
        audience="School staff",
        first_name="Grace",
        last_name="Ellison",
        fields={"School name": "Hillside Primary School", "School URN": "123456", "Your job": "Attendance lead"},
    )
    confirm_email(page)
    sign_in(page, site_url, "grace@hillside.example")
    expect(page.get_by_text("Unverified", exact=True)).to_be_visible()
    sign_out(page)

    sign_in(page, site_url, "admin@example.org")
    page.goto(f"{site_url}/admin/")
    expect(page.get_by_text("1 school staff account is waiting to be verified")).to_be_visible()
    page.get_by_role("link", name="Check them now").click()
    page.get_by_role("link", name="Grace Ellison").click()
    page.get_by_label("Works at this school").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("'Grace Ellison' updated")).to_be_visible()
    page.goto(site_url)
    sign_out(page)

    sign_in(page, site_url, "grace@hillside.example")
    expect(page.get_by_text("Verified", exact=True)).to_be_visible()
    assert User.objects.get(email="grace@hillside.example").is_verified_school_staff


def test_public_and_account_pages_have_no_axe_violations(page, site_url, home_page):
    ContentPageFactory(parent=home_page, title="Accessibility statement", slug="accessibility")
    UserFactory(email="reader@example.org")
    for path in ["/", "/accounts/login/", "/accounts/signup/", "/accessibility/", "/no-such-page/"]:
        page.goto(f"{site_url}{path}")
        assert_no_axe_violations(page)

    sign_in(page, site_url, "reader@example.org")
    for path in ["/dashboard/", "/profile/", "/accounts/email/", "/accounts/password/change/"]:
        page.goto(f"{site_url}{path}")
        assert_no_axe_violations(page)


def test_signup_errors_are_announced_next_to_the_fields(page, site_url):
    page.goto(f"{site_url}/accounts/signup/")
    page.get_by_label("School staff").check()
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_text("Enter your school urn: school staff need it.")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_accessibility_check_really_catches_violations(page):
    page.set_content("<html><body><img src='chart.png'><a href='#'></a></body></html>")
    results = AXE.run(page)
    assert {violation["id"] for violation in results.response["violations"]} >= {"image-alt", "html-has-lang"}
