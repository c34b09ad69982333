"""The site is written in British English, and stays so whatever language a browser asks for."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.factories import MeetingPageFactory, PartnershipGroupPageFactory, PartnershipIndexPageFactory

pytestmark = pytest.mark.django_db


def test_forms_keep_their_english_wording_for_a_french_browser(client):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Password" in response.text
    assert "Mot de passe" not in response.text
    assert "Accept-Language" not in response.get("Vary", ""), "a page cached for one visitor suits every visitor"


def test_dates_keep_their_english_month_names_for_a_german_browser(client, home_page):
    group = PartnershipGroupPageFactory(parent=PartnershipIndexPageFactory(parent=home_page))
    start = timezone.make_aware(datetime.datetime(2026, 10, 20, 11, 0))
    meeting = MeetingPageFactory(parent=group, start=start, end=start + datetime.timedelta(hours=2))
    text = client.get(meeting.url, HTTP_ACCEPT_LANGUAGE="de").text
    assert "Tuesday 20 October 2026, 11:00–13:00" in text
    assert "Oktober" not in text
