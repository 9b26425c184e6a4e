"""Views of the site shell: health check and error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """Answer 200 when the database responds, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


def page_not_found(request, exception):
    """Render the friendly 404 page in the site shell."""
    return render(request, "404.html", status=404)


def server_error(request):
    """Render the 500 page without touching the database or the request."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())
