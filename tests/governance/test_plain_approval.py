"""Approval is said in plain words: emails speak of approving and sending back, drafts say they are not public."""

import pytest
from django.core import mail

from governance.factories import MeetingPageFactory, MembershipFactory
from governance.models import MembershipRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(group, person_with_account):
    secretariat, chair = person_with_account(), person_with_account()
    MembershipFactory(person=secretariat, group=group, role=MembershipRole.SECRETARIAT)
    MembershipFactory(person=chair, group=group, role=MembershipRole.CHAIR)
    return secretariat.user, chair.user


def submitted_minutes(group, secretariat):
    meeting = MeetingPageFactory(parent=group, title="Autumn term meeting", live=False)
    meeting.minutes = "<p>Attendance rose.</p>"
    meeting.save_revision(user=secretariat)
    return meeting, meeting.get_workflow().start(meeting, secretariat)


def test_the_chair_is_asked_to_approve_in_plain_words(group, roles):
    secretariat, chair = roles
    mail.outbox.clear()
    submitted_minutes(group, secretariat)
    to_chair = [message for message in mail.outbox if chair.email in message.to]
    assert to_chair, "the chair is told"
    message = to_chair[0]
    assert message.subject.endswith('"Autumn term meeting" is waiting for you to approve it')
    assert "approve and publish it or send it back with a comment" in message.body
    meeting = group.get_children().get(title="Autumn term meeting")
    assert f"/approvals/{meeting.pk}/draft/" in message.body  # on the site, with the chair's two buttons
    assert "moderation" not in (message.subject + message.body).lower()


def test_minutes_sent_back_tell_the_secretariat_the_chairs_comment(group, roles):
    secretariat, chair = roles
    meeting, state = submitted_minutes(group, secretariat)
    mail.outbox.clear()
    state.current_task_state.task.specific.on_action(
        state.current_task_state, chair, "reject", comment="Add the police's apologies."
    )
    to_secretariat = [message for message in mail.outbox if secretariat.email in message.to]
    assert to_secretariat
    message = to_secretariat[0]
    assert message.subject.endswith('"Autumn term meeting" was sent back with a comment')
    assert 'Their comment: "Add the police\'s apologies."' in message.body
    assert "rejected" not in message.body.lower()


def test_approving_tells_the_secretariat_it_is_published(group, roles):
    secretariat, chair = roles
    meeting, state = submitted_minutes(group, secretariat)
    mail.outbox.clear()
    state.current_task_state.task.specific.on_action(state.current_task_state, chair, "approve")
    to_secretariat = [message for message in mail.outbox if secretariat.email in message.to]
    assert to_secretariat
    assert to_secretariat[0].subject.endswith('"Autumn term meeting" is approved and published')
    assert meeting.full_url in to_secretariat[0].body


def test_a_preview_of_a_draft_says_it_is_not_public(group, roles):
    meeting, _ = submitted_minutes(group, roles[0])
    preview = meeting.get_latest_revision_as_object().make_preview_request()
    assert "Draft — not public." in preview.content.decode()


def test_the_published_page_carries_no_draft_banner(client, group):
    meeting = MeetingPageFactory(parent=group)
    assert "Draft — not public" not in client.get(meeting.url).content.decode()
