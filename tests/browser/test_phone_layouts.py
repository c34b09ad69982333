"""On a phone (320 px wide) the pages people read and work on never scroll sideways."""

import datetime

import pytest
from django.utils import timezone

from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
    TermsOfReferencePageFactory,
)
from governance.models import AttendanceCapacity, AttendanceRecord, AttendanceStatus, MembershipRole
from portal.factories import UserFactory
from tests.browser.conftest import assert_no_axe_violations, sign_in

PHONE = {"width": 320, "height": 740}


@pytest.fixture
def group(site_tree):
    partnerships = PartnershipIndexPageFactory(parent=site_tree)
    group = PartnershipGroupPageFactory(parent=partnerships, title="Riverford Strategic Education Partnership")
    chair = PersonFactory(full_name="Helen Marsh", user=UserFactory(email="chair@phone.example"))
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    for number in range(8):
        MembershipFactory(
            group=group,
            person=PersonFactory(
                organisation=OrganisationFactory(name=f"Riverford Community Health NHS Trust {number}")
            ),
            sector="Health and wellbeing services" if number % 2 else "",
        )
    TermsOfReferencePageFactory(
        parent=group,
        membership=[
            ("seat", {"name": "", "job_title": "Two secondary headteachers", "organisation": ""}),
            (
                "seat",
                {"name": "Helen Marsh", "job_title": "Chief Executive", "organisation": "Riverford Learning Trust"},
            ),
        ],
    )
    meeting = MeetingPageFactory(
        parent=group,
        title="Partnership meeting, Wednesday 16 December",
        start=timezone.now() - datetime.timedelta(days=3),
        minutes="<p>Persistent absence fell by two points.</p>",
        venue="Riverford Civic Centre, Committee Room 2",
    )
    for person in [chair.pk, *[m.person_id for m in group.memberships.all()[1:4]]]:
        AttendanceRecord.objects.create(
            meeting=meeting, person_id=person, capacity=AttendanceCapacity.MEMBER, status=AttendanceStatus.PRESENT
        )
    return group


def fits_the_screen(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width}px wide on a {PHONE['width']}px screen"


def test_group_meeting_and_terms_pages_fit_a_phone(browser, site_url, group):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    meeting = group.get_children().live().filter(title__startswith="Partnership meeting").first()
    pages = [group.url, group.terms_in_force().url, meeting.url]
    for url in pages:
        page.goto(f"{site_url}{url}")
        fits_the_screen(page)
        assert_no_axe_violations(page)
    context.close()


def test_the_terms_page_names_a_seat_without_a_stray_comma(page, site_url, group):
    terms = group.terms_in_force()
    page.goto(f"{site_url}{terms.url}")
    seats = page.locator("li", has_text="secondary headteachers").all_inner_texts()
    assert seats == ["Two secondary headteachers"]


def test_the_chairs_pages_fit_a_phone(browser, site_url, group):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, site_url, "chair@phone.example")
    fits_the_screen(page)
    assert_no_axe_violations(page)
    page.goto(f"{site_url}/groups/{group.pk}/members/")
    fits_the_screen(page)
    assert_no_axe_violations(page)
    context.close()
