from django.urls import path

from portal import views
from portal.personal_cache import cache_for_person

app_name = "portal"

urlpatterns = [
    path("dashboard/", cache_for_person(views.DashboardView.as_view()), name="dashboard"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("search/", cache_for_person(views.SearchView.as_view(), anonymous=True), name="search"),
]
