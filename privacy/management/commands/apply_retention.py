"""Remove personal data that has outlived its retention period."""

from django.core.management.base import BaseCommand

from privacy.services import apply_retention


class Command(BaseCommand):
    help = (
        "Delete personal data older than its retention period (see the "
        "privacy notice). Run it once a day."
    )

    def handle(self, *args, **options):
        for rule, removed in apply_retention():
            self.stdout.write(
                f"{rule.name:<22} {removed:>6} removed  ({rule.description})"
            )
