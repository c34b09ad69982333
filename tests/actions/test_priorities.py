"""A priority's page, a pledge's page and an organisation's scorecard: what they show, to whom, at what cost."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.factories import PledgeFactory, PriorityFactory, make_action
from actions.models import PledgeStatus
from actions.progress import due_in_words
from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from governance.models import GroupKind, MembershipRole
from tests.actions.priority_setup import close, members_only, sign_in, task_and_finish_group
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def task_group(group):
    return task_and_finish_group(group)


@pytest.fixture
def priority(group, task_group):
    return PriorityFactory(
        partnership=group,
        task_and_finish_group=task_group,
        title="Persistent absence in Year 9",
        rationale="Year 9 absence rises in every school at once.",
        review_every_months=6,
    )


@pytest.fixture
def pledge(priority):
    return PledgeFactory(
        priority=priority,
        organisation=OrganisationFactory(name="Riverford Dental Practice"),
        statement="We will book routine appointments outside school hours.",
        signed_by=PersonFactory(full_name="Dr Alan Gray"),
        review_on=TODAY + 200 * DAY,
    )


def test_priority_page_shows_why_who_pledges_and_actions(client, group, priority, pledge):
    close(make_action(group, title="Write to every dental practice", pledge=pledge))
    make_action(group, title="Check the booking system", pledge=pledge, due_on=TODAY - 3 * DAY)
    make_action(group, title="Share Year 9 figures with heads", priority=priority, due_on=TODAY - 14 * DAY)

    text = client.get(reverse("actions:priority", args=[priority.pk])).content.decode()

    assert "Persistent absence in Year 9" in text and "Year 9 absence rises in every school at once." in text
    assert "Every six months" in text and "Active" in text
    assert "Year 9 task-and-finish group" in text and "Priya Shah, chair" in text
    assert "Riverford Dental Practice" in text and reverse("actions:pledge", args=[pledge.pk]) in text
    assert re.search(r'"Tasks">2</td>\s*<td data-label="Done">1</td>\s*<td data-label="Overdue"><span[^>]*>1<', text)
    assert "Share Year 9 figures with heads" in text and "Overdue by 2\xa0weeks" in text


def test_the_task_and_finish_groups_members_stay_hidden_when_the_group_is_members_only(
    client, partnerships, group, priority
):
    hidden = members_only(partnerships, title="Closed task group", kind=GroupKind.TASK_AND_FINISH, parent_group=group)
    MembershipFactory(group=hidden, person=PersonFactory(full_name="Owen Price"))
    priority.task_and_finish_group = hidden
    priority.save()
    text = client.get(reverse("actions:priority", args=[priority.pk])).content.decode()
    assert "Closed task group" not in text and "Owen Price" not in text


def test_only_the_partnerships_chairs_are_told_the_review_date_has_passed(client, group, priority, person_with_account):
    notice = "The review date has passed"
    url = reverse("actions:priority", args=[priority.pk])
    sign_in(client, group, MembershipRole.CHAIR, person_with_account)
    assert notice not in client.get(url).content.decode(), "not before the date"

    priority.review_on = TODAY - DAY
    priority.save()
    assert notice in client.get(url).content.decode()
    client.logout()
    assert notice not in client.get(url).content.decode()
    sign_in(client, group, MembershipRole.MEMBER, person_with_account)
    assert notice not in client.get(url).content.decode()


@pytest.fixture
def closed_pledge(partnerships):
    closed = members_only(partnerships, title="Exclusions partnership")
    return PledgeFactory(priority=PriorityFactory(partnership=closed), statement="We will phone home on day one.")


@pytest.mark.parametrize(
    ("visitor", "status"), [("anonymous", 404), ("outsider", 404), ("member", 200), ("chair", 200)]
)
def test_a_members_only_partnerships_priorities_and_pledges_stay_inside_it(
    client, group, closed_pledge, person_with_account, visitor, status
):
    closed = closed_pledge.priority.partnership
    if visitor == "outsider":
        sign_in(client, group, MembershipRole.CHAIR, person_with_account)
    elif visitor != "anonymous":
        sign_in(client, closed, MembershipRole[visitor.upper()], person_with_account)
    assert client.get(reverse("actions:priority", args=[closed_pledge.priority_id])).status_code == status
    assert client.get(reverse("actions:pledge", args=[closed_pledge.pk])).status_code == status
    scorecard = client.get(reverse("actions:scorecard", args=[closed_pledge.organisation_id])).content.decode()
    assert ("We will phone home on day one." in scorecard) == (status == 200)


def test_pledge_page_shows_the_commitment_and_counts_its_visible_tasks(client, group, pledge, person_with_account):
    close(make_action(group, title="Write to every dental practice", pledge=pledge))
    make_action(group, title="Check the booking system", pledge=pledge, due_on=TODAY - 3 * DAY)
    draft = MeetingPageFactory(parent=group, live=False)
    make_action(group, title="Agreed in unpublished minutes", pledge=pledge, meeting=draft, due_on=TODAY - DAY)
    url = reverse("actions:pledge", args=[pledge.pk])

    text = client.get(url).content.decode()
    assert "We will book routine appointments outside school hours." in text
    assert "Riverford Dental Practice" in text and "Dr Alan Gray" in text and "Headteacher" in text
    assert pledge.made_on.strftime("%-d %B %Y") in text and pledge.review_on.strftime("%-d %B %Y") in text
    assert "2 tasks: 1 done, 1 overdue." in text and "Overdue by 3\xa0days" in text
    assert "Agreed in unpublished minutes" not in text

    sign_in(client, group, MembershipRole.MEMBER, person_with_account)
    text = client.get(url).content.decode()
    assert "3 tasks: 1 done, 2 overdue." in text and "Agreed in unpublished minutes" in text


def test_scorecard_lists_the_organisations_pledges_across_priorities_with_totals(
    client, group, pledge, closed_pledge, person_with_account
):
    dentists = pledge.organisation
    second = PledgeFactory(
        priority=PriorityFactory(partnership=group, title="Early help plans"),
        organisation=dentists,
        statement="We will remind families of term dates.",
        status=PledgeStatus.FULFILLED,
    )
    close(make_action(group, pledge=second))
    make_action(group, pledge=pledge, due_on=TODAY - DAY)
    closed_pledge.organisation = dentists
    closed_pledge.save()
    url = reverse("actions:scorecard", args=[dentists.pk])

    text = client.get(url).content.decode()
    assert "Persistent absence in Year 9" in text and "Early help plans" in text
    assert "We will phone home on day one." not in text
    assert "2: 1 active, 1 fulfilled" in text and "2: 1 done, 1 overdue" in text

    sign_in(client, closed_pledge.priority.partnership, MembershipRole.MEMBER, person_with_account)
    text = client.get(url).content.decode()
    assert "We will phone home on day one." in text and "3: 2 active, 1 fulfilled" in text


def test_an_organisation_with_no_pledges_has_an_empty_scorecard(client):
    text = client.get(reverse("actions:scorecard", args=[OrganisationFactory(name="Riverford Police").pk]))
    assert "Riverford Police has made no pledges you can see." in text.content.decode()


def test_due_dates_in_words(group):
    action = make_action(group, due_on=TODAY - 3 * DAY)
    assert due_in_words(action) == "Overdue by 3\xa0days"
    action.due_on = TODAY
    assert due_in_words(action) == "Due today"
    action.due_on = TODAY + 14 * DAY
    assert due_in_words(action) == "Due in 2\xa0weeks"
    action.due_on = None
    assert due_in_words(action) == "No due date"
    assert due_in_words(close(action)) == ""


def grow_priority(priority, count):
    """Pledges from different organisations, each with tasks done and overdue, and actions of the priority."""
    group = priority.partnership
    for n in range(count):
        pledge = PledgeFactory(priority=priority, signed_by=PersonFactory())
        close(make_action(group, pledge=pledge, owner=PersonFactory()))
        make_action(group, pledge=pledge, owner_organisation=OrganisationFactory(), due_on=TODAY - n * DAY)
        make_action(group, priority=priority, owner=PersonFactory(), due_on=TODAY + n * DAY)
        MembershipFactory(group=priority.task_and_finish_group, organisation=OrganisationFactory())


@pytest.mark.parametrize("visitor", ["anonymous", "chair"])
def test_priority_page_costs_the_same_however_many_pledges_and_actions(
    client, group, priority, visitor, person_with_account, django_assert_max_num_queries
):
    if visitor == "chair":
        sign_in(client, group, MembershipRole.CHAIR, person_with_account)
    grow_priority(priority, 2)
    url = reverse("actions:priority", args=[priority.pk])
    text = assert_queries_stay_flat(client, url, lambda: grow_priority(priority, 10), django_assert_max_num_queries)
    assert text.count('data-label="Pledge"') == 12


def test_pledge_page_costs_the_same_however_many_tasks(client, group, pledge, django_assert_max_num_queries):
    def grow(count):
        for n in range(count):
            close(make_action(group, pledge=pledge, owner=PersonFactory()))
            make_action(group, pledge=pledge, owner_organisation=OrganisationFactory(), due_on=TODAY - (n + 1) * DAY)

    grow(2)
    url = reverse("actions:pledge", args=[pledge.pk])
    text = assert_queries_stay_flat(client, url, lambda: grow(10), django_assert_max_num_queries)
    assert "24 tasks: 12 done, 12 overdue." in text


def test_scorecard_costs_the_same_however_many_pledges(client, group, pledge, django_assert_max_num_queries):
    def grow(count):
        for n in range(count):
            more = PledgeFactory(priority=PriorityFactory(partnership=group), organisation=pledge.organisation)
            make_action(group, pledge=more, owner=PersonFactory(), due_on=TODAY - (n + 1) * DAY)

    grow(2)
    url = reverse("actions:scorecard", args=[pledge.organisation_id])
    text = assert_queries_stay_flat(client, url, lambda: grow(10), django_assert_max_num_queries)
    assert "13: 13 active" in text and "12: 0 done, 12 overdue" in text


def test_a_priority_past_its_review_date_waits_on_its_chairs_dashboard_only(client, group, person_with_account):
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from actions.factories import PriorityFactory
    from governance.factories import MembershipFactory
    from governance.models import MembershipRole

    chair, member = person_with_account(), person_with_account()
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    MembershipFactory(person=member, group=group, role=MembershipRole.MEMBER)
    overdue = PriorityFactory(partnership=group, review_on=timezone.localdate() - datetime.timedelta(days=3))
    PriorityFactory(
        partnership=group, title="Reviewed on time", review_on=timezone.localdate() + datetime.timedelta(days=3)
    )

    client.force_login(chair.user)
    page = client.get(reverse("portal:dashboard")).content.decode()
    section = page.split("Priorities due for review", 1)[1].split("</section>", 1)[0]
    assert overdue.title in section and "Reviewed on time" not in section
    client.force_login(member.user)
    assert "Priorities due for review" not in client.get(reverse("portal:dashboard")).content.decode()
