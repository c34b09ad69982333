"""Personal details in responses are kept only as long as the privacy notice says: then they go.

`CONSULTATION_RETENTION_MONTHS` after a consultation closes, each response loses the account it
came from, the name and the email given; the answers, the kind of respondent and the organisation
stay, so the analysis and the published outcome still add up. The consultation's `Notice` records go
too: who was reminded of an unsent draft, or told of the outcome, would say who answered. None can
be sent again by then (the consultation is closed and the responses name nobody).
"""

import calendar
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from consultations.models import ConsultationPage, ConsultationResponse, Notice


@dataclass(frozen=True)
class Anonymised:
    responses: int
    consultations: int


def months_before(moment, months):
    """The same day and time `months` earlier, or the month's last day when it is shorter."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def responses_due(months, now):
    closed = ConsultationPage.objects.filter(closes_at__lt=months_before(now, months))
    return ConsultationResponse.objects.filter(page__in=closed.values("pk"), anonymised_at__isnull=True)


@transaction.atomic
def anonymise_responses(months, dry_run=False, now=None) -> Anonymised:
    """Strips personal details from responses to consultations closed more than `months` ago; says how many."""
    now = now or timezone.now()
    due = responses_due(months, now)
    counted = due.aggregate(responses=Count("pk"), consultations=Count("page", distinct=True))
    if not dry_run and counted["responses"]:
        pages = list(due.values_list("page_id", flat=True).distinct())
        due.update(user=None, respondent_name="", respondent_email="", anonymised_at=now)
        Notice.objects.filter(consultation__in=pages).delete()
    return Anonymised(**counted)
