"""Browser tests: Debian's Chromium, driven by Playwright, against a live
server, with axe-core checking each page a journey visits."""

import json
import os
from pathlib import Path

import pytest

from tests.factories import ensure_wagtail_baseline

# Playwright's sync API runs an event loop in this thread; the ORM calls
# that tests make between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
#: Impacts that fail a test; minor and moderate findings are reported only.
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # A live server needs committed data; restoring the serialised
            # database afterwards brings back what Wagtail's migrations made
            # (the page tree's root, the default locale and collection).
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium; this machine cannot download a browser."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(autouse=True)
def _wagtail_baseline(live_server):
    """Recreate what Wagtail's migrations made and a live server's flush
    removes: the default locale, the root collection and the page root."""
    ensure_wagtail_baseline()


def _is_refused_page(page, message):
    """Return True for the console's note of a page answering 403 or 404.

    Chromium logs the status of a refused or missing page itself as an
    error; the tests then check what that page says. A sub-resource that
    fails (a script, a style, a fetch) is still an error.
    """
    return (
        message.text.startswith("Failed to load resource")
        and any(f"status of {status} " in message.text for status in (403, 404))
        and message.location.get("url") == page.url
    )


@pytest.fixture
def page(page):
    """Return a page that fails the test on any script or policy error."""
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and not _is_refused_page(page, message)
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_default_timeout(10_000)
    yield page
    assert not problems, f"The browser reported errors: {problems}"


def assert_accessible(page):
    """Run axe-core on the page and fail on serious or critical violations."""
    # evaluate() runs through the browser's debugging protocol, so the
    # site's strict Content-Security-Policy stays switched on.
    result = page.evaluate(
        AXE_SOURCE.read_text(encoding="utf-8")
        + "\n;axe.run(document, {resultTypes: ['violations']})"
    )
    blocking = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert not blocking, json.dumps(blocking, indent=2)
