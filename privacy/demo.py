"""Demo content for privacy: Credence's own privacy notice."""

import datetime
import json

from django.conf import settings

from privacy.models import PrivacyIndexPage, PrivacyNoticePage

NOTICE_FILE = settings.ROOT_DIR / "fixtures" / "privacy_notice.json"


def seed_privacy_notice(parent):
    """Return the live privacy notice under ``parent``, creating it once."""
    index = PrivacyIndexPage.objects.child_of(parent).first()
    if index is None:
        index = parent.add_child(
            instance=PrivacyIndexPage(
                title="Privacy notice",
                slug="privacy",
                intro="Earlier versions stay readable at their own addresses.",
            )
        )
    data = json.loads(NOTICE_FILE.read_text(encoding="utf-8"))
    notice = PrivacyNoticePage.objects.filter(
        version_label=data["version_label"]
    ).first()
    if notice is None:
        body = "".join(
            f"<h2>{section['heading']}</h2>{section['body']}"
            for section in data["sections"]
        )
        notice = index.add_child(
            instance=PrivacyNoticePage(
                title=data["title"],
                slug="version-" + data["version_label"].replace(".", "-"),
                version_label=data["version_label"],
                effective_date=datetime.date.fromisoformat(data["effective_date"]),
                summary=data["intro"],
                body=body,
            )
        )
    return notice
