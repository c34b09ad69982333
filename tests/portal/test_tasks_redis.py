"""With REDIS_URL set, queued email waits in Redis (RQ) until an RQ worker sends it."""

import shutil
import socket
import subprocess
import time

import django_rq
import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django_tasks_rq import Job
from rq import SimpleWorker

from portal.tasks import queue_email, send_email


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server (`make test` installs it) on a port of its own."""
    server = shutil.which("redis-server")
    assert server, "redis-server is needed: scripts/system-deps.sh redis-server"
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own fixed arguments
        [server, "--port", str(port), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


def test_email_waits_in_redis_until_the_worker_sends_it(redis_url):
    backends = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    }
    with override_settings(RQ_QUEUES={"default": {"URL": redis_url}}, TASKS=backends):
        result = send_email.enqueue(subject="Action due", body="Your action is due.", to=["owner@example.org"])
        assert mail.outbox == []
        assert result.status == "READY"

        queue = django_rq.get_queue("default", job_class=Job)
        assert queue.count == 1
        # As `manage.py rqworker --job-class django_tasks_rq.Job default` runs it, but without forking,
        # so this process's outbox sees the email.
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

        assert [message.subject for message in mail.outbox] == ["Action due"]


@pytest.mark.django_db(transaction=True)
def test_an_email_about_a_change_that_is_rolled_back_never_reaches_redis(redis_url):
    backends = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    }
    with override_settings(RQ_QUEUES={"default": {"URL": redis_url}}, TASKS=backends):
        queue = django_rq.get_queue("default", job_class=Job)
        with pytest.raises(RuntimeError), transaction.atomic():
            queue_email(subject="Added to the group", body="Welcome.", to=["new@example.org"])
            raise RuntimeError("the membership could not be saved")
        assert queue.count == 0

        with transaction.atomic():
            queue_email(subject="Added to the group", body="Welcome.", to=["new@example.org"])
            assert queue.count == 0, "queued only once the change is saved"
        assert queue.count == 1
