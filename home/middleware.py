"""Content-Security-Policy per area of the site."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Serve the strict policy everywhere except Wagtail's admin.

    The admin's own templates use inline scripts and styles, so it gets
    ``ADMIN_CONTENT_SECURITY_POLICY`` instead; README explains the trade.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and _is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def _is_admin(request):
    return request.path_info.startswith("/admin/")
