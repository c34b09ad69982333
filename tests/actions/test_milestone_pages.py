"""A milestone's page, its status on priority and group pages, chairs setting milestones, and a school's data pack."""

import datetime
import re

import pytest
from django.urls import reverse

from actions.factories import MilestoneFactory, PledgeFactory, PriorityFactory, an_area, an_indicator, figures_for
from actions.models import Milestone
from actions.services import create_action
from governance.models import MembershipRole
from portal.factories import SchoolStaffFactory
from tests.actions.priority_setup import close, members_only, sign_in
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheffield():
    england = an_area("national", "E92000001", "England")
    region = an_area("regional", "E12000003", "Yorkshire and The Humber", parent=england)
    return an_area("local_authority", "E08000019", "Sheffield", parent=region, old_code="373")


@pytest.fixture
def milestone(group, sheffield):
    priority = PriorityFactory(partnership=group, title="Persistent absence in Year 9")
    figures_for(an_indicator(), sheffield, {2022: 28, 2023: 25, 2024: 24.5})
    return MilestoneFactory(
        priority=priority,
        area=sheffield,
        intent="Fewer pupils persistently absent in Sheffield by 2026/27",
        target_value=20,
    )


def test_the_page_gives_status_rule_figures_and_what_was_done(client, milestone, group):
    done = close(create_action(group, "Send every family the attendance letter", priority=milestone.priority))
    pledge = PledgeFactory(priority=milestone.priority)
    task = close(create_action(group, "Run a drop-in for Year 9 parents", pledge=pledge))
    open_action = create_action(group, "Still to do", priority=milestone.priority)
    html = client.get(milestone.get_absolute_url()).content.decode()
    assert "<strong>At risk</strong>" in html and "⚠" in html
    assert "How the status is worked out" in html and "behind that line, but better than the baseline" in html
    assert "24.50" in html and "24.00" in html, "the latest figure and where the line is that year"
    assert done.title in html and task.title in html and pledge.organisation.name in html
    assert open_action.title not in html
    assert html.count('class="chart__mark"') == 2, "each completed action is marked on the time axis"
    assert "Straight line from baseline to target" in html


def test_status_words_and_symbols_on_the_priority_and_group_pages(client, milestone, group):
    group.save_revision().publish()
    priority_page = client.get(milestone.priority.get_absolute_url()).content.decode()
    group_page = client.get(group.url).content.decode()
    for html in (priority_page, group_page):
        assert milestone.intent in html
        assert re.search(
            r'milestone-status--at_risk"><span[^>]*aria-hidden="true">⚠</span> <strong>At risk</strong>', html
        )


def test_a_members_only_partnerships_milestone_is_hidden_from_outsiders(
    client, partnerships, sheffield, person_with_account
):
    closed = members_only(partnerships, title="Closed partnership")
    hidden = MilestoneFactory(priority=PriorityFactory(partnership=closed), area=sheffield, intent="Private milestone")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    sign_in(client, closed, MembershipRole.MEMBER, person_with_account)
    assert "Private milestone" in client.get(hidden.get_absolute_url()).content.decode()


def test_chairs_add_a_milestone_and_members_may_not(client, group, sheffield, person_with_account):
    priority = PriorityFactory(partnership=group)
    indicator = an_indicator()
    figures_for(indicator, sheffield, {2022: 28})
    url = reverse("actions:add_milestone", args=[priority.pk])
    assert client.get(url).status_code == 302, "anonymous visitors are sent to sign in"
    sign_in(client, group, MembershipRole.MEMBER, person_with_account)
    assert client.get(url).status_code == 403
    sign_in(client, group, MembershipRole.CHAIR, person_with_account)
    assert "Add a milestone" in client.get(priority.get_absolute_url()).content.decode()
    answers = {
        "intent": "Fewer pupils persistently absent",
        "indicator": indicator.pk,
        "area": sheffield.pk,
        "phase": "total",
        "baseline_period": "2022/23",
        "baseline_value": "",
        "target_period": "2021",
        "target_value": "20",
    }
    refused = client.post(url, answers)
    assert refused.status_code == 400
    assert "Write an academic year like 2022/23." in refused.content.decode()
    assert 'value="Fewer pupils persistently absent"' in refused.content.decode(), "what was typed is kept"
    saved = client.post(url, {**answers, "target_period": "2026/27"})
    milestone = Milestone.objects.get()
    assert saved.url == milestone.get_absolute_url()
    assert milestone.priority == priority and milestone.baseline_value is None
    assert "Awaiting data" in client.get(milestone.get_absolute_url()).content.decode()


def test_another_partnerships_chair_cannot_change_a_milestone(client, milestone, other_group, person_with_account):
    sign_in(client, other_group, MembershipRole.CHAIR, person_with_account)
    assert client.get(reverse("actions:edit_milestone", args=[milestone.pk])).status_code == 403


def test_the_milestone_page_costs_the_same_with_more_years_and_work_done(
    client, milestone, group, django_assert_max_num_queries
):
    close(create_action(group, "One thing done", priority=milestone.priority))

    def grow():
        figures_for(milestone.indicator, milestone.area, dict.fromkeys(range(2010, 2030), 23))
        for n in range(12):
            close(create_action(group, f"Done {n}", priority=milestone.priority))

    assert_queries_stay_flat(client, milestone.get_absolute_url(), grow, django_assert_max_num_queries)


@pytest.fixture
def school(sheffield):
    school = an_area("school", "107106", "School URN 107106", parent=sheffield)
    indicator = an_indicator()
    figures_for(indicator, school, {2016: 14, 2017: 13, 2018: 12}, phase="secondary")
    figures_for(indicator, sheffield, {2016: 16, 2017: 15, 2018: 15.5}, phase="secondary")
    for n, value in enumerate([10, 11, 12.5, 20]):
        other = an_area("school", f"10710{n}", f"School {n}", parent=sheffield)
        figures_for(indicator, other, {2018: value}, phase="secondary")
    return school


def verified_staff(urn):
    return SchoolStaffFactory(
        school_urn=urn, school_staff_verified_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    )


def test_a_schools_verified_staff_see_its_pack_with_its_rank(client, school):
    an_indicator("severe_absence", "Severe absence (50%+)")
    client.force_login(verified_staff("107106"))
    response = client.get(reverse("actions:my_school"), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("actions:school_pack", args=["107106"])
    assert "3rd lowest of 5 secondary schools in Sheffield" in html
    assert "12.00" in html and "15.50" in html
    assert "The files imported so far give no severe absence (50%+) figure for your school." in html


@pytest.mark.parametrize(
    "who",
    ["anonymous", "another school's staff", "unverified staff of the school", "a partner"],
)
def test_nobody_else_sees_a_schools_pack(client, school, who, person_with_account):
    url = reverse("actions:school_pack", args=["107106"])
    if who == "another school's staff":
        client.force_login(verified_staff("999999"))
    elif who == "unverified staff of the school":
        client.force_login(SchoolStaffFactory(school_urn="107106"))
    elif who == "a partner":
        client.force_login(person_with_account().user)
    response = client.get(url)
    assert response.status_code == (302 if who == "anonymous" else 404)
    assert b"107106" not in response.content or who == "anonymous"


def test_the_dashboard_points_verified_staff_to_their_school(client, school):
    client.force_login(verified_staff("107106"))
    assert reverse("actions:school_pack", args=["107106"]) in client.get(reverse("portal:dashboard")).content.decode()
    client.force_login(SchoolStaffFactory(school_urn="107106"))
    assert (
        reverse("actions:school_pack", args=["107106"]) not in client.get(reverse("portal:dashboard")).content.decode()
    )


def test_site_admins_find_milestones_in_the_admin(client, milestone, django_user_model):
    admin = django_user_model.objects.create_superuser(email="admin@example.org", password="x")
    client.force_login(admin)
    listing = client.get(reverse("wagtailsnippets_actions_milestone:list"))
    assert listing.status_code == 200 and milestone.intent in listing.content.decode()
    edit = client.get(reverse("wagtailsnippets_actions_milestone:edit", args=[milestone.pk]))
    assert edit.status_code == 200 and 'name="target_period"' in edit.content.decode()
