"""Hostile strings typed into every form are shown back as text: nothing they hold runs in a real browser.

Each journey submits `tests/hostile_strings.py` through the site's own forms (a short field gets its
share of the corpus, a long one all of it), then opens every page that shows the value. The browser
runs with the Content-Security-Policy switched off, so a payload that got past escaping would really
run: the pages must hold by escaping alone. On each page no dialog may open, `window.__pwned` stays
unset, the page answers 200 with its main landmark, and (on the site's own pages) no element carries
an event handler, an inline script, a frame or a `javascript:`/`data:` address. What is stored, and
what NUL and over-long input get, is checked on the server in `tests/test_hostile_input.py`.
"""

import csv
import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actions.factories import PriorityFactory, an_area, an_indicator, figures_for
from actions.models import Action, Area, Pledge
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationIndexPage, ConsultationQuestion
from governance.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MeetingPage, MembershipRole
from portal.factories import PartnerStaffFactory, SchoolStaffFactory, UserFactory
from portal.models import User
from tests.browser.conftest import sign_in
from tests.browser.test_account_journeys import confirm_email, sign_up
from tests.hostile_strings import FORMULAS, SCRIPT_TAGS, STORABLE, formula_cells, joined, packed
from tests.test_hostile_input import hostile_figures, word_document, xml_safe

# Anything on a page that could run script or open another document, as the DOM holds it.
DANGEROUS_MARKUP = """() => {
    const found = [];
    const risky = /^\\s*(javascript|data|vbscript):/i;
    const addresses = ["href", "src", "xlink:href", "data", "action", "formaction"];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
            if (addresses.includes(attribute.name) && risky.test(attribute.value)) {
                found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
            }
        }
    }
    for (const element of document.querySelectorAll("script:not([src]), iframe, object, embed, math")) {
        found.push(element.outerHTML.slice(0, 120));
    }
    return found;
}"""


@pytest.fixture
def browser_context_args(browser_context_args):
    """No Content-Security-Policy in these tests: escaping alone must keep every payload inert."""
    return {**browser_context_args, "bypass_csp": True, "accept_downloads": True}


@pytest.fixture
def dialogs(page):
    """Every dialog a page opens fails the test (it is dismissed first, so the page carries on)."""
    opened = []

    def record(dialog):
        opened.append(f"{dialog.type} '{dialog.message}' on {page.url}")
        dialog.dismiss()

    page.on("dialog", record)
    yield opened
    assert not opened, opened


def assert_inert(page, dialogs, response=None, site=True):
    """The page rendered, and nothing typed into the portal ran on it."""
    if response is not None:
        assert response.status == 200, f"{page.url} answered {response.status}"
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_have_count(1)
    assert page.evaluate("window.__pwned") is None, f"a payload ran on {page.url}"
    assert not dialogs, dialogs
    if site:
        assert page.evaluate(DANGEROUS_MARKUP) == [], page.url


def look(page, dialogs, url, site=True):
    assert_inert(page, dialogs, page.goto(url), site=site)


def signed_in_as(page, site_url, email):
    page.context.clear_cookies()
    sign_in(page, site_url, email)


def downloaded_cells(page, link) -> list[str]:
    with page.expect_download() as download:
        link.click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def member(group, role, email):
    person = PersonFactory(user=PartnerStaffFactory(email=email))
    MembershipFactory(person=person, group=group, role=role)
    return person


@pytest.fixture
def group(home_page):
    return PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page), title="Attendance group")


# Sign-up and profile


def test_hostile_names_from_sign_up_and_the_profile_render_as_text(page, site_url, dialogs):
    UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    first_name, last_name = packed(150, 0), packed(150, 12)
    sign_up(
        page,
        site_url,
        email="hostile@example.org",
        audience="School staff",
        first_name=first_name,
        last_name=last_name,
        fields={"School name": packed(200, 24), "School URN": "123456", "Your job": "Attendance lead"},
    )
    confirm_email(page)
    sign_in(page, site_url, "hostile@example.org")
    assert_inert(page, dialogs)
    expect(page.locator(".site-header__who")).to_contain_text(SCRIPT_TAGS[0])

    look(page, dialogs, f"{site_url}{reverse('portal:profile')}")
    expect(page.get_by_label("First name")).to_have_value(first_name)
    page.get_by_label("First name").fill(packed(150, 30))
    page.get_by_label("School name").fill(FORMULAS[0])
    page.get_by_role("button", name="Save your details").click()
    expect(page.get_by_text("Your details have been saved.")).to_be_visible()
    assert_inert(page, dialogs)
    look(page, dialogs, f"{site_url}{reverse('portal:dashboard')}")

    signed_in_as(page, site_url, "admin@example.org")
    look(page, dialogs, f"{site_url}/admin/school-staff/", site=False)
    expect(page.get_by_role("cell", name=FORMULAS[0], exact=True)).to_be_visible()
    hostile = User.objects.get(email="hostile@example.org")
    look(page, dialogs, f"{site_url}/admin/school-staff/edit/{hostile.pk}/", site=False)


# Actions: adding, changing, progress, comments, the dashboard and the log's CSV


def test_hostile_actions_updates_and_comments_render_as_text(page, site_url, dialogs, group):
    chair = member(group, MembershipRole.CHAIR, "chair@example.org")
    member(group, MembershipRole.MEMBER, "member@example.org")
    sign_in(page, site_url, "chair@example.org")
    look(page, dialogs, f"{site_url}{reverse('actions:add_action', args=[group.pk])}")
    page.get_by_label("Title").fill(packed(250, 0))
    page.get_by_label("Detail").fill(joined())
    page.get_by_label("Or someone not on the group").fill(packed(200, 7))
    page.get_by_label("Agenda item").fill(packed(200, 14))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("is added to the action log")).to_be_visible()
    assert_inert(page, dialogs)
    expect(page.get_by_role("heading", level=1)).to_contain_text(SCRIPT_TAGS[0])
    reference = Action.objects.get().reference

    page.get_by_role("link", name=f"Change the details of {reference}").click()
    assert_inert(page, dialogs)
    page.get_by_label("Title").fill(f"{FORMULAS[0]} {packed(200, 21)}")
    page.get_by_label("Who does it").select_option(str(chair.pk))
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text(f"Your changes to {reference} are saved.")).to_be_visible()
    page.get_by_label("Progress note").fill(joined())
    page.get_by_role("button", name="Save the update").click()
    expect(page.get_by_text(f"Your progress note on {reference} is added.")).to_be_visible()
    assert_inert(page, dialogs)

    look(page, dialogs, f"{site_url}{reverse('portal:dashboard')}")
    page.get_by_label(f"New status for {reference}").select_option(label="In progress")
    page.get_by_label(f"Short note on {reference}").fill(packed(500, 3))
    page.get_by_role("button", name=f"Update {reference}").click()
    expect(page.get_by_text(f"{reference} is now in progress.")).to_be_visible()
    assert_inert(page, dialogs)

    signed_in_as(page, site_url, "member@example.org")
    look(page, dialogs, f"{site_url}{reverse('actions:action', args=[reference])}")
    page.get_by_label("Your comment").fill(joined())
    page.get_by_role("button", name="Add your comment").click()
    expect(page.get_by_text(f"Your comment on {reference} is added.")).to_be_visible()
    assert_inert(page, dialogs)
    look(page, dialogs, f"{site_url}{reverse('actions:action_log', args=[group.pk])}")
    cells = downloaded_cells(page, page.get_by_role("link", name="CSV spreadsheet of these actions"))
    assert f"'{FORMULAS[0]} {packed(200, 21)}" in cells
    assert not formula_cells(cells)


# Consultation answers, the analysis and its export


@pytest.fixture
def consultation(home_page, group):
    index = home_page.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))
    page = ConsultationPageFactory(parent=index, group=group, title="Hostile consultation")
    questions = [
        ("Long answer", "long_text", "", {}),
        ("Which year group?", "choose_one", "Year 7\nYear 8", {"allow_other": True}),
        ("Should there be a survey?", "yes_no", "", {}),
        *((f"Short answer {number}", "short_text", "", {}) for number in range(len(FORMULAS))),
    ]
    for order, (label, kind, choices, extra) in enumerate(questions):
        ConsultationQuestion.objects.create(
            page=page, sort_order=order, label=label, field_type=kind, choices=choices, required=False, **extra
        )
    return page


def test_hostile_consultation_answers_render_as_text_and_export_safely(page, site_url, dialogs, group, consultation):
    head = SchoolStaffFactory(email="head@example.org")
    head.verify_school_staff()
    head.save()
    member(group, MembershipRole.CHAIR, "chair@example.org")
    sign_in(page, site_url, "head@example.org")
    look(page, dialogs, f"{site_url}{consultation.url}")
    page.get_by_label("Long answer (optional)").fill(joined())
    year_group = page.get_by_role("group", name="Which year group? (optional)")
    year_group.get_by_label("Other (please say)").check()
    year_group.get_by_label("If other, what is it?").fill(packed(500, 5))
    survey = page.get_by_role("group", name="Should there be a survey? (optional)")
    survey.get_by_label("Yes").check()
    survey.get_by_label("Comment (optional)").fill(joined())
    for number, formula in enumerate(FORMULAS):
        page.get_by_label(f"Short answer {number} (optional)").fill(formula)
    page.get_by_role("button", name="Submit your response").click()
    expect(page.get_by_text("Thank you: your response was submitted")).to_be_visible()
    assert_inert(page, dialogs)
    expect(page.get_by_label("Long answer (optional)")).to_have_value(re.compile(re.escape(SCRIPT_TAGS[1])))

    signed_in_as(page, site_url, "chair@example.org")
    look(page, dialogs, f"{site_url}{reverse('consultations:analysis', args=[consultation.pk])}")
    expect(page.locator("main")).to_contain_text(SCRIPT_TAGS[0])
    long_answer = consultation.questions.get(label="Long answer")
    written = reverse("consultations:analysis_written", args=[consultation.pk, long_answer.pk])
    look(page, dialogs, f"{site_url}{written}?q=script")
    expect(page.locator("main")).to_contain_text(SCRIPT_TAGS[0])
    look(page, dialogs, f"{site_url}{reverse('consultations:analysis', args=[consultation.pk])}")
    cells = downloaded_cells(page, page.get_by_role("link", name="CSV spreadsheet of the responses"))
    assert {f"'{formula}" for formula in FORMULAS} <= set(cells)
    assert not formula_cells(cells)


# Pledges (made in the admin) and milestones (set by a chair) on a priority's pages


def test_a_hostile_pledge_and_milestone_render_as_text(page, site_url, dialogs, group):
    sheffield = an_area("local_authority", "E08000019", "Sheffield")
    figures_for(an_indicator(), sheffield, {2022: 28})
    priority = PriorityFactory(partnership=group, title="Persistent absence")
    organisation = OrganisationFactory(name="Riverford Council")
    UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    member(group, MembershipRole.CHAIR, "chair@example.org")

    sign_in(page, site_url, "admin@example.org")
    look(page, dialogs, f"{site_url}{reverse('wagtailsnippets_actions_pledge:add')}", site=False)
    # Priority and organisation are snippet choosers (a modal each); their hidden inputs take the choice.
    for field, chosen in (("priority", priority), ("organisation", organisation)):
        page.locator(f"#id_{field}").evaluate("(input, value) => { input.value = value; }", str(chosen.pk))
    page.locator("#id_statement").fill(joined())
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("created", exact=False).first).to_be_visible()
    assert_inert(page, dialogs, site=False)
    pledge = Pledge.objects.get()
    for url in (pledge.get_absolute_url(), priority.get_absolute_url(), f"/organisations/{organisation.pk}/pledges/"):
        look(page, dialogs, f"{site_url}{url}")
    expect(page.locator("main")).to_contain_text(SCRIPT_TAGS[0][:40])

    signed_in_as(page, site_url, "chair@example.org")
    look(page, dialogs, f"{site_url}{reverse('actions:add_milestone', args=[priority.pk])}")
    page.get_by_label("What the partnership means to achieve").fill(packed(300, 9))
    page.get_by_label("Where").select_option(label="Sheffield")
    page.get_by_label("Baseline year").fill("2022/23")
    page.get_by_label("Target year").fill("2026/27")
    page.get_by_label("Target figure").fill("20")
    page.get_by_role("button", name="Add the milestone").click()
    expect(page.get_by_text("The milestone is saved.")).to_be_visible()
    assert_inert(page, dialogs)
    look(page, dialogs, f"{site_url}{priority.get_absolute_url()}")


# The minutes importer: pasted text and a Word document


def test_hostile_minutes_pasted_and_uploaded_render_as_text(page, site_url, dialogs, group, tmp_path):
    member(group, MembershipRole.SECRETARIAT, "notes@example.org")
    minutes = "\n".join(["Attendance group", "Minutes of the meeting held on 12 March 2025", joined()])
    sign_in(page, site_url, "notes@example.org")
    look(page, dialogs, f"{site_url}{reverse('governance:import_minutes')}")
    page.get_by_label("Or paste the minutes").fill(minutes)
    page.get_by_role("button", name="Read the minutes").click()
    expect(page.get_by_role("heading", name="Check the imported minutes")).to_be_visible()
    assert_inert(page, dialogs)
    expect(page.locator("main")).to_contain_text(SCRIPT_TAGS[0])
    page.get_by_label("Title").fill(f"{FORMULAS[1]} {packed(200, 2)}")
    page.get_by_label("Venue").fill(packed(250, 16))
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("is saved as a draft")).to_be_visible()
    assert_inert(page, dialogs)
    assert MeetingPage.objects.child_of(group).get().title.startswith(FORMULAS[1])

    word_file = tmp_path / "hostile minutes.docx"
    word_file.write_bytes(word_document(["Attendance group", "Minutes of 13 March 2025", *xml_safe(STORABLE)]))
    look(page, dialogs, f"{site_url}{reverse('governance:import_minutes')}")
    page.get_by_label("Minutes file").set_input_files(str(word_file))
    page.get_by_role("button", name="Read the minutes").click()
    expect(page.get_by_role("heading", name="Check the imported minutes")).to_be_visible()
    assert_inert(page, dialogs)


# The admin's indicator upload, and the figures pages and CSV it feeds


def test_hostile_council_names_from_an_indicator_file_render_as_text_and_export_safely(
    page, site_url, dialogs, tmp_path
):
    UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    names = [FORMULAS[0], SCRIPT_TAGS[0], packed(120, 6), packed(120, 18), packed(120, 28)]
    figures = tmp_path / "hostile.csv"
    figures.write_bytes(hostile_figures(names))
    sign_in(page, site_url, "admin@example.org")
    look(page, dialogs, f"{site_url}{reverse('import_figures:upload')}", site=False)
    page.get_by_label("DfE file").set_input_files(str(figures))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    assert_inert(page, dialogs, site=False)

    look(page, dialogs, f"{site_url}{reverse('actions:figures')}")
    for name in names:
        code = Area.objects.get(name=name.strip()).code
        look(page, dialogs, f"{site_url}{reverse('actions:area_figures', args=[code])}")
        look(page, dialogs, f"{site_url}{reverse('actions:indicator', args=[code, 'attendance_rate'])}")
        cells = downloaded_cells(page, page.get_by_role("link", name="Download these figures (CSV)"))
        assert not formula_cells(cells)
        assert name != FORMULAS[0] or f"'{FORMULAS[0]}" in cells
