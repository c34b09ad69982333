from django.urls import path

from governance import membership_views, terms_views, views

app_name = "governance"

urlpatterns = [
    path("minutes/import/", views.ImportMinutesView.as_view(), name="import_minutes"),
    path("groups/<int:group_id>/members/", membership_views.GroupMembersView.as_view(), name="group_members"),
    path(
        "groups/<int:group_id>/terms/new-version/", terms_views.NewTermsVersionView.as_view(), name="new_terms_version"
    ),
    path(
        "groups/<int:group_id>/members/<int:pk>/",
        membership_views.MembershipView.as_view(),
        name="group_membership",
    ),
]
