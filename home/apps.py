from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front of the site."""

    name = "home"
    verbose_name = "Home"
