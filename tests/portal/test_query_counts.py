"""The site's own pages cost the same number of queries however many pages the menu and footer list."""

import pytest
from django.urls import reverse

from portal.factories import ContentPageFactory, UserFactory
from tests.page_queries import assert_queries_stay_flat

pytestmark = pytest.mark.django_db


def add_site_pages(home, count, start=0):
    """Pages in the menu (cards on the home page) and fixed pages for the footer."""
    for n in range(start, start + count):
        ContentPageFactory(parent=home, title=f"Menu page {n}", slug=f"menu-{n}", show_in_menus=True)
        ContentPageFactory(parent=home, title=f"Footer page {n}", slug=f"footer-{n}", show_in_menus=False)


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory())


@pytest.mark.parametrize("visitor", ["anonymous", "signed_in"])
def test_home_page_costs_the_same_for_a_long_menu(client, home_page, visitor, request, django_assert_max_num_queries):
    if visitor == "signed_in":
        request.getfixturevalue("signed_in")
    add_site_pages(home_page, 2)
    text = assert_queries_stay_flat(
        client, home_page.url, lambda: add_site_pages(home_page, 8, start=2), django_assert_max_num_queries
    )
    assert text.count("Menu page 9") == 2, "in the menu and as a card"
    assert "Footer page 9" in text


def content_page_body(pages):
    """Prose linking to other pages, and call-outs pointing at them."""
    links = "".join(f'<a linktype="page" id="{page.pk}">{page.title}</a> ' for page in pages)
    callouts = [
        ("callout", {"title": f"See {page.title}", "body": "<p>More.</p>", "link_page": page, "link_text": "Read"})
        for page in pages
    ]
    return [("paragraph", f"<p>{links}</p>"), *callouts]


@pytest.mark.parametrize("visitor", ["anonymous", "signed_in"])
def test_content_page_costs_the_same_for_a_long_page(
    client, home_page, visitor, request, django_assert_max_num_queries
):
    if visitor == "signed_in":
        request.getfixturevalue("signed_in")
    add_site_pages(home_page, 2)
    page = ContentPageFactory(parent=home_page, title="About the partnership", slug="about")
    page.body = content_page_body(home_page.get_children().live()[:2])
    page.save_revision().publish()

    def grow():
        add_site_pages(home_page, 8, start=2)
        page.body = content_page_body(home_page.get_children().live())
        page.save_revision().publish()

    text = assert_queries_stay_flat(client, page.url, grow, django_assert_max_num_queries)
    assert "See Footer page 9" in text


def test_sign_in_page_costs_the_same_for_a_long_menu(client, home_page, django_assert_max_num_queries):
    add_site_pages(home_page, 2)
    text = assert_queries_stay_flat(
        client, reverse("account_login"), lambda: add_site_pages(home_page, 8, start=2), django_assert_max_num_queries
    )
    assert "Footer page 9" in text
