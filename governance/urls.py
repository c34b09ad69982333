from django.urls import path

from governance import views

app_name = "governance"

urlpatterns = [
    path("minutes/import/", views.ImportMinutesView.as_view(), name="import_minutes"),
]
