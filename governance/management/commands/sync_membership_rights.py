"""Takes away rights whose membership has ended and gives those whose membership has begun.

Schedule it just after midnight (see README); people who stay signed in are also re-checked on
their first request of the day, so no request after an end date is served with the old rights.
"""

from django.core.management.base import BaseCommand

from governance.membership import sync_all_rights


class Command(BaseCommand):
    help = "Bring every account's group rights in step with today's memberships."

    def handle(self, *args, **options):
        count = sync_all_rights()
        self.stdout.write(f"Checked the rights of {count} account{'s' if count != 1 else ''}.")
