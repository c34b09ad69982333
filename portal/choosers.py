"""Snippet choosers that offer only what the person may see on the site.

Wagtail lists every record in a snippet's chooser to anyone who may enter the admin, since choosing is
part of editing a page. A chair of one group would find another, members-only group's actions and
memberships there. A chooser built here reads through the same rule as the site's own pages, so its
list, its search and the record it hands back hold nothing the person could not open.
"""

from wagtail.snippets.views import chooser


def chooser_showing(visible):
    """A snippet chooser viewset whose records pass through `visible(request, queryset)`."""

    def only_visible(view, queryset):
        # The chooser's search runs on the list it is given; an id list keeps it to fields search can filter.
        return queryset.filter(pk__in=visible(view.request, queryset.model.objects.all()).values("pk"))

    class ChooseView(chooser.ChooseView):
        def get_object_list(self):
            return only_visible(self, super().get_object_list())

    class ChooseResultsView(chooser.ChooseResultsView):
        def get_object_list(self):
            return only_visible(self, super().get_object_list())

    class ChosenView(chooser.SnippetChosenView):
        def get_object(self, pk):
            return only_visible(self, self.model_class.objects.all()).get(pk=pk)

    class ChosenMultipleView(chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return only_visible(self, super().get_objects(pks))

    class VisibleOnlyChooserViewSet(chooser.SnippetChooserViewSet):
        choose_view_class = ChooseView
        choose_results_view_class = ChooseResultsView
        chosen_view_class = ChosenView
        chosen_multiple_view_class = ChosenMultipleView

    return VisibleOnlyChooserViewSet
