"""What consultations add to the rest of the site through Wagtail hooks: their place in the site search,
on a chair's dashboard the outcomes still to publish, and keeping answers out of Wagtail's Forms listing."""

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks

from consultations.models import ConsultationPage
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


@hooks.register("filter_form_submissions_for_user")
def consultation_answers_only_through_the_analysis(user, form_pages):
    """Wagtail's Forms listing would show every answer to anyone who may edit a consultation page, past the
    consultation's own rules on who reads answers and names; its chairs and secretariat read them on the
    site's analysis page instead, and only site admins see them here."""
    if user.is_superuser:
        return form_pages
    return form_pages.exclude(content_type=ContentType.objects.get_for_model(ConsultationPage))
