"""Rights that start or end on a date change on that day, even for someone who stays signed in."""

from governance.membership import mark_rights_checked, rights_checked_today
from governance.roles import sync_user_rights


class MembershipRightsMiddleware:
    """Re-checks a signed-in person's memberships on their first request of each day.

    Changes a chair makes re-sync at once (governance.signals); this catches dates passing. It costs
    nothing on later requests that day: the day checked is kept in the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and not rights_checked_today(request):
            sync_user_rights(request.user)
            mark_rights_checked(request)
        return self.get_response(request)
