from django.urls import path

from governance import approval_views, membership_views, recorder_views, terms_views, views
from portal.personal_cache import cache_for_person

app_name = "governance"

urlpatterns = [
    path("groups/<int:group_id>/meetings/new/", recorder_views.StartMeetingView.as_view(), name="record_meeting"),
    path(
        "meetings/<int:meeting_id>/record/",
        cache_for_person(recorder_views.RecordMeetingView.as_view()),
        name="check_meeting",
    ),
    path(
        "meetings/<int:meeting_id>/record/<slug:step>/",
        cache_for_person(recorder_views.RecordMeetingView.as_view()),
        name="record_meeting_step",
    ),
    path(
        "meetings/<int:meeting_id>/recorded/",
        recorder_views.MeetingRecordedView.as_view(),
        name="record_meeting_done",
    ),
    path("minutes/import/", cache_for_person(views.ImportMinutesView.as_view()), name="import_minutes"),
    path(
        "groups/<int:group_id>/members/",
        cache_for_person(membership_views.GroupMembersView.as_view()),
        name="group_members",
    ),
    path(
        "groups/<int:group_id>/terms/new-version/", terms_views.NewTermsVersionView.as_view(), name="new_terms_version"
    ),
    path(
        "groups/<int:group_id>/members/<int:pk>/",
        membership_views.MembershipView.as_view(),
        name="group_membership",
    ),
    path("approvals/<int:page_id>/draft/", approval_views.DraftView.as_view(), name="read_draft"),
    path("approvals/<int:page_id>/approve/", approval_views.ApproveView.as_view(), name="approve"),
    path("approvals/<int:page_id>/send-back/", approval_views.SendBackView.as_view(), name="send_back"),
    path("approvals/<int:page_id>/approved/", approval_views.ApprovedView.as_view(), name="approved"),
    path("approvals/<int:page_id>/sent-back/", approval_views.SentBackView.as_view(), name="sent_back"),
]
