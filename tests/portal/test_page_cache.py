"""Anonymous visitors get public pages from the shared cache, and never a stale, private or personal copy."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from governance.factories import (
    MeetingPageFactory,
    MembershipFactory,
    PartnershipGroupPageFactory,
    PartnershipIndexPageFactory,
    PersonFactory,
)
from governance.models import MembershipRole
from portal.factories import UserFactory
from portal.page_cache import STATUS_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_with_account():
    return lambda: PersonFactory(user=UserFactory())


@pytest.fixture
def group(home_page):
    partnerships = PartnershipIndexPageFactory(parent=home_page)
    return PartnershipGroupPageFactory(parent=partnerships, title="Attendance working group")


@pytest.fixture
def past_meeting(group):
    return MeetingPageFactory(
        parent=group, title="Autumn meeting", start=timezone.now() - datetime.timedelta(days=10), minutes=""
    )


def anonymous_get(url):
    """A visitor with no cookies at all, as each new visitor arrives."""
    return Client().get(url)


def test_a_public_page_is_stored_once_and_then_served_without_the_database(group, django_assert_num_queries):
    assert anonymous_get(group.url)[STATUS_HEADER] == "miss"
    with django_assert_num_queries(0):
        response = anonymous_get(group.url)
    assert response[STATUS_HEADER] == "hit"
    assert "Attendance working group" in response.content.decode()


def test_approved_minutes_appear_at_once_on_the_cached_meeting_and_group_pages(
    group, past_meeting, person_with_account, django_capture_on_commit_callbacks
):
    secretariat, chair = person_with_account(), person_with_account()
    MembershipFactory(person=secretariat, group=group, role=MembershipRole.SECRETARIAT)
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    for url in (past_meeting.url, group.url):
        anonymous_get(url)
        assert "Pupils missing ten per cent" not in anonymous_get(url).content.decode()

    past_meeting.minutes = "<p>Pupils missing ten per cent of sessions fell this term.</p>"
    past_meeting.save_revision(user=secretariat.user)
    workflow_state = past_meeting.get_workflow().start(past_meeting, secretariat.user)
    chair_client = Client()
    chair_client.force_login(chair.user)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[past_meeting.pk, "approve", workflow_state.current_task_state.pk],
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert chair_client.post(approve, {"comment": ""}).status_code in {200, 302}

    assert "Pupils missing ten per cent" in anonymous_get(past_meeting.url).content.decode()
    assert "Autumn meeting" in anonymous_get(group.url).content.decode().split("Recent minutes", 1)[1]


def test_unpublishing_a_page_removes_it_from_every_cached_list(group, django_capture_on_commit_callbacks):
    meeting = MeetingPageFactory(parent=group, title="Spring planning meeting")
    assert "Spring planning meeting" in anonymous_get(group.url).content.decode()
    assert anonymous_get(group.url)[STATUS_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        meeting.unpublish()

    assert "Spring planning meeting" not in anonymous_get(group.url).content.decode()
    assert "Spring planning meeting" not in anonymous_get(f"{group.url}meetings.ics").content.decode()
    assert anonymous_get(meeting.url).status_code == 404


def test_a_membership_change_shows_at_once_on_the_cached_group_page(group, django_capture_on_commit_callbacks):
    anonymous_get(group.url)
    with django_capture_on_commit_callbacks(execute=True):
        MembershipFactory(group=group, person=PersonFactory(full_name="Grace Ellison"))
    assert "Grace Ellison" in anonymous_get(group.url).content.decode()


def test_a_signed_in_person_never_receives_the_anonymous_copy(group, client):
    anonymous_get(group.url)
    assert anonymous_get(group.url)[STATUS_HEADER] == "hit"

    user = UserFactory(first_name="Helen", last_name="Marsh")
    client.force_login(user)
    response = client.get(group.url)
    assert STATUS_HEADER not in response
    assert "Helen Marsh" in response.content.decode()


def test_a_members_only_page_is_never_stored(partnerships_with_private_group, person_with_account):
    private_group = partnerships_with_private_group
    member = person_with_account()
    MembershipFactory(person=member, group=private_group, role=MembershipRole.MEMBER)
    member_client = Client()
    member_client.force_login(member.user)
    assert member_client.get(private_group.url).status_code == 200

    refused = anonymous_get(private_group.url)
    assert refused.status_code == 302
    assert STATUS_HEADER not in refused


def test_a_password_protected_page_is_not_shared_with_visitors_who_have_not_given_it(group):
    meeting = MeetingPageFactory(parent=group, title="Exclusions review")
    restriction = PageViewRestriction.objects.create(
        page=meeting, restriction_type=PageViewRestriction.PASSWORD, password="agreed-at-the-meeting"
    )
    visitor = Client()
    visitor.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, meeting.pk]),
        {"password": "agreed-at-the-meeting", "return_url": meeting.url},
    )
    assert "Exclusions review" in visitor.get(meeting.url).content.decode()

    stranger = anonymous_get(meeting.url)
    assert "password" in stranger.content.decode().lower()
    assert STATUS_HEADER not in stranger


def test_a_cached_page_never_carries_a_csrf_token_or_a_cookie(group):
    anonymous_get(group.url)
    cached = anonymous_get(group.url)
    assert cached[STATUS_HEADER] == "hit"
    assert not cached.cookies
    assert "csrfmiddlewaretoken" not in cached.content.decode()


def test_a_stored_form_page_never_reaches_a_visitor_without_their_own_token(home_page):
    sign_in = reverse("account_login")
    anonymous_get(sign_in)
    second = anonymous_get(sign_in)
    content = second.content.decode()
    assert "csrfmiddlewaretoken" in content
    assert "\x00" not in content
    assert len(csrf_token_in(second)) == 64
    assert "csrftoken" in second.cookies


def test_a_stored_page_may_also_be_kept_by_a_shared_cache_in_front(group):
    response = anonymous_get(group.url)
    assert "public" in response["Cache-Control"]
    assert "s-maxage=" in response["Cache-Control"]


@pytest.fixture
def partnerships_with_private_group(group):
    return PartnershipGroupPageFactory(parent=group.get_parent(), title="Exclusions panel", members_only=True)


def test_only_pages_free_of_every_view_restriction_are_marked_as_shareable(rf, partnerships_with_private_group, group):
    from portal.page_cache import REQUEST_FLAG, mark_cacheable

    meeting = MeetingPageFactory(parent=partnerships_with_private_group)
    for page, shareable in ((group, True), (partnerships_with_private_group, False), (meeting, False)):
        request = rf.get(page.url)
        mark_cacheable(request, page)
        assert getattr(request, REQUEST_FLAG) is shareable, page


def test_a_response_that_handed_out_a_csrf_token_or_set_a_cookie_is_not_stored(rf, group):
    from django.http import HttpResponse

    from portal.page_cache import REQUEST_FLAG, may_store

    def served(**meta):
        request = rf.get(group.url, **meta)
        setattr(request, REQUEST_FLAG, True)
        return request

    assert may_store(served(), HttpResponse("ok"))
    assert not may_store(served(CSRF_COOKIE_USED=True), HttpResponse("a form"))
    with_cookie = HttpResponse("ok")
    with_cookie.set_cookie("messages", "x")
    assert not may_store(served(), with_cookie)
    private = HttpResponse("ok", headers={"Cache-Control": "private"})
    assert not may_store(served(), private)


def csrf_token_in(response):
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_the_sign_in_form_comes_from_the_cache_with_each_visitors_own_working_token(home_page):
    UserFactory(email="chair@example.org")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(reverse("account_login"))[STATUS_HEADER] == "miss"
    served = second.get(reverse("account_login"))
    assert served[STATUS_HEADER] == "hit"
    assert "no-store" in served["Cache-Control"]
    assert csrf_token_in(served) != csrf_token_in(first.get(reverse("account_login")))

    from portal.factories import TEST_PASSWORD

    response = second.post(
        reverse("account_login"),
        {"login": "chair@example.org", "password": TEST_PASSWORD, "csrfmiddlewaretoken": csrf_token_in(served)},
    )
    assert response.status_code == 302
    assert response.url == reverse("portal:dashboard")


def test_the_cached_sign_in_form_keeps_where_the_visitor_was_going(home_page):
    url = reverse("account_login") + "?next=/dashboard/"
    anonymous_get(url)
    served = anonymous_get(url)
    assert served[STATUS_HEADER] == "hit"
    assert 'value="/dashboard/"' in served.content.decode()
    assert 'value="/dashboard/"' not in anonymous_get(reverse("account_login")).content.decode()


def test_a_visitor_with_a_session_gets_the_sign_in_form_rendered_for_them(home_page, client):
    anonymous_get(reverse("account_login"))
    client.force_login(UserFactory())
    assert STATUS_HEADER not in client.get(reverse("account_login"))


def test_a_page_with_a_token_outside_its_form_field_is_not_kept():
    from portal.page_cache import with_token_taken_out

    field = '<input type="hidden" name="csrfmiddlewaretoken" value="abc123">'
    assert with_token_taken_out(f"<form>{field}</form>") is not None
    assert with_token_taken_out(f"<form>{field}</form><script>var t='abc123'</script>") is None
    assert with_token_taken_out("<p>No form here</p>") is None


class RecordingPurgeBackend:
    """A CDN in front, as Wagtail's frontend cache app sees one: it records what it is told to purge."""

    purged: list[str] = []

    def __init__(self, params):
        pass

    def purge(self, url):
        self.purged.append(url)

    def purge_batch(self, urls):
        self.purged.extend(urls)

    def invalidates_hostname(self, hostname):
        return True


def test_publishing_purges_the_page_and_the_pages_that_list_it_from_a_cdn_in_front(group, settings):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingPurgeBackend"}}
    RecordingPurgeBackend.purged.clear()
    meeting = MeetingPageFactory(parent=group, title="Summer meeting")
    meeting.title = "Summer meeting (moved)"
    meeting.save_revision().publish()
    purged = {url.split("localhost", 1)[-1] for url in RecordingPurgeBackend.purged}
    assert {meeting.url, group.url, group.get_parent().url, "/"} <= purged
