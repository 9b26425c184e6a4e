"""Load Credence's demo content; safe to run any number of times."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo import seed_home_page
from lms import demo as lms_demo
from lms.demo_courses import seed_courses
from lms.demo_people import seed_demo_people
from lms.demo_provider import seed_training_team_member
from privacy.demo import seed_privacy_notice


class Command(BaseCommand):
    help = "Create or refresh the demo site, people and courses."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Seed even though DEBUG is off (never on a live service).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo writes demo accounts with a published password; "
                "it runs only with DEBUG on, or with --force."
            )
        with transaction.atomic():
            home = seed_home_page()
            seed_privacy_notice(parent=home)
            admin = lms_demo.seed_provider_admin()
            seed_courses(parent=home, editor=admin)
            sign_ins = [("Provider administrator", admin)]
            sign_ins.append(("Training team", seed_training_team_member()))
            sign_ins += lms_demo.seed_organisations(home, admin)
            lms_demo.seed_credit_request(home)
            lms_demo.seed_study_progress(home)
            sign_ins += seed_demo_people(home=home)

        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Every demo account's password: {lms_demo.DEMO_PASSWORD}")
        for role, user in sign_ins:
            self.stdout.write(f"  {role:<52} {user.email}")
