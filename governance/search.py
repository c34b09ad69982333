"""Groups, meeting minutes and terms of reference in the site search, each a kind of its own."""

from django.utils import timezone

from governance.models import MeetingPage, PartnershipGroupPage, TermsOfReferencePage
from portal.search import Found, page_group, with_parent_title


def groups_minutes_and_terms(request, query) -> list[dict]:
    """Only published pages the person may open: `page_group` filters them before searching."""
    groups = PartnershipGroupPage.objects.all()
    meetings = with_parent_title(MeetingPage.objects.defer_streamfields().defer("minutes"))
    terms = with_parent_title(TermsOfReferencePage.objects.defer_streamfields())
    return [
        page_group(request, query, groups, "groups", "Groups", describe_group(request)),
        page_group(request, query, meetings, "minutes", "Meeting minutes", describe_meeting(request)),
        page_group(request, query, terms, "terms", "Terms of reference", describe_terms(request)),
    ]


def describe_group(request):
    return lambda group: Found(group.title, group.get_url(request), note=group.get_kind_display())


def describe_meeting(request):
    return lambda meeting: Found(
        meeting.title, meeting.get_url(request), meeting.parent_title, "Meeting on", timezone.localtime(meeting.start)
    )


def describe_terms(request):
    return lambda terms: Found(
        terms.title, terms.get_url(request), terms.parent_title, "Effective from", terms.effective_from
    )
