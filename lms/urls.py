"""URLs of the training service."""

from django.urls import path

from lms.views import portal

app_name = "lms"

urlpatterns = [
    path("manage/", portal.DashboardView.as_view(), name="dashboard"),
]
