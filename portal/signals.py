"""Keep a person's verification and groups true whenever their account changes."""

from allauth.account.signals import email_changed, email_confirmed
from django.db.models.signals import post_save
from django.dispatch import receiver

from portal.models import User


@receiver(post_save, sender=User)
def sync_audience_groups(sender, instance, raw=False, **kwargs):
    if not raw:
        instance.sync_audience_groups()


@receiver(email_confirmed)
def verify_school_domain_on_confirmation(sender, request, email_address, **kwargs):
    refresh_verification(email_address.user)


@receiver(email_changed)
def recheck_school_domain_on_email_change(sender, request, user, from_email_address, to_email_address, **kwargs):
    refresh_verification(user)


def refresh_verification(user):
    user.refresh_from_db()
    user.refresh_school_verification()
    user.save()
