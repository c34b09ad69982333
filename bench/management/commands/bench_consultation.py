"""One request for the seeded consultation's analysis or its CSV export, timed, with the process's peak memory.

bench/run.py runs it in a fresh process for each, signed in as the seeded chair (who sees names, so
the export has every column), so the peak resident memory (`ru_maxrss`) is a worker's that has
served that one request: Python, Django, Wagtail and the request together. The request goes through
Django's test Client, the whole middleware stack included; the export's stream is read to the end.
"""

import json
import resource
import time

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.urls import reverse

from bench.management.commands.probe_pages import benchmarked_group, seeded_chair, signed_in_client
from consultations.analysis import submitted_responses
from consultations.models import ConsultationPage
from consultations.volume import SLUG

PATHS = {"analysis": "consultations:analysis", "export": "consultations:export"}


class Command(BaseCommand):
    help = "Time one request for the seeded consultation's analysis or CSV export; print seconds and peak MB as JSON."

    def add_arguments(self, parser):
        parser.add_argument("page", choices=sorted(PATHS))

    # Timed as rendered, never as a signed-in person's stored copy (portal.personal_cache).
    @override_settings(PERSONAL_CACHE=False)
    def handle(self, *args, page, **options):
        consultation = ConsultationPage.objects.filter(slug=SLUG).first()
        if consultation is None:
            raise CommandError("No seeded consultation: run `manage.py seed_volume` first.")
        client = signed_in_client(seeded_chair(benchmarked_group()))
        path = reverse(PATHS[page], args=[consultation.pk]) + ("?format=csv" if page == "export" else "")
        # A first request loads code and templates, as a warm worker has; the export's own would be the peak.
        read(client, path if page == "analysis" else "/")
        before = peak_mb()
        started = time.perf_counter()
        size = read(client, path)
        seconds = time.perf_counter() - started
        report = {
            "seconds": round(seconds, 3),
            "peak_mb": peak_mb(),
            "before_mb": before,
            "bytes": size,
            "responses": submitted_responses(consultation).count(),
        }
        self.stdout.write(json.dumps(report))


def peak_mb():
    """The most resident memory this process has held (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def read(client, path):
    """The whole answer, read as a browser would, chunk by chunk when streamed; returns its size in bytes."""
    response = client.get(path)
    if response.status_code != 200:
        raise CommandError(f"{path} answered {response.status_code}.")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)
