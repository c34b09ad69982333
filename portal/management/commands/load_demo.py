from django.core.management.base import BaseCommand
from django.db import transaction

from portal import demo


class Command(BaseCommand):
    help = "Create or refresh the Riverford demo partnership: accounts, pages and content. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        accounts = demo.load()
        self.stdout.write(self.style.SUCCESS("Demo content is ready. Sign in with:"))
        for account in demo.DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.role:<12} {accounts[account.role].email:<28} {account.password}")
