from django.urls import path

from consultations import analysis_views, outcome_views
from portal.personal_cache import cache_for_person

app_name = "consultations"

urlpatterns = [
    path(
        "consultations/<int:page_id>/analysis/",
        cache_for_person(analysis_views.AnalysisView.as_view()),
        name="analysis",
    ),
    path(
        "consultations/<int:page_id>/analysis/questions/<int:question_id>/",
        analysis_views.WrittenAnswersView.as_view(),
        name="analysis_written",
    ),
    path("consultations/<int:page_id>/export/", analysis_views.ExportView.as_view(), name="export"),
    path("consultations/<int:page_id>/outcome/", outcome_views.OutcomeView.as_view(), name="outcome"),
    path(
        "consultations/<int:page_id>/outcome/publish/",
        outcome_views.PublishOutcomeView.as_view(),
        name="publish_outcome",
    ),
    path(
        "consultations/<int:page_id>/commitments/<int:pk>/action/",
        outcome_views.CommitmentActionView.as_view(),
        name="commitment_action",
    ),
]
