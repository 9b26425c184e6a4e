from django.apps import AppConfig


class QuestionBankConfig(AppConfig):
    """The question bank: knows questions and categories, not people."""

    name = "question_bank"
    verbose_name = "Question bank"
