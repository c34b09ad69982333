from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/ok/", views.ok, name="bench_ok"),
    path("", include("portal.urls")),
]
