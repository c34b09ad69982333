"""Email waits in the database queue until the worker sends it, so no request waits on a mail server."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from portal.tasks import send_email

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


# The worker takes its own transaction to claim a task, so this test commits for real.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_QUEUE)
def test_queued_email_is_sent_by_the_worker_not_the_request():
    result = send_email.enqueue(subject="Minutes ready", body="Read them.", to=["chair@example.org"])
    assert mail.outbox == []
    assert result.status == "READY"

    call_command("db_worker", "--backend", "background", "--batch", "--no-startup-delay", "--verbosity", "0")

    assert [message.subject for message in mail.outbox] == ["Minutes ready"]
    result.refresh()
    assert result.status == "SUCCESSFUL"
