"""Where the attendance figures appear beyond their own pages: the site's menu and the dashboard.

Registered from `wagtail_hooks.py`; portal shows them through its hooks without importing this app.
"""

from django.urls import reverse
from wagtail import hooks

from actions.schools import may_see_school_pack


@hooks.register("portal_navigation_links")
def attendance_figures_link(request):
    return ("Attendance figures", reverse("actions:figures"))


@hooks.register("portal_dashboard_panels", order=-7)
def your_school_panel(request):
    """A verified member of a school's staff is pointed to the school's own data pack."""
    user = request.user
    if not (user.is_authenticated and user.school_urn and may_see_school_pack(user, user.school_urn)):
        return None
    return {"template": "actions/includes/dashboard_your_school.html", "context": {"urn": user.school_urn}}
