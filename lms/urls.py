"""URLs of the training service."""

from django.urls import path

from lms.views import identity, portal, profile

app_name = "lms"

urlpatterns = [
    path("manage/", portal.DashboardView.as_view(), name="dashboard"),
    path(
        "manage/people/<int:pk>/details/",
        identity.PersonDetailsView.as_view(),
        name="person_details",
    ),
    path(
        "manage/change-requests/",
        identity.ChangeRequestsView.as_view(),
        name="change_requests",
    ),
    path(
        "welcome/confirm/",
        profile.ConfirmDetailsView.as_view(),
        name="confirm_details",
    ),
    path("profile/", profile.ProfileView.as_view(), name="profile"),
    path("profile/edit/", profile.ProfileEditView.as_view(), name="profile_edit"),
    path(
        "profile/request-change/",
        identity.RequestChangeView.as_view(),
        name="request_change",
    ),
    path(
        "profile/email/confirm/<str:token>/",
        identity.ConfirmEmailView.as_view(),
        name="confirm_email",
    ),
    path(
        "profile/my-data/",
        profile.DownloadMyDataView.as_view(),
        name="download_my_data",
    ),
    path("training/", profile.TrainingHistoryView.as_view(), name="training_history"),
]
