"""The menu, the footer and the home page's cards list only the pages the person asking may open."""

import pytest
from wagtail.models import PageViewRestriction

from governance.factories import PartnershipIndexPageFactory
from portal.factories import ContentPageFactory, UserFactory

pytestmark = pytest.mark.django_db


def header_and_footer(response):
    header = response.text.split("</header>", 1)[0]
    footer = response.text.split('<footer class="site-footer">', 1)[1]
    return header, footer


@pytest.fixture
def pages_for_signed_in_people(home_page):
    for title, in_menu in [("Member pages", True), ("Member handbook", False)]:
        page = ContentPageFactory(parent=home_page, title=title, show_in_menus=in_menu)
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_pages_for_signed_in_people_are_not_listed_to_visitors(client, home_page, pages_for_signed_in_people):
    ContentPageFactory(parent=home_page, title="About the partnership", show_in_menus=True)
    response = client.get(home_page.url)
    header, footer = header_and_footer(response)
    assert "About the partnership" in header
    assert "Member pages" not in response.text
    assert "Member handbook" not in footer


def test_signed_in_people_find_the_pages_they_may_open(client, home_page, pages_for_signed_in_people):
    client.force_login(UserFactory())
    response = client.get(home_page.url)
    header, footer = header_and_footer(response)
    assert "Member pages" in header
    assert "Member handbook" in footer
    assert response.text.count("Member pages") == 2, "in the menu and as a card on the home page"


def test_only_fixed_pages_go_in_the_footer(client, home_page):
    PartnershipIndexPageFactory(parent=home_page, title="Partnerships", show_in_menus=False)
    footer = header_and_footer(client.get(home_page.url))[1]
    assert "Partnerships" not in footer
