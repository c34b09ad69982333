"""Consultations in the site search, found by Wagtail's page search and listed with their stage."""

from consultations.models import ConsultationPage, Stage
from portal.search import Found, page_group


def consultations_found(request, query) -> list[dict]:
    """Published consultations the person may open; the stage says at once whether they can still answer."""
    consultations = ConsultationPage.objects.defer_streamfields()
    return [page_group(request, query, consultations, "consultations", "Consultations", describe_consultation(request))]


def describe_consultation(request):
    return lambda page: Found(page.title, page.get_url(request), note=Stage(page.stage()).label)
