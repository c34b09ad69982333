"""Chairs approve or send back minutes from the site, in plain words, on Wagtail's workflow underneath."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from governance.approval import NoLongerWaiting, approve, send_back
from governance.factories import MeetingPageFactory, MembershipFactory, TermsOfReferencePageFactory
from governance.models import MembershipRole
from governance.services import send_for_approval
from portal.factories import UserFactory

pytestmark = pytest.mark.django_db

UNCHANGED_BANNER = (
    '<div class="callout callout--draft" role="status"><p><strong>Draft — not public.</strong> '
    "This is how the page will look once a chair approves and publishes it.</p></div>"
)
INLINE_SCRIPT_OR_STYLE = re.compile(r"<script(?![^>]*\bsrc=)|<[a-z][^>]*\s(on[a-z]+|style)\s*=", re.IGNORECASE)


@pytest.fixture
def people(group, other_group, person_with_account):
    roles = {
        "secretariat": (group, MembershipRole.SECRETARIAT, "Sam", "Notes"),
        "chair": (group, MembershipRole.CHAIR, "Helen", "Chair"),
        "vice_chair": (group, MembershipRole.VICE_CHAIR, "Victor", "Vice"),
        "member": (group, MembershipRole.MEMBER, "Mo", "Member"),
        "other_chair": (other_group, MembershipRole.CHAIR, "Olu", "Other"),
    }
    accounts = {}
    for name, (where, role, first_name, last_name) in roles.items():
        person = person_with_account(first_name=first_name, last_name=last_name)
        MembershipFactory(person=person, group=where, role=role)
        accounts[name] = person.user
    return accounts


def waiting_minutes(group, secretariat, title="Autumn term meeting"):
    meeting = MeetingPageFactory(parent=group, title=title, live=False)
    meeting.minutes = "<p>Attendance rose in every phase.</p>"
    meeting.save_revision(user=secretariat)
    send_for_approval(meeting, secretariat)
    return meeting


def url(name, page):
    return reverse(f"governance:{name}", args=[page.pk])


def signed_in(client, user):
    client.force_login(user)
    return client


def still_waiting(page):
    return TaskState.objects.filter(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    ).exists()


def emails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def test_the_chairs_dashboard_offers_to_read_approve_or_send_back_each_waiting_paper(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    page = signed_in(client, people["chair"]).get(reverse("portal:dashboard")).content.decode()
    waiting = page.split("Waiting for your approval", 1)[1].split("</section>", 1)[0]
    assert f'href="{url("read_draft", meeting)}"' in waiting
    assert f'<form method="post" action="{url("approve", meeting)}"' in waiting
    assert "csrfmiddlewaretoken" in waiting
    assert f'href="{url("send_back", meeting)}"' in waiting
    assert "Approve and publish<span class=\"visually-hidden\"> 'Autumn term meeting'</span>" in waiting


def test_a_chair_approves_and_the_minutes_are_published_with_a_link_and_the_secretariat_told(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    mail.outbox.clear()
    response = signed_in(client, people["chair"]).post(url("approve", meeting))
    assert response.url == url("approved", meeting)

    meeting.refresh_from_db()
    assert meeting.live
    assert meeting.minutes == "<p>Attendance rose in every phase.</p>"
    assert emails_to(people["secretariat"])[0].subject.endswith('"Autumn term meeting" is approved and published')

    page = client.get(response.url).content.decode()
    assert "<h1>'Autumn term meeting' is approved and published</h1>" in page
    assert f'<a href="{meeting.url}">Read the published minutes</a>' in page
    assert "We have emailed Sam Notes, who sent it to you" in page


def test_terms_of_reference_are_read_and_approved_the_same_way(client, group, people):
    terms = TermsOfReferencePageFactory(parent=group, title="Terms of reference 2025", live=False)
    terms.save_revision(user=people["secretariat"])
    send_for_approval(terms, people["secretariat"])
    draft = signed_in(client, people["chair"]).get(url("read_draft", terms)).content.decode()
    assert "Draft — not public." in draft
    assert f'action="{url("approve", terms)}"' in draft
    response = client.post(url("approve", terms), follow=True)
    assert "Read the published terms of reference" in response.content.decode()


def test_the_chair_reads_the_draft_through_its_own_template_with_the_two_buttons_in_the_banner(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    response = signed_in(client, people["chair"]).get(url("read_draft", meeting))
    page = response.content.decode()
    assert "Attendance rose in every phase." in page
    banner = page.split('<div class="callout callout--draft" role="status">', 1)[1].split("</div></div>", 1)[0]
    assert "Draft — not public." in banner
    assert f'<form method="post" action="{url("approve", meeting)}"' in banner
    assert "Approve and publish</button>" in banner
    assert f'href="{url("send_back", meeting)}">Send back with a comment</a>' in banner
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert not INLINE_SCRIPT_OR_STYLE.search(page)
    assert "private" in response["Cache-Control"]


def test_the_draft_banner_is_unchanged_for_everyone_else(group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    preview = meeting.get_latest_revision_as_object().make_preview_request()
    assert UNCHANGED_BANNER in preview.content.decode()


def test_sending_back_asks_for_a_comment_that_goes_to_whoever_sent_it(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    signed_in(client, people["chair"])
    assert "Your comment goes to Sam Notes, who sent it to you for approval." in (
        client.get(url("send_back", meeting)).content.decode()
    )
    mail.outbox.clear()
    response = client.post(url("send_back", meeting), {"comment": "   "})
    assert response.status_code == 400
    assert "Write what needs to change" in response.content.decode()
    assert still_waiting(meeting)
    assert not emails_to(people["secretariat"])


def test_the_comment_reaches_the_secretariats_list_as_changes_requested(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    mail.outbox.clear()
    comment = "Add the police's apologies to item 2."
    response = signed_in(client, people["chair"]).post(url("send_back", meeting), {"comment": comment})
    assert response.url == url("sent_back", meeting)

    confirmation = client.get(response.url).content.decode()
    assert "went back to the secretariat" in confirmation
    assert "Add the police&#x27;s apologies to item 2." in confirmation
    assert 'as "Changes requested", with the comment beside it' in confirmation
    assert f'Their comment: "{comment}"' in emails_to(people["secretariat"])[0].body
    meeting.refresh_from_db()
    assert not meeting.live

    dashboard = signed_in(client, people["secretariat"]).get(reverse("portal:dashboard")).content.decode()
    row = dashboard.split("Autumn term meeting", 1)[1].split("</li>", 1)[0]
    assert "Changes requested" in row
    assert "Add the police" in row and "apologies to item 2." in row


@pytest.mark.parametrize("who", ["other_chair", "member", "secretariat"])
def test_only_a_chair_of_the_group_may_read_approve_or_send_back(client, group, people, who):
    meeting = waiting_minutes(group, people["secretariat"])
    signed_in(client, people[who])
    assert client.get(url("read_draft", meeting)).status_code == 403
    assert client.get(url("send_back", meeting)).status_code == 403
    assert client.post(url("send_back", meeting), {"comment": "No."}).status_code == 403
    assert client.post(url("approve", meeting)).status_code == 403
    meeting.refresh_from_db()
    assert not meeting.live
    assert still_waiting(meeting)


def test_anonymous_visitors_are_asked_to_sign_in(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    for response in (client.get(url("read_draft", meeting)), client.post(url("approve", meeting))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    meeting.refresh_from_db()
    assert not meeting.live


def test_a_site_admin_may_approve(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    signed_in(client, UserFactory(is_superuser=True, is_staff=True)).post(url("approve", meeting))
    meeting.refresh_from_db()
    assert meeting.live


def test_a_page_never_sent_for_approval_is_not_found(client, group, people):
    draft = MeetingPageFactory(parent=group, live=False)
    draft.save_revision(user=people["secretariat"])
    signed_in(client, people["chair"])
    assert client.get(url("read_draft", draft)).status_code == 404
    assert client.post(url("approve", draft)).status_code == 404
    assert client.get(url("read_draft", group)).status_code == 404, "only meetings and terms are approved here"


def test_a_page_already_sent_back_is_refused_politely(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    signed_in(client, people["chair"]).post(url("send_back", meeting), {"comment": "Add the apologies."})

    signed_in(client, people["vice_chair"])
    for response in (client.get(url("read_draft", meeting)), client.post(url("approve", meeting))):
        assert response.url == reverse("portal:dashboard")
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "no longer waiting for approval: Helen Chair already sent it back with a comment." in page
    meeting.refresh_from_db()
    assert not meeting.live
    assert client.get(url("approved", meeting)).status_code == 404


def test_approving_twice_is_harmless(client, group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    mail.outbox.clear()
    signed_in(client, people["chair"])
    client.post(url("approve", meeting))
    again = client.post(url("approve", meeting), follow=True)
    assert "no longer waiting for approval: you already approved and published it." in again.content.decode()
    assert len(emails_to(people["secretariat"])) == 1
    assert meeting.revisions.count() == 1
    assert WorkflowState.objects.get(object_id=str(meeting.pk)).status == WorkflowState.STATUS_APPROVED


def test_when_two_chairs_answer_at_once_only_the_first_answer_counts(group, people):
    meeting = waiting_minutes(group, people["secretariat"])
    approve(meeting, people["chair"])
    with pytest.raises(NoLongerWaiting):
        send_back(meeting, people["vice_chair"], "Too late: it is published.")
    meeting.refresh_from_db()
    assert meeting.live
    rejected = TaskState.objects.filter(workflow_state__object_id=str(meeting.pk), status=TaskState.STATUS_REJECTED)
    assert not rejected.exists()
