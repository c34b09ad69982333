from django.urls import path  # noqa: F401 - each page adds its own line below

app_name = "consultations"

urlpatterns = []
