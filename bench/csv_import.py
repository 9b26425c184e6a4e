"""Import 5,000 delegates from a CSV file: rows per second and peak memory
of the check (preview) and of the creation (confirmation)."""

import resource
import sys
import time

from _django import setup

ROWS = 5000


def csv_file():
    """Return an uploaded-file stand-in with ``ROWS`` distinct delegates."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    lines = ["title,first_name,family_name,email"]
    names = [
        ("Siobhán", "O'Neill"),
        ("Łukasz", "Żółć"),
        ("Wei", "Zhang"),
        ("Ama", "Mensah"),
    ]
    for i in range(ROWS):
        first, family = names[i % len(names)]
        lines.append(f"Ms,{first},{family},person{i}@bench.example")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return SimpleUploadedFile("delegates.csv", data, "text/csv"), len(data)


def timed(step):
    """Run ``step`` and return (result, seconds, peak resident MiB)."""
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    return result, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    vendor = setup()
    from wagtail.models import Page

    from lms.models import CoursePage, Organisation, User
    from lms.permissions import sync_role_permissions
    from lms.services import credits, imports

    root = Page.get_first_root_node()
    course = root.add_child(
        instance=CoursePage(title="Bench course", slug="bench", summary=".")
    )
    organisation = Organisation.objects.create(name="Bench import", slug="bench-import")
    provider = User.objects.create_superuser(
        "root@bench.example", first_name="R", last_name="A"
    )
    credits.record_purchase(
        actor=provider,
        organisation=organisation,
        course=course,
        quantity=ROWS,
        reference="B",
    )
    manager = User.objects.create_user(
        "manager@bench.example",
        first_name="Bench",
        last_name="Manager",
        organisation=organisation,
        is_company_manager=True,
    )
    sync_role_permissions(manager)
    upload, size = csv_file()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    delegate_import, check_s, check_peak = timed(
        lambda: imports.preview_import(
            actor=manager,
            organisation=organisation,
            course=course,
            uploaded_file=upload,
        )
    )
    assert delegate_import.valid, delegate_import.error_count
    created, create_s, create_peak = timed(
        lambda: imports.confirm_import(actor=manager, delegate_import=delegate_import)
    )
    assert len(created) == ROWS
    assert (
        User.objects.filter(organisation=organisation, is_delegate=True).count() == ROWS
    )

    print(f"CSV import of {ROWS:,} rows ({size / 1024:.0f} KiB), {vendor}")
    print(f"Peak resident memory before the import: {before:.0f} MiB")
    print(f"{'step':<22} {'seconds':>8} {'rows/s':>8} {'peak MiB':>9}")
    for step, seconds, peak in (
        ("check and preview", check_s, check_peak),
        ("create and enrol", create_s, create_peak),
        ("total", check_s + create_s, max(check_peak, create_peak)),
    ):
        print(f"{step:<22} {seconds:8.2f} {ROWS / seconds:8.0f} {peak:9.0f}")
    print("Peak MiB is the process's peak resident memory after the step.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
