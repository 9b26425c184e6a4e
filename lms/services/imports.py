"""Importing delegates from a CSV file: check every row, show a preview,
then create all of them or none."""

import csv
import io
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms.exceptions import ImportRejected, InvalidDetails, NotPermitted
from lms.models import CreditAccount, DelegateImport, User
from lms.permissions import MANAGE_DELEGATES, require
from lms.services.identity import FIELD_LABELS, clean_details
from lms.services.people import add_delegates

logger = logging.getLogger(__name__)

#: Column names in the header row, and the form field each one fills.
COLUMNS = {
    "title": "title",
    "first_name": "first_name",
    "family_name": "last_name",
    "email": "email",
}
REQUIRED_COLUMNS = {"first_name", "family_name", "email"}
MAX_FILE_BYTES = 2 * 1024 * 1024


def _read_rows(uploaded_file, max_rows):
    """Return the header and data rows of a CSV upload, or refuse it."""
    if uploaded_file.size > MAX_FILE_BYTES:
        raise ImportRejected(
            "The file is larger than 2 MB. Split it into smaller files."
        )
    try:
        text = uploaded_file.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected(
            "The file is not UTF-8 text. In your spreadsheet, save it as "
            '"CSV UTF-8 (comma delimited)" and upload it again.'
        ) from None
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise ImportRejected("The file is not a readable CSV file.") from None
    if not lines:
        raise ImportRejected("The file is empty.")
    header = [name.strip().lower().replace(" ", "_") for name in lines[0]]
    unknown = [name for name in header if name not in COLUMNS]
    missing = REQUIRED_COLUMNS - set(header)
    if unknown or missing or len(set(header)) != len(header):
        raise ImportRejected(
            "The header row must name the columns title, first_name, family_name "
            f"and email (title may be left out). This file has: {', '.join(header)}."
        )
    rows = lines[1:]
    if not rows:
        raise ImportRejected("The file has a header row but no delegates.")
    if len(rows) > max_rows:
        raise ImportRejected(
            f"The file has {len(rows):,} rows; one upload may add at most "
            f"{max_rows:,} delegates. Split it into smaller files."
        )
    return header, rows


def _check_rows(header, rows):
    """Return one dict per row with its values and any errors found."""
    checked = []
    first_line_of = {}
    for number, values in enumerate(rows, start=2):
        row = {"line": number, "errors": []}
        if not any(value.strip() for value in values):
            row.update(title="", first_name="", last_name="", email="")
            row["errors"].append("The row is blank.")
            checked.append(row)
            continue
        if len(values) != len(header):
            row["errors"].append(
                f"The row has {len(values)} values; the header has {len(header)}."
            )
        data = {
            COLUMNS[name]: value.strip()
            for name, value in zip(header, values, strict=False)
        }
        details = {field: data.get(field, "") for field in FIELD_LABELS}
        try:
            details = clean_details(**details)
        except InvalidDetails as refusal:
            for field, messages in refusal.message_dict.items():
                row["errors"].extend(
                    f"{FIELD_LABELS[field]}: {message}" for message in messages
                )
            details["email"] = details["email"].lower()
        row.update(details)
        email = details["email"]
        if email in first_line_of:
            row["errors"].append(
                f"The same email is already on line {first_line_of[email]}."
            )
        else:
            first_line_of[email] = number
        checked.append(row)
    taken = set(
        User.objects.filter(email__in=list(first_line_of)).values_list(
            "email", flat=True
        )
    )
    for row in checked:
        if row["email"] in taken:
            row["errors"].append("This email already belongs to a Credence account.")
    return checked


def preview_import(*, actor, organisation, course, uploaded_file):
    """Check an uploaded CSV file and keep it for the manager to confirm."""
    require(actor, MANAGE_DELEGATES, organisation)
    header, rows = _read_rows(uploaded_file, settings.CREDENCE_IMPORT_MAX_ROWS)
    checked = _check_rows(header, rows)
    return DelegateImport.objects.create(
        organisation=organisation, course=course, uploaded_by=actor, rows=checked
    )


def credits_available(delegate_import):
    """Return the balance the import would spend from."""
    account = CreditAccount.objects.filter(
        organisation=delegate_import.organisation, course=delegate_import.course
    ).first()
    return account.balance if account else 0


def confirm_import(*, actor, delegate_import):
    """Create every delegate of a checked import, or none of them."""
    require(actor, MANAGE_DELEGATES, delegate_import.organisation)
    if delegate_import.uploaded_by_id != actor.pk:
        raise NotPermitted("Only the person who uploaded the file can confirm it.")
    if delegate_import.completed_at or not delegate_import.valid:
        raise ImportRejected("This import cannot be confirmed: upload the file again.")
    people = [
        {key: row[key] for key in ("title", "first_name", "last_name", "email")}
        for row in delegate_import.rows
    ]
    with transaction.atomic():
        locked = DelegateImport.objects.select_for_update().get(pk=delegate_import.pk)
        if locked.completed_at:
            raise ImportRejected("This import has already been confirmed.")
        delegates = add_delegates(
            actor=actor,
            organisation=delegate_import.organisation,
            course=delegate_import.course,
            people=people,
        )
        locked.completed_at = timezone.now()
        locked.save(update_fields=["completed_at"])
    logger.info("Import %s created %s delegate(s)", delegate_import.pk, len(delegates))
    return delegates
