"""Sign-up asks only what applies: school questions for school staff, the organisation for partner staff."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations


def test_follow_up_questions_appear_only_for_the_answer_they_belong_to(page, site_url):
    page.goto(f"{site_url}/accounts/signup/")
    urn, job, organisation = (
        page.get_by_label("School URN"),
        page.get_by_label("Your job"),
        page.get_by_label("Organisation", exact=True),
    )
    for field in (urn, job, organisation):
        expect(field).to_be_hidden()

    page.get_by_label("School staff").check()
    expect(urn).to_be_visible()
    expect(job).to_be_visible()
    expect(organisation).to_be_hidden()
    assert_no_axe_violations(page)

    page.get_by_label("Partner organisation staff").check()
    expect(organisation).to_be_visible()
    expect(urn).to_be_hidden()

    page.get_by_label("Parent or carer").check()
    for field in (urn, job, organisation):
        expect(field).to_be_hidden()


def test_the_questions_work_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/accounts/signup/")
    expect(page.get_by_label("School URN")).to_be_hidden()
    page.get_by_label("School staff").check()
    expect(page.get_by_label("School URN")).to_be_visible()
    context.close()


def test_a_missing_answer_stays_on_show_with_its_message(page, site_url):
    page.goto(f"{site_url}/accounts/signup/")
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Walker")
    page.get_by_label("Email").fill("sam@school.example")
    page.get_by_label("Password", exact=True).fill("a-long-test-password-1")
    page.get_by_label("Password (again)").fill("a-long-test-password-1")
    page.get_by_label("School staff").check()
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_label("School URN")).to_be_visible()
    expect(page.get_by_text("school staff need it").first).to_be_visible()
