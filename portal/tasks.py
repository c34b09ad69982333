"""Work that must not hold up a request, queued on the `background` task backend."""

import functools

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task
from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

# Queues whose enqueue is part of the caller's database transaction (or runs the task there and then).
IN_THE_TRANSACTION = (DatabaseBackend, ImmediateBackend, DummyBackend)


@task(backend="background")
def send_email(subject: str, body: str, to: list[str], html_body: str = "", headers: dict | None = None) -> int:
    """Sends one email; the worker retries nothing, so a failure shows in the task's result.

    `headers` are extra ones, such as List-Unsubscribe on emails people can turn off.
    """
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to, headers=headers)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()


def queue_email(**message):
    """Queues `send_email` so it leaves only if the change that asked for it is saved.

    The database queue writes its task row in the caller's transaction, so a rolled-back change takes
    its email with it. A queue outside the database (Redis) would not, so there the email is queued when
    the transaction commits; a process that dies between the commit and the queueing loses that email,
    which is better than sending one about something that never happened.
    """
    if isinstance(send_email.get_backend(), IN_THE_TRANSACTION):
        send_email.enqueue(**message)
    else:
        transaction.on_commit(functools.partial(send_email.enqueue, **message))
