from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal.demo import DEMO_ACCOUNTS

# Each app adds its part of the demo in dependency order; a later app reads what earlier ones made.
DEMO_APPS = ["portal", "governance", "actions", "consultations"]


class Command(BaseCommand):
    help = "Create or refresh the Riverford demo partnership: accounts, pages and content. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        context = {"today": timezone.localdate(), "now": timezone.now()}
        for app in DEMO_APPS:
            if find_spec(f"{app}.demo"):
                import_module(f"{app}.demo").load(context)
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Sign in with:"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:<12} {account.email:<28} {account.password}")
