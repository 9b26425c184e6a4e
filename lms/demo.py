"""Demo organisations, people and training for ``seed_demo``."""

from lms.models import User

#: Every demo account signs in with this password; demo data is never real.
DEMO_PASSWORD = "credence-demo-2026"  # noqa: S105


def seed_provider_admin():
    """Return the provider's demo administrator, creating it once."""
    admin = User.objects.filter(email="admin@credence.example").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin@credence.example",
            DEMO_PASSWORD,
            first_name="Priya",
            last_name="Raman",
            title=User.Title.MS,
        )
    return admin
