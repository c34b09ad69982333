"""Action reminders: each stage once for each due date, only to owners who want them, and a link to stop them."""

import datetime
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from actions.factories import make_action
from actions.models import ActionStatus, Reminder
from actions.reminders import remind, reminders_due, send_reminders, stop_token
from governance.factories import PersonFactory

pytestmark = pytest.mark.django_db


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def plain(text):
    """Due dates in words keep their number and unit together with a no-break space, as Django's timesince does."""
    return text.replace("\xa0", " ")


def run(*args):
    out = StringIO()
    call_command("send_action_reminders", *args, stdout=out)
    return plain(out.getvalue())


@pytest.fixture
def owner(person_with_account):
    return person_with_account(email="owner@example.org")


def test_running_twice_sends_each_reminder_once(group, owner):
    soon = make_action(group, "Circulate the attendance figures", owner=owner, due_on=days_from_today(3))
    late = make_action(group, "Write to the trust boards", owner=owner, due_on=days_from_today(-2))

    first = run()
    second = run()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@example.org"]
    assert soon.reference in mail.outbox[0].body and late.reference in mail.outbox[0].body
    assert Reminder.objects.count() == 2
    assert (
        f"Reminded owner@example.org about {late.reference} (overdue by 2 days); {soon.reference} (due in 3 days)"
        in first
    )
    assert "Queued 1 email about 2 actions." in first
    assert second.strip() == "No one needed reminding."


def test_due_soon_then_overdue_are_two_reminders(group, owner):
    action = make_action(group, owner=owner, due_on=days_from_today(2))

    send_reminders()
    send_reminders(today=days_from_today(3))

    stages = set(Reminder.objects.filter(action=action).values_list("stage", flat=True))
    assert stages == {Reminder.Stage.DUE_SOON, Reminder.Stage.OVERDUE}
    assert [message.subject for message in mail.outbox] == ["Reminder: 1 action due soon", "Reminder: 1 action overdue"]
    assert "Overdue by 1 day" in plain(mail.outbox[1].body)


def test_only_actions_due_within_the_days_set_are_due_soon(group, owner, settings):
    settings.ACTION_REMINDER_DAYS = 7
    later = make_action(group, owner=owner, due_on=days_from_today(10))

    assert send_reminders() == []
    assert [item.action for _, due in send_reminders(days=10) for item in due] == [later]


def test_a_changed_due_date_is_reminded_again(group, owner):
    action = make_action(group, owner=owner, due_on=days_from_today(1))
    run()
    action.due_on = days_from_today(5)
    action.save()

    run()

    assert len(mail.outbox) == 2
    assert "Due in 5 days" in plain(mail.outbox[1].body)
    assert set(Reminder.objects.values_list("due_on", flat=True)) == {days_from_today(1), days_from_today(5)}


def test_done_and_dropped_actions_are_never_reminded(group, owner):
    make_action(group, owner=owner, due_on=days_from_today(-3), status=ActionStatus.DONE)
    make_action(group, owner=owner, due_on=days_from_today(2), status=ActionStatus.DROPPED, status_reason="Overtaken.")

    run()

    assert mail.outbox == [] and not Reminder.objects.exists()


def test_blocked_and_in_progress_actions_are_still_reminded(group, owner):
    make_action(group, owner=owner, due_on=days_from_today(-3), status=ActionStatus.BLOCKED, status_reason="Waiting.")
    make_action(group, owner=owner, due_on=days_from_today(2), status=ActionStatus.IN_PROGRESS)

    run()

    assert Reminder.objects.count() == 2


def test_an_owner_who_turned_reminders_off_gets_nothing(group, person_with_account):
    owner = person_with_account(notify_action_reminders=False)
    make_action(group, owner=owner, due_on=days_from_today(-1))

    assert run().strip() == "No one needed reminding."
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_an_owner_with_no_account_or_no_owner_gets_nothing(group):
    make_action(group, owner=PersonFactory(email="no-account@example.org"), due_on=days_from_today(1))
    make_action(group, due_on=days_from_today(1))

    run()

    assert mail.outbox == [] and not Reminder.objects.exists()


def test_reminders_go_to_the_account_address_not_the_person_record(group, person_with_account):
    owner = person_with_account(email="signs-in@example.org")
    owner.email = "typed-by-a-chair@example.org"
    owner.save()
    make_action(group, owner=owner, due_on=days_from_today(1))

    run()

    assert mail.outbox[0].to == ["signs-in@example.org"]
    assert Reminder.objects.get().sent_to == "signs-in@example.org"


def test_each_person_gets_their_own_email(group, owner, person_with_account):
    other = person_with_account(email="other@example.org")
    make_action(group, owner=owner, due_on=days_from_today(1))
    make_action(group, owner=other, due_on=days_from_today(1))

    run()

    assert sorted(message.to[0] for message in mail.outbox) == ["other@example.org", "owner@example.org"]


def test_the_email_lists_each_action_with_its_link_and_the_links_to_change_or_stop(group, owner):
    action = make_action(group, "Circulate the attendance figures", owner=owner, due_on=days_from_today(-4))

    run()

    message = mail.outbox[0]
    action_url = "http://testserver" + reverse("actions:action", args=[action.reference])
    stop_url = "http://testserver" + reverse("actions:stop_reminders", args=[stop_token(owner.user)])
    html = message.alternatives[0][0]
    for text in (plain(message.body), plain(html)):
        assert f"{action.reference}: Circulate the attendance figures" in text
        assert "Overdue by 4 days" in text
        assert days_from_today(-4).strftime("%-d %B %Y") in text
        assert action_url in text and stop_url in text
        assert "http://testserver/profile/" in text
    assert message.subject == "Reminder: 1 action overdue"


def test_the_email_carries_one_click_unsubscribe_headers(group, owner):
    make_action(group, owner=owner, due_on=days_from_today(1))

    run()

    headers = mail.outbox[0].message()
    stop_url = "http://testserver" + reverse("actions:stop_reminders", args=[stop_token(owner.user)])
    assert headers["List-Unsubscribe"] == f"<{stop_url}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_dry_run_sends_and_records_nothing(group, owner):
    action = make_action(group, owner=owner, due_on=days_from_today(3))

    output = run("--dry-run")

    assert f"Would remind owner@example.org about {action.reference} (due in 3 days)." in output
    assert "nothing was sent or recorded" in output
    assert mail.outbox == [] and not Reminder.objects.exists()
    run()
    assert len(mail.outbox) == 1


def test_a_reminder_another_run_recorded_first_is_not_sent_again(group, owner):
    action = make_action(group, owner=owner, due_on=days_from_today(1))
    [(account, due)] = reminders_due(timezone.localdate(), 7).items()
    Reminder.objects.create(action=action, stage=Reminder.Stage.DUE_SOON, due_on=action.due_on, sent_to="x@example.org")

    assert remind(account, due) == []
    assert mail.outbox == []


def test_a_reminder_is_not_recorded_when_its_email_cannot_be_queued(group, owner, monkeypatch):
    make_action(group, owner=owner, due_on=days_from_today(1))

    def queue_is_down(**email):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr("actions.reminders.queue_email", queue_is_down)
    with pytest.raises(RuntimeError):
        send_reminders()

    assert not Reminder.objects.exists()


@pytest.mark.django_db(transaction=True)
@override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
)
def test_reminders_wait_in_the_queue_for_the_worker(group, owner):
    make_action(group, owner=owner, due_on=days_from_today(1))

    run()
    assert mail.outbox == []
    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--verbosity", "0")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def stop_url_for(user):
    return reverse("actions:stop_reminders", args=[stop_token(user)])


def test_opening_the_stop_link_asks_and_changes_nothing(owner):
    response = Client().get(stop_url_for(owner.user))

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert "Stop action reminders" in response.content.decode()
    owner.user.refresh_from_db()
    assert owner.user.notify_action_reminders is True


def test_pressing_stop_turns_reminders_off_without_signing_in_or_a_csrf_token(owner):
    client = Client(enforce_csrf_checks=True)

    response = client.post(stop_url_for(owner.user), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Action reminders are off" in response.content.decode()
    assert reverse("portal:profile") in response.content.decode()
    owner.user.refresh_from_db()
    assert owner.user.notify_action_reminders is False


def test_a_stopped_account_is_not_reminded_afterwards(group, owner):
    Client().post(stop_url_for(owner.user))
    make_action(group, owner=owner, due_on=days_from_today(1))

    run()

    assert mail.outbox == []


@pytest.mark.parametrize(
    "token",
    [
        "made-up",
        signing.Signer(salt="another.purpose").sign_object(1),
    ],
)
def test_a_tampered_or_made_up_link_is_refused(owner, token):
    response = Client().post(reverse("actions:stop_reminders", args=[token]))

    assert response.status_code == 404
    owner.user.refresh_from_db()
    assert owner.user.notify_action_reminders is True


def test_a_link_changed_to_name_another_account_is_refused(owner, person_with_account):
    other = person_with_account()
    value, signature = stop_token(owner.user).split(":")
    forged = f"{signing.Signer(salt='x').sign_object(other.user.pk).split(':')[0]}:{signature}"

    response = Client().post(reverse("actions:stop_reminders", args=[forged]))

    assert response.status_code == 404
    other.user.refresh_from_db()
    assert other.user.notify_action_reminders is True
