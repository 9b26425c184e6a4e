"""The site shell: home page, health check, error pages, security headers."""

import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import path

ROOT = Path(__file__).resolve().parents[1]


def _boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", _boom)]


def test_home_page_renders_in_the_site_shell(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<footer" in html


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch("home.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz/")

    assert response.status_code == 503


def test_unknown_address_gets_the_friendly_404(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"Skip to main content" in response.content


@pytest.mark.urls("tests.test_site_shell")
def test_server_error_shows_no_detail(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"secret internal detail" not in response.content
    assert b"Traceback" not in response.content


def test_site_pages_send_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_admin_gets_its_own_looser_policy(client, db):
    policy = client.get("/admin/login/")["Content-Security-Policy"]

    assert "'unsafe-inline'" in policy


def test_production_refuses_to_start_without_its_environment():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "settings.production"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "DATABASE_URL" in result.stderr
    assert "PROVIDER_NOTIFICATION_EMAIL" in result.stderr
