"""Each role's dashboard says what waits for them, in their words."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.factories import MeetingPageFactory, MembershipFactory
from governance.models import MembershipRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(group, other_group, person_with_account):
    roles = {
        "secretariat": (group, MembershipRole.SECRETARIAT),
        "chair": (group, MembershipRole.CHAIR),
        "member": (group, MembershipRole.MEMBER),
        "other_chair": (other_group, MembershipRole.CHAIR),
    }
    accounts = {}
    for name, (where, role) in roles.items():
        person = person_with_account()
        MembershipFactory(person=person, group=where, role=role)
        accounts[name] = person.user
    return accounts


def draft_minutes(group, title, author):
    meeting = MeetingPageFactory(
        parent=group, title=title, live=False, start=timezone.now() - datetime.timedelta(days=2)
    )
    meeting.minutes = "<p>Attendance rose.</p>"
    meeting.save_revision(user=author)
    return meeting


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("portal:dashboard")).content.decode()


def test_minutes_sent_to_the_chair_wait_on_that_chairs_dashboard_only(client, group, people):
    meeting = draft_minutes(group, "Autumn term meeting", people["secretariat"])
    meeting.get_workflow().start(meeting, people["secretariat"])

    chairs = dashboard(client, people["chair"])
    assert "Waiting for your approval" in chairs
    assert "Autumn term meeting" in chairs.split("Waiting for your approval", 1)[1].split("</section>", 1)[0]
    assert reverse("wagtailadmin_pages:edit", args=[meeting.pk]) in chairs

    assert "Autumn term meeting" not in dashboard(client, people["other_chair"])
    members = dashboard(client, people["member"])
    assert "Waiting for your approval" not in members
    assert "Autumn term meeting" not in members


def test_the_secretariat_sees_each_draft_where_it_stands_with_the_chairs_comment(client, group, people):
    draft_minutes(group, "Spring meeting", people["secretariat"])
    submitted = draft_minutes(group, "Summer meeting", people["secretariat"])
    submitted.get_workflow().start(submitted, people["secretariat"])
    returned = draft_minutes(group, "Winter meeting", people["secretariat"])
    state = returned.get_workflow().start(returned, people["secretariat"])
    state.current_task_state.task.specific.on_action(
        state.current_task_state, people["chair"], "reject", comment="Add the apologies from the police."
    )

    page = dashboard(client, people["secretariat"])
    assert "Minutes and papers in progress" in page
    rows = {title: page.split(title, 1)[1].split("</li>", 1)[0] for title in ("Spring", "Summer", "Winter")}
    assert "Draft" in rows["Spring"]
    assert "With the chair" in rows["Summer"]
    assert "Changes requested" in rows["Winter"]
    assert "Add the apologies from the police." in rows["Winter"]
    assert "Record a meeting" in page


def test_a_member_sees_what_is_coming_up_and_the_latest_minutes(client, group, people):
    MeetingPageFactory(
        parent=group, title="Next partnership meeting", start=timezone.now() + datetime.timedelta(days=9)
    )
    MeetingPageFactory(
        parent=group,
        title="Last partnership meeting",
        start=timezone.now() - datetime.timedelta(days=20),
        minutes="<p>Agreed.</p>",
    )
    draft_minutes(group, "Unapproved meeting", people["secretariat"])

    page = dashboard(client, people["member"])
    assert "Next partnership meeting" in page
    assert "Last partnership meeting" in page
    assert "Unapproved meeting" not in page
    assert "Minutes and papers in progress" not in page


def test_the_chairs_dashboard_costs_the_same_however_much_is_waiting(
    client, group, people, django_assert_max_num_queries
):
    def add_papers(count, start):
        for number in range(start, start + count):
            meeting = draft_minutes(group, f"Meeting {number}", people["secretariat"])
            if number % 2:
                meeting.get_workflow().start(meeting, people["secretariat"])

    add_papers(2, 0)
    client.force_login(people["chair"])
    client.get(reverse("portal:dashboard"))
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("portal:dashboard"))
    add_papers(8, 2)
    with django_assert_max_num_queries(len(few)):
        page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Meeting 9" in page


def test_someone_on_no_group_sees_what_the_partnerships_are_doing(client, group, partnerships, people):
    from governance.factories import PartnershipGroupPageFactory
    from portal.factories import UserFactory

    private = PartnershipGroupPageFactory(parent=partnerships, title="Closed group", members_only=True)
    private.save_revision().publish()
    past = timezone.now() - datetime.timedelta(days=3)
    MeetingPageFactory(parent=group, title="Open minutes", start=past, minutes="<p>Agreed.</p>")
    MeetingPageFactory(parent=private, title="Closed minutes", start=past, minutes="<p>Agreed.</p>")
    MeetingPageFactory(parent=group, title="Next open meeting", start=timezone.now() + datetime.timedelta(days=9))

    parent = UserFactory()  # a parent or carer
    page = dashboard(client, parent)
    assert "What the partnerships are doing" in page
    assert "Open minutes" in page and "Next open meeting" in page
    assert "Closed minutes" not in page
    assert "What the partnerships are doing" not in dashboard(client, people["member"])


def test_a_chair_is_asked_to_review_memberships_ending_soon_and_invitations_not_taken_up(client, group, people):
    from governance.factories import PersonFactory

    today = timezone.localdate()
    ending = MembershipFactory(
        group=group, person=PersonFactory(full_name="Ending Soon"), ends_on=today + datetime.timedelta(days=20)
    )
    MembershipFactory(
        group=group, person=PersonFactory(full_name="Ends Next Year"), ends_on=today + datetime.timedelta(days=300)
    )
    MembershipFactory(group=group, person=PersonFactory(full_name="Invited Person", invited_at=timezone.now()))

    page = dashboard(client, people["chair"])
    review = page.split("Members to review", 1)[1].split("</section>", 1)[0]
    assert "Ending Soon" in review and "Invited Person" in review
    assert "Ends Next Year" not in review
    assert reverse("governance:group_membership", args=[group.pk, ending.pk]) in review
    assert "Members to review" not in dashboard(client, people["secretariat"])


def test_the_secretariat_sees_what_was_recently_published(client, group, people):
    meeting = draft_minutes(group, "Summer term meeting", people["secretariat"])
    meeting.get_latest_revision().publish()
    page = dashboard(client, people["secretariat"])
    published = page.split("Recently published", 1)[1].split("</ul>", 1)[0]
    assert "Summer term meeting" in published and "Published" in published
