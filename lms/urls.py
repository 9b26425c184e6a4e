"""Addresses of the training service's own views (course pages are
Wagtail's)."""

from django.urls import path

from lms.views import courses, identity, portal, profile

app_name = "lms"

urlpatterns = [
    path("manage/", portal.DashboardView.as_view(), name="dashboard"),
    path("manage/delegates/", portal.DelegateListView.as_view(), name="delegates"),
    path(
        "manage/delegates/add/", portal.AddDelegateView.as_view(), name="delegate_add"
    ),
    path("manage/delegates/remind/", portal.RemindAllView.as_view(), name="remind_all"),
    path(
        "manage/delegates/import/",
        portal.ImportDelegatesView.as_view(),
        name="import_delegates",
    ),
    path(
        "manage/delegates/import/<int:pk>/",
        portal.ImportPreviewView.as_view(),
        name="import_preview",
    ),
    path(
        "manage/delegates/<int:pk>/",
        portal.DelegateDetailView.as_view(),
        name="delegate",
    ),
    path(
        "manage/delegates/<int:pk>/remove/",
        portal.RemoveDelegateView.as_view(),
        name="delegate_remove",
    ),
    path(
        "manage/delegates/<int:pk>/welcome/",
        portal.ResendWelcomeView.as_view(),
        name="delegate_welcome",
    ),
    path(
        "manage/delegates/<int:pk>/remind/",
        portal.RemindDelegateView.as_view(),
        name="delegate_remind",
    ),
    path(
        "manage/delegates/<int:pk>/enrol/",
        portal.EnrolDelegateView.as_view(),
        name="delegate_enrol",
    ),
    path(
        "manage/delegates/<int:pk>/unlock/<int:enrolment_pk>/",
        portal.UnlockEnrolmentView.as_view(),
        name="delegate_unlock",
    ),
    path("manage/managers/", portal.ManagerListView.as_view(), name="managers"),
    path("manage/managers/add/", portal.AddManagerView.as_view(), name="manager_add"),
    path(
        "manage/managers/<int:pk>/roles/",
        portal.ManagerRolesView.as_view(),
        name="manager_roles",
    ),
    path(
        "manage/credit-requests/",
        portal.CreditRequestListView.as_view(),
        name="credit_requests",
    ),
    path(
        "manage/credit-requests/<int:pk>/decide/",
        portal.DecideCreditRequestView.as_view(),
        name="credit_request_decide",
    ),
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
    path(
        "training/lessons/<int:lesson_id>/done/",
        courses.lesson_done,
        name="lesson_done",
    ),
    path(
        "training/lessons/<int:lesson_id>/bookmark/",
        courses.lesson_bookmark,
        name="lesson_bookmark",
    ),
    path("search/", courses.search, name="search"),
]
