"""Template tags for linking to the privacy notice from the site shell."""

from django import template

from privacy import models

register = template.Library()
register.simple_tag(models.privacy_notice_url, name="privacy_notice_url")
