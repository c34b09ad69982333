from django.urls import path

from actions import indicator_views, priority_views, reminder_views, views
from portal.page_cache import cache_for_visitors
from portal.personal_cache import cache_for_person

app_name = "actions"


def cached(view):
    """Anonymous visitors get the page from the shared page cache (actions.signals empties it), and a
    signed-in person their own copy until the database changes (portal.personal_cache)."""
    return cache_for_visitors(cache_for_person(view))


urlpatterns = [
    path("priorities/<int:pk>/", cached(priority_views.priority_detail), name="priority"),
    path("pledges/<int:pk>/", cached(priority_views.pledge_detail), name="pledge"),
    path(
        "organisations/<int:pk>/pledges/",
        cached(priority_views.organisation_scorecard),
        name="scorecard",
    ),
    path("figures/", cached(indicator_views.figures_index), name="figures"),
    path("figures/<str:code>/", cached(indicator_views.area_figures), name="area_figures"),
    path("figures/<str:code>/<slug:indicator>/", cached(indicator_views.indicator_page), name="indicator"),
    path("figures/<str:code>/<slug:indicator>.csv", indicator_views.indicator_csv, name="indicator_csv"),
    path("milestones/<int:pk>/", cached(indicator_views.milestone_detail), name="milestone"),
    path("priorities/<int:priority_pk>/milestones/new/", indicator_views.milestone_form, name="add_milestone"),
    path("milestones/<int:pk>/edit/", indicator_views.milestone_form, name="edit_milestone"),
    path("my-school/", cache_for_person(indicator_views.my_school), name="my_school"),
    path("schools/<str:urn>/figures/", cache_for_person(indicator_views.school_pack_view), name="school_pack"),
    path("reminders/stop/<str:token>/", reminder_views.stop_reminders_view, name="stop_reminders"),
    path("groups/<int:group_id>/actions/", cached(views.ActionLogView.as_view()), name="action_log"),
    path("groups/<int:group_id>/actions/new/", views.AddActionView.as_view(), name="add_action"),
    path("actions/<str:reference>/", cached(views.ActionView.as_view()), name="action"),
    path("actions/<str:reference>/edit/", views.EditActionView.as_view(), name="edit_action"),
]
