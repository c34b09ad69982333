"""Work that must not hold up a request, queued on the `background` task backend."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task(backend="background")
def send_email(subject: str, body: str, to: list[str], html_body: str = "", headers: dict | None = None) -> int:
    """Sends one email; the worker retries nothing, so a failure shows in the task's result.

    `headers` are extra ones, such as List-Unsubscribe on emails people can turn off.
    """
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to, headers=headers)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
