"""Send a delegate who has not confirmed their details to do so first."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from privacy.models import privacy_notice_url

#: Paths a delegate reaches before confirming: signing in and out and
#: password pages, the email-confirmation link and the health check.
ALWAYS_ALLOWED = ("/accounts/", "/profile/email/confirm/", "/healthz/")


class DetailsConfirmationMiddleware:
    """Redirect a signed-in delegate without a confirmation to
    ``lms:confirm_details`` before anything else.

    Static and media files, the privacy notice (which the confirmation
    asks them to read) and, for staff, the admin stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_delegate
            and user.details_confirmed_at is None
            and not self._allowed(request, user)
        ):
            return redirect(self._confirm_url(request))
        return self.get_response(request)

    def _allowed(self, request, user):
        path = request.path_info
        confirm = reverse("lms:confirm_details")
        prefixes = [*ALWAYS_ALLOWED, confirm, settings.STATIC_URL, settings.MEDIA_URL]
        if user.is_staff:
            prefixes.append("/admin/")
        if any(path.startswith(prefix) for prefix in prefixes):
            return True
        notice = privacy_notice_url()
        return bool(notice) and path.startswith(notice)

    def _confirm_url(self, request):
        url = reverse("lms:confirm_details")
        target = request.get_full_path()
        # From the home page (where signing in lands) they go on to their
        # training rather than back to the landing page.
        if (
            request.method == "GET"
            and target != "/"
            and url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}
            )
        ):
            return f"{url}?{urlencode({'next': target})}"
        return url
