import time
from contextlib import contextmanager
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

# Each app that has records to seed gives a `volume` module with `seed(context)`, returning how many of
# each kind it added; they run in dependency order, so a later app can build on what earlier ones made.
SEED_APPS = ["portal", "governance", "actions", "consultations"]


class Command(BaseCommand):
    help = (
        "Add a realistic volume of groups, people, meetings and minutes for benchmarks, up to --scale "
        "(1 = 50 groups, 5,000 people, 2,000 meetings). Adds only what is missing: run it again with a "
        "larger scale to grow the data; the same scale adds nothing. Search indexes are not updated: run "
        "`manage.py update_index` afterwards if the admin's search should find the seeded records."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 is a large partnership; 0.1 a small one.")

    def handle(self, *args, scale, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        started = time.monotonic()
        added = self.seed_every_app({"scale": scale, "today": timezone.localdate(), "now": timezone.now()})
        seconds = time.monotonic() - started
        if any(added.values()):
            counts = ", ".join(f"{count:,} {kind}" for kind, count in added.items() if count)
            self.stdout.write(self.style.SUCCESS(f"Seeded scale {scale:g}: added {counts}."))
        else:
            self.stdout.write(f"Already at scale {scale:g} or above: nothing to add.")
        self.stdout.write(f"Seeding took {seconds:.1f} s")

    def seed_every_app(self, context):
        added = {}
        with index_updates_held_back():
            for app in SEED_APPS:
                if find_spec(f"{app}.volume"):
                    with transaction.atomic():
                        added.update(import_module(f"{app}.volume").seed(context))
        return added


@contextmanager
def index_updates_held_back():
    """Saving thousands of pages is several times faster without search and reference index updates."""
    backends = {name: {**backend, "AUTO_UPDATE": False} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends), disable_reference_index_auto_update():
        yield
