from django.utils.functional import SimpleLazyObject
from wagtail import hooks
from wagtail.models import Page, Site

from portal.models import ContentPage
from portal.models.pages import top_pages


def navigation(request):
    """The site's main navigation: the home page's children that editors put in the menu.

    Menu and footer share one read of the home page's children, made only when a template shows
    them: Wagtail's admin renders through this processor too, and shows neither.
    """
    home = SimpleLazyObject(lambda: site_root(request))
    return {
        "home_page": home,
        "navigation_pages": SimpleLazyObject(
            lambda: [page for page in pages_under(request, home) if page.show_in_menus]
        ),
        "footer_pages": SimpleLazyObject(lambda: footer_pages(pages_under(request, home))),
        "site_links": SimpleLazyObject(lambda: site_links(request)),
    }


def site_links(request) -> list:
    """Menu links to the site's own views that other apps add (`portal_navigation_links`: (label, url))."""
    return [link for hook in hooks.get_hooks("portal_navigation_links") if (link := hook(request))]


def site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def pages_under(request, home):
    return top_pages(request, home) if home else []


def footer_pages(pages):
    """Fixed pages left out of the menu (accessibility, privacy) go in the footer."""
    return [page for page in pages if not page.show_in_menus and issubclass(page.specific_class or Page, ContentPage)]
