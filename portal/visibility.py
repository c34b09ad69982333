"""Which pages a request may open, so lists, feeds and counts never show more than the pages do.

Wagtail's page privacy decides whether a page is served. Every list that links to pages filters
them here with the same rule: a page is listed only if it is live and the person asking passes
every view restriction on it and on its ancestors.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy

CACHE_ATTRIBUTE = "_portal_refused_page_paths"
RESTRICTIONS_ATTRIBUTE = "_portal_view_restrictions"
GROUPS_ATTRIBUTE = "_portal_group_ids"


def view_restrictions(request) -> list:
    """Every view restriction on the site, with its page's path and groups, read once per request."""
    cached = getattr(request, RESTRICTIONS_ATTRIBUTE, None)
    if cached is None:
        cached = list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))
        setattr(request, RESTRICTIONS_ATTRIBUTE, cached)
    return cached


def is_restricted(request, page) -> bool:
    """Whether any view restriction covers the page, whoever is asking."""
    return any(page.path.startswith(restriction.page.path) for restriction in view_restrictions(request))


def refused_paths(request) -> list[str]:
    """Tree paths of the restricted pages this request may not open (their descendants neither)."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None:
        restrictions = view_restrictions(request)
        group_ids = user_group_ids(request) if restrictions else set()
        cached = [r.page.path for r in restrictions if not passes(r, request, group_ids)]
        setattr(request, CACHE_ATTRIBUTE, cached)
    return cached


def user_group_ids(request) -> set[int]:
    """The Django groups of the person asking, read once per request."""
    cached = getattr(request, GROUPS_ATTRIBUTE, None)
    if cached is None:
        cached = set(request.user.groups.values_list("pk", flat=True)) if request.user.is_authenticated else set()
        setattr(request, GROUPS_ATTRIBUTE, cached)
    return cached


def passes(restriction, request, group_ids) -> bool:
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        allowed = {group.pk for group in restriction.groups.all()}
        return request.user.is_superuser or bool(group_ids & allowed)
    if restriction.restriction_type == PageViewRestriction.LOGIN:
        return request.user.is_authenticated
    # A password restriction is passed once per session, as Wagtail itself checks it.
    return restriction.accept_request(request)


def visible_to(request, queryset):
    """The live pages of a queryset that this request may open."""
    queryset = queryset.live()
    paths = refused_paths(request)
    if not paths:
        return queryset
    hidden = Q()
    for path in paths:
        hidden |= Q(path__startswith=path)
    return queryset.exclude(hidden)


def can_open(request, page) -> bool:
    """Whether a link to this one page may be shown to this request."""
    if page is None or not page.live:
        return False
    return not any(page.path.startswith(path) for path in refused_paths(request))


def refused_by_group_privacy(request, page) -> bool:
    """Whether a 'these groups only' restriction on the page or above it shuts this request out.

    Read from the request's one list of restrictions. Wagtail's own check, which runs as well, also
    follows aliases to their original page; this only decides a 403 rather than a sign-in form.
    """
    return any(
        restriction.restriction_type == PageViewRestriction.GROUPS
        and page.path.startswith(restriction.page.path)
        and not passes(restriction, request, user_group_ids(request))
        for restriction in view_restrictions(request)
    )


def pages_shown_in_admin(request, pages):
    """The pages a person may edit (and their ancestors, as Wagtail's explorer shows them) or may open
    on the site. Wagtail filters its explorer and page search this way already; its page chooser does not."""
    if request.user.is_superuser:
        return pages
    editable = PagePermissionPolicy().explorable_instances(request.user).values("pk")
    viewable = visible_to(request, Page.objects.all()).values("pk")
    return pages.filter(Q(pk__in=editable) | Q(pk__in=viewable))
