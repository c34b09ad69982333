"""What consultations add to the rest of the site through Wagtail hooks: their place in the site search,
and on a chair's dashboard the outcomes still to publish."""

from wagtail import hooks

from consultations.outcome import outcomes_to_write
from consultations.search import consultations_found


@hooks.register("portal_search_results", order=20)
def consultations_in_search(request, query):
    """The site search lists consultations after groups, minutes and terms, and before actions."""
    return consultations_found(request, query)


@hooks.register("portal_dashboard_panels", order=-7)
def outcomes_to_write_panel(request):
    """A group's chairs are reminded of closed consultations still waiting for "we asked, you said, we did"."""
    waiting = outcomes_to_write(request.user)
    if not waiting:
        return None
    return {"template": "consultations/outcome_dashboard.html", "context": {"consultations": waiting}}
