"""Wagtail's page chooser, held to the same rule as its listings: no title of a page the person may not open.

Wagtail applies `construct_page_chooser_queryset` when browsing and searching, but not to the
parent page a browse starts from, nor to the pages named by id once chosen; these two views close that.
"""

from django.http import Http404
from wagtail.admin.views import chooser
from wagtail.models import Page

from portal.visibility import pages_shown_in_admin


class BrowseView(chooser.BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id is not None and not shown(request, [parent_page_id]):
            raise Http404("No such page.")
        return super().get(request, parent_page_id)


class ChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in shown(request, request.GET.getlist("id"))])
        return super().get(request)


def shown(request, ids):
    wanted = [int(pk) for pk in ids if str(pk).isdigit()]
    return list(pages_shown_in_admin(request, Page.objects.filter(pk__in=wanted)).values_list("pk", flat=True))
