"""Keep a person's verification and groups true whenever their account changes."""

from allauth.account.signals import email_changed, email_confirmed
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import User
from portal.page_cache import forget_all_pages


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


# Anything that changes what an anonymous visitor could see empties the page cache.
page_published.connect(forget_all_pages, dispatch_uid="page_cache_published")
page_unpublished.connect(forget_all_pages, dispatch_uid="page_cache_unpublished")
post_page_move.connect(forget_all_pages, dispatch_uid="page_cache_moved")
for model in (PageViewRestriction, Site):
    post_save.connect(forget_all_pages, sender=model, dispatch_uid=f"page_cache_saved_{model.__name__}")
    post_delete.connect(forget_all_pages, sender=model, dispatch_uid=f"page_cache_deleted_{model.__name__}")


@receiver(post_delete)
def forget_pages_when_a_page_is_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_all_pages()


@receiver(post_save)
def forget_pages_when_a_live_page_is_created(sender, instance, created=False, raw=False, **kwargs):
    """Pages made live in one step (the demo, imports, copies) are published without a publish signal."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        forget_all_pages()


def purge_listing_pages_in_front(instance, **kwargs):
    """Wagtail purges the page itself from a CDN in front; the pages that list it must go too."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    batch = PurgeBatch()
    batch.add_pages(instance.get_ancestors().filter(depth__gt=1).specific())
    batch.purge()


page_published.connect(purge_listing_pages_in_front, dispatch_uid="frontend_cache_listings_published")
page_unpublished.connect(purge_listing_pages_in_front, dispatch_uid="frontend_cache_listings_unpublished")
