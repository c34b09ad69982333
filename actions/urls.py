from django.urls import path

from actions import indicator_views, priority_views, reminder_views, views
from portal.page_cache import cache_for_visitors

app_name = "actions"

# Anonymous visitors get the public pages from the shared page cache; actions.signals empties it.
urlpatterns = [
    path("priorities/<int:pk>/", cache_for_visitors(priority_views.priority_detail), name="priority"),
    path("pledges/<int:pk>/", cache_for_visitors(priority_views.pledge_detail), name="pledge"),
    path(
        "organisations/<int:pk>/pledges/",
        cache_for_visitors(priority_views.organisation_scorecard),
        name="scorecard",
    ),
    path("figures/", cache_for_visitors(indicator_views.figures_index), name="figures"),
    path("figures/<str:code>/", cache_for_visitors(indicator_views.area_figures), name="area_figures"),
    path("figures/<str:code>/<slug:indicator>/", cache_for_visitors(indicator_views.indicator_page), name="indicator"),
    path("figures/<str:code>/<slug:indicator>.csv", indicator_views.indicator_csv, name="indicator_csv"),
    path("milestones/<int:pk>/", cache_for_visitors(indicator_views.milestone_detail), name="milestone"),
    path("priorities/<int:priority_pk>/milestones/new/", indicator_views.milestone_form, name="add_milestone"),
    path("milestones/<int:pk>/edit/", indicator_views.milestone_form, name="edit_milestone"),
    path("my-school/", indicator_views.my_school, name="my_school"),
    path("schools/<str:urn>/figures/", indicator_views.school_pack_view, name="school_pack"),
    path("reminders/stop/<str:token>/", reminder_views.stop_reminders_view, name="stop_reminders"),
    path("groups/<int:group_id>/actions/", cache_for_visitors(views.ActionLogView.as_view()), name="action_log"),
    path("groups/<int:group_id>/actions/new/", views.AddActionView.as_view(), name="add_action"),
    path("actions/<str:reference>/", cache_for_visitors(views.ActionView.as_view()), name="action"),
    path("actions/<str:reference>/edit/", views.EditActionView.as_view(), name="edit_action"),
]
