from django.apps import AppConfig


class LmsConfig(AppConfig):
    """The learning-management core of Credence."""

    name = "lms"
    verbose_name = "Training"
