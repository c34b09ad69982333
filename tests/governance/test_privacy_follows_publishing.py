"""Who can see a group follows its *published* page; private pages leak through no list or feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text

from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    PartnershipGroupPageFactory,
    TermsOfReferencePageFactory,
)
from governance.models import MembershipRole, PartnershipGroupPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_group(partnerships):
    return PartnershipGroupPageFactory(parent=partnerships, title="Exclusions panel", members_only=True)


def signed_in_as(client, person_with_account, group, role):
    person = person_with_account()
    MembershipFactory(person=person, group=group, role=role)
    client.force_login(person.user)
    return person.user


def group_form(group, **changes):
    fields = {
        "title": group.title,
        "slug": group.slug,
        "kind": group.kind,
        "status": group.status,
        "purpose": rich_text(group.purpose),
        "members_only": "on" if group.members_only else "",
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        **changes,
    }
    return nested_form_data({key: value for key, value in fields.items() if value != ""})


def test_a_saved_draft_that_unticks_members_only_does_not_open_the_live_page(
    client, private_group, person_with_account
):
    signed_in_as(client, person_with_account, private_group, MembershipRole.SECRETARIAT)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[private_group.pk]), group_form(private_group, members_only="")
    )
    assert response.status_code == 302, response.content[:2000]
    private_group.refresh_from_db()
    assert private_group.has_unpublished_changes

    client.logout()
    response = client.get(private_group.url)
    assert response.status_code == 302 and "login" in response.url


def test_publishing_the_change_opens_the_group(client, private_group, person_with_account):
    signed_in_as(client, person_with_account, private_group, MembershipRole.CHAIR)
    form = group_form(private_group, members_only="", **{"action-publish": "action-publish"})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[private_group.pk]), form)
    assert response.status_code == 302, response.content[:2000]

    client.logout()
    assert client.get(private_group.url).status_code == 200


def test_publishing_members_only_closes_an_open_group(client, group, person_with_account):
    signed_in_as(client, person_with_account, group, MembershipRole.CHAIR)
    form = group_form(group, members_only="on", **{"action-publish": "action-publish"})
    client.post(reverse("wagtailadmin_pages:edit", args=[group.pk]), form)

    client.logout()
    assert client.get(group.url).status_code == 302


def test_privacy_removed_by_another_route_is_put_back(private_group):
    PageViewRestriction.objects.filter(page=private_group).delete()
    restriction = PageViewRestriction.objects.get(page=private_group)
    assert set(restriction.groups.all()) == {
        private_group.chairs_group,
        private_group.secretariat_group,
        private_group.members_group,
    }


def test_group_pages_offer_no_separate_wagtail_privacy_control():
    assert PartnershipGroupPage.private_page_options == []


@pytest.fixture
def private_meeting(group):
    meeting = MeetingPageFactory(parent=group, title="Case review: named pupils")
    PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.LOGIN)
    return meeting


@pytest.fixture
def open_meeting(group):
    return MeetingPageFactory(parent=group, title="Termly meeting")


def test_a_private_meeting_is_not_listed_on_the_public_group_page(client, group, private_meeting, open_meeting):
    response = client.get(group.url)
    assert "Termly meeting" in response.content.decode()
    assert "Case review" not in response.content.decode()
    assert client.get(private_meeting.url).status_code == 302


def test_a_private_meeting_is_not_in_the_public_calendar_feed(client, group, private_meeting, open_meeting):
    feed = client.get(f"{group.url}meetings.ics").content.decode()
    assert "Termly meeting" in feed
    assert "Case review" not in feed


def test_someone_who_may_open_the_meeting_sees_it_listed(client, group, private_meeting, django_user_model):
    from portal.factories import UserFactory

    client.force_login(UserFactory())
    assert "Case review" in client.get(group.url).content.decode()
    assert "Case review" in client.get(f"{group.url}meetings.ics").content.decode()


def test_a_private_meeting_is_never_found_by_a_search_it_would_match(client, group, private_meeting):
    found = client.get(reverse("portal:search"), {"q": "named pupils"}).content.decode()
    assert "Case review" not in found


def names_the_session(response):
    text = response.content.decode()
    return "Chairs' session" in text or "Chairs&#x27; session" in text


def test_a_meeting_kept_to_the_chairs_reaches_no_list_a_member_sees(client, group, person_with_account):
    meeting = MeetingPageFactory(
        parent=group, title="Chairs' session on staffing", start=timezone.now() + datetime.timedelta(days=3)
    )
    restriction = PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group.chairs_group)
    search = reverse("portal:search") + "?q=staffing"
    lists = ["/", group.url, f"{group.url}meetings.ics", reverse("portal:dashboard"), search]

    signed_in_as(client, person_with_account, group, MembershipRole.MEMBER)
    assert [url for url in lists if names_the_session(client.get(url))] == []

    signed_in_as(client, person_with_account, group, MembershipRole.CHAIR)
    assert names_the_session(client.get(group.url)) and names_the_session(client.get(search))


def test_past_private_minutes_are_not_listed(client, group):
    past = MeetingPageFactory(
        parent=group, title="Closed session", start=timezone.now() - datetime.timedelta(days=7), minutes="<p>Notes</p>"
    )
    PageViewRestriction.objects.create(page=past, restriction_type=PageViewRestriction.LOGIN)
    assert "Closed session" not in client.get(group.url).content.decode()


def test_members_only_groups_are_listed_only_to_their_members(client, partnerships, private_group, person_with_account):
    assert "Exclusions panel" not in client.get(partnerships.url).content.decode()
    signed_in_as(client, person_with_account, private_group, MembershipRole.MEMBER)
    assert "Exclusions panel" in client.get(partnerships.url).content.decode()


def test_private_terms_of_reference_are_not_linked(client, group):
    terms = TermsOfReferencePageFactory(parent=group, title="Draft terms for the panel")
    PageViewRestriction.objects.create(page=terms, restriction_type=PageViewRestriction.LOGIN)
    assert "Draft terms for the panel" not in client.get(group.url).content.decode()


def test_dashboard_lists_only_groups_the_person_can_open(client, partnerships, person_with_account):
    unpublished = PartnershipGroupPageFactory(parent=partnerships, title="Shadow board", live=False)
    user = signed_in_as(client, person_with_account, unpublished, MembershipRole.MEMBER)
    assert user.is_authenticated
    assert "Shadow board" not in client.get(reverse("portal:dashboard")).content.decode()


def test_listing_queries_stay_flat_as_restrictions_grow(client, group, django_assert_max_num_queries):
    for number in range(3):
        meeting = MeetingPageFactory(parent=group, title=f"Restricted {number}")
        PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.LOGIN)
    client.get(group.url)
    with django_assert_max_num_queries(20) as captured:
        client.get(group.url)
    few = len(captured)
    for number in range(3, 12):
        meeting = MeetingPageFactory(parent=group, title=f"Restricted {number}")
        PageViewRestriction.objects.create(page=meeting, restriction_type=PageViewRestriction.LOGIN)
    with django_assert_max_num_queries(few):
        client.get(group.url)


def test_a_restricted_version_of_the_terms_is_not_listed_among_the_versions(client, group):
    earlier = TermsOfReferencePageFactory(
        parent=group, title="Terms 2024", effective_from=timezone.localdate() - datetime.timedelta(days=400)
    )
    TermsOfReferencePageFactory(parent=group, title="Terms 2025 (working copy)")
    restricted = TermsOfReferencePageFactory(
        parent=group,
        title="Terms 2023 (confidential)",
        effective_from=timezone.localdate() - datetime.timedelta(days=800),
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    page = client.get(earlier.url).content.decode()
    assert "Terms 2025 (working copy)" in page
    assert "Terms 2023 (confidential)" not in page
