"""Which pages a request may open, so lists, feeds and counts never show more than the pages do.

Wagtail's page privacy decides whether a page is served. Every list that links to pages filters
them here with the same rule: a page is listed only if it is live and the person asking passes
every view restriction on it and on its ancestors.
"""

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy

CACHE_ATTRIBUTE = "_portal_refused_page_paths"


def refused_paths(request) -> list[str]:
    """Tree paths of the restricted pages this request may not open (their descendants neither)."""
    cached = getattr(request, CACHE_ATTRIBUTE, None)
    if cached is None:
        group_ids = set(request.user.groups.values_list("pk", flat=True)) if request.user.is_authenticated else set()
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        cached = [r.page.path for r in restrictions if not passes(r, request, group_ids)]
        setattr(request, CACHE_ATTRIBUTE, cached)
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
    """Whether a 'these groups only' restriction on the page or above it shuts this request out."""
    group_ids = set(request.user.groups.values_list("pk", flat=True))
    restrictions = page.get_view_restrictions().filter(restriction_type=PageViewRestriction.GROUPS)
    return any(not passes(restriction, request, group_ids) for restriction in restrictions.prefetch_related("groups"))


def pages_shown_in_admin(request, pages):
    """The pages a person may edit (and their ancestors, as Wagtail's explorer shows them) or may open
    on the site. Wagtail filters its explorer and page search this way already; its page chooser does not."""
    if request.user.is_superuser:
        return pages
    editable = PagePermissionPolicy().explorable_instances(request.user).values("pk")
    viewable = visible_to(request, Page.objects.all()).values("pk")
    return pages.filter(Q(pk__in=editable) | Q(pk__in=viewable))
