from wagtail.models import Site

from portal.models import ContentPage


def navigation(request):
    """The site's main navigation: the home page's children that editors put in the menu."""
    site = Site.find_for_request(request)
    if site is None:
        return {"navigation_pages": [], "footer_pages": [], "home_page": None}
    home = site.root_page
    children = home.get_children().live().public()
    return {
        "home_page": home,
        "navigation_pages": children.in_menu(),
        "footer_pages": children.not_in_menu().type(ContentPage),
    }
