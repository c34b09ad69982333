"""The home page, fixed content pages, error pages and how dates are written."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import override_settings
from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ConsultationIndexPage
from governance.models import PartnershipIndexPage
from portal.factories import ContentPageFactory, UserFactory
from portal.models import ContentPage, HomePage

LONDON = ZoneInfo("Europe/London")


class PageTreeTests(WagtailPageTestCase):
    def test_content_pages_live_under_the_home_page_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_index_pages_sit_directly_under_the_home_page(self):
        self.assertAllowedParentPageTypes(PartnershipIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ConsultationIndexPage, {HomePage})

    def test_a_content_page_is_routable_and_renderable(self):
        home = HomePage.objects.get()
        page = ContentPageFactory(parent=home, title="Accessibility statement", slug="accessibility")
        self.assertPageIsRoutable(page)
        self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_home_page_lists_sections_in_the_menu_and_invites_sign_up(client, home_page):
    ContentPageFactory(parent=home_page, title="About the partnership", show_in_menus=True)
    response = client.get("/")
    assert response.status_code == 200
    assert "About the partnership" in response.text
    assert "Create an account" in response.text
    assert '<html lang="en-GB">' in response.text


@pytest.mark.django_db
def test_header_names_who_is_signed_in_and_offers_their_dashboard(client, home_page):
    client.force_login(UserFactory(first_name="Grace", last_name="Ellison"))
    response = client.get("/")
    assert "Signed in as <strong>Grace Ellison</strong>" in response.text
    assert "My dashboard" in response.text


@pytest.mark.django_db
def test_footer_links_fixed_pages_that_are_not_in_the_menu(client, home_page):
    ContentPageFactory(parent=home_page, title="Privacy notice", slug="privacy", show_in_menus=False)
    response = client.get("/")
    footer = response.text.split('<footer class="site-footer">', 1)[1]
    assert "Privacy notice" in footer


@pytest.mark.django_db
def test_missing_pages_get_a_friendly_404_in_the_site_design(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "skip-link" in response.text


@pytest.mark.django_db
@override_settings(DEBUG_PROPAGATE_EXCEPTIONS=False)
def test_server_errors_get_a_calm_500_page(client, home_page, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "serve", explode)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.text
    assert "Nothing you saved has been lost" in response.text


def render(template, **context):
    return Template("{% load portal_tags %}" + template).render(Context(context))


def test_meeting_times_are_written_the_way_minutes_write_them():
    start = datetime.datetime(2023, 11, 23, 11, 0, tzinfo=LONDON)
    end = datetime.datetime(2023, 11, 23, 13, 0, tzinfo=LONDON)
    assert render("{% time_span start end %}", start=start, end=end) == "Thursday 23 November 2023, 11:00–13:00"


def test_times_stored_in_utc_are_shown_in_uk_time():
    summer_start = datetime.datetime(2023, 7, 14, 13, 30, tzinfo=datetime.UTC)
    assert render("{% time_span start %}", start=summer_start) == "Friday 14 July 2023, 14:30"


def test_long_date_and_default_date_format_are_british():
    day = datetime.date(2024, 3, 1)
    assert render("{{ day|long_date }}", day=day) == "Friday 1 March 2024"
    assert Template("{{ day|date }}").render(Context({"day": day})) == "1 March 2024"
