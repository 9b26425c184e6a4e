"""Template tags for links to the courses from the site shell."""

from django import template

from lms.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def course_index_url(context):
    """Return the address of the published course list, or an empty string."""
    request = context.get("request")
    index = CourseIndexPage.objects.live().only("url_path").first()
    return index.get_url(request) if index else ""
