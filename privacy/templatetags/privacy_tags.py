"""Template tags for linking to the privacy notice from the site shell."""

from django import template

from privacy.models import PrivacyIndexPage

register = template.Library()


@register.simple_tag
def privacy_notice_url():
    """Return the privacy notice's permanent address, or an empty string."""
    index = PrivacyIndexPage.objects.live().only("url_path").first()
    if index is None:
        return ""
    return index.get_url()
