"""Domain questions and steps that views and the admin hooks share.

Like Wagtail's `contrib/forms/utils.get_forms_for_user`, each function here has two callers, the
site's views and `wagtail_hooks.py`, so the hooks never import views.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

from governance.models import MeetingPage, PartnershipGroupPage


def groups_user_can_add_meetings_to(user):
    """The groups whose page tree lets this person add a meeting: their chairs and secretariat."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return PartnershipGroupPage.objects.filter(pk__in=pages.values("pk")).order_by("title")


def meetings_on(group, day):
    """The group's meetings, published or not, that start on this day (UK time)."""
    return MeetingPage.objects.child_of(group).filter(start__date=day).order_by("start")


def send_for_approval(page, user):
    """Start the page's approval workflow (the group's chairs), as "Submit for moderation" does in the admin."""
    return page.get_workflow().start(page, user)
