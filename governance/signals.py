"""Rights and privacy follow what is published and who holds which membership, the moment either changes.

Page privacy follows the *published* group page (Wagtail's page_published), never a saved draft;
memberships re-sync their person's rights on every change, at each sign-in and once a day per
session (governance.middleware), so a right that ends on a date ends that day.
"""

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, PageViewRestriction
from wagtail.signals import page_published

from governance.membership import link_invited_people, mark_rights_checked
from governance.models import MeetingPage, Membership, Organisation, PartnershipGroupPage, Person
from governance.papers import publish_papers
from governance.roles import set_up_group_roles, sync_page_privacy, sync_user_rights
from portal.page_cache import forget_all_pages

# Group pages show memberships, people and their organisations: a change to any empties the page cache.
for model in (Membership, Person, Organisation):
    post_save.connect(forget_all_pages, sender=model, dispatch_uid=f"page_cache_saved_{model.__name__}")
    post_delete.connect(forget_all_pages, sender=model, dispatch_uid=f"page_cache_deleted_{model.__name__}")


@receiver(post_save, sender=PartnershipGroupPage)
def set_up_roles_for_new_groups(sender, instance, raw=False, created=False, **kwargs):
    if raw:
        return
    # A copied group page arrives holding the original's role groups: it needs its own.
    owns_roles = GroupPagePermission.objects.filter(page=instance, group_id=instance.chairs_group_id).exists()
    if not owns_roles:
        set_up_group_roles(instance)
    if created:
        sync_page_privacy(instance)


@receiver(page_published, sender=PartnershipGroupPage)
def privacy_follows_the_published_group(sender, instance, **kwargs):
    sync_page_privacy(instance)


@receiver(page_published, sender=MeetingPage)
def papers_follow_the_published_meeting(sender, instance, **kwargs):
    publish_papers(instance, instance.get_parent().specific)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def keep_group_privacy_in_step(sender, instance, **kwargs):
    """A restriction changed by any other route is put back to what the published page says."""
    group = PartnershipGroupPage.objects.filter(pk=instance.page_id).first()
    if group is not None and group.live:
        sync_page_privacy(group)


@receiver(post_save, sender=Membership)
def sync_rights_for_membership(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_user_rights(instance.person.user)


@receiver(pre_delete, sender=Membership)
def remember_account_of_deleted_membership(sender, instance, **kwargs):
    # Before the delete, the person still exists even when the delete cascades from them.
    instance._account = instance.person.user


@receiver(post_delete, sender=Membership)
def sync_rights_for_deleted_membership(sender, instance, **kwargs):
    sync_user_rights(getattr(instance, "_account", None))


@receiver(pre_save, sender=Person)
def remember_previous_account(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._previous_user_id = Person.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()


@receiver(post_save, sender=Person)
def sync_rights_when_account_linked(sender, instance, raw=False, **kwargs):
    if raw:
        return
    previous = getattr(instance, "_previous_user_id", None)
    if previous and previous != instance.user_id:
        from portal.models import User

        sync_user_rights(User.objects.filter(pk=previous).first())
    sync_user_rights(instance.user)


@receiver(user_logged_in)
def sync_rights_at_sign_in(sender, request, user, **kwargs):
    sync_user_rights(user)
    if request is not None:
        mark_rights_checked(request)


@receiver(email_confirmed)
def link_invitations_on_confirmation(sender, request, email_address, **kwargs):
    """Confirming the address a chair invited links the account to that person, and so to their groups."""
    link_invited_people(email_address.user, email_address.email)
