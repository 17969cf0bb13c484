"""Threats from DESIGN.md: CSRF, XSS, probing by id, and production settings."""

import os
import secrets
import subprocess
import sys

from django.test import Client

from conftest import World
from coproduce.initiatives import services as initiatives
from coproduce.initiatives.models import Visibility
from coproduce.record.models import Contribution

XSS = '<script>alert("x")</script>'


def test_forms_refuse_posts_without_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    response = client.post(
        f"/initiatives/{world.initiative.slug}/record/contribute/",
        {
            "kind": "time",
            "amount": "1",
            "entry_unit": "hours",
            "occurred_on": "2026-02-01",
            "stage": world.stage.pk,
        },
    )
    assert response.status_code == 403
    assert Contribution.objects.count() == 0


def test_api_session_writes_need_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    response = client.post(
        f"/api/v1/initiatives/{world.initiative.slug}/contributions/",
        {
            "stage": world.stage.pk,
            "kind": "idea",
            "quantity": 1,
            "unit": "count",
            "occurred_on": "2026-02-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Contribution.objects.count() == 0


def test_names_and_text_are_escaped_everywhere(client: Client, world: World) -> None:
    initiatives.initiative_update(
        actor=world.coordinator, initiative=world.initiative, title=XSS, summary=XSS
    )
    world.member.display_name = XSS
    world.member.save()
    for path in [
        "/initiatives/",
        f"/initiatives/{world.initiative.slug}/",
        f"/initiatives/{world.initiative.slug}/record/",
    ]:
        body = client.get(path).content.decode()
        assert XSS not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_search_filters_and_pagination_do_not_reflect_markup(client: Client, db) -> None:
    body = client.get("/cases/", {"q": XSS, "page": XSS}).content.decode()
    assert XSS not in body
    assert "&lt;script&gt;" in body
    response = client.get("/initiatives/", {"page": '"><img src=x onerror=alert(1)>'})
    assert response.status_code == 200
    assert "onerror=alert(1)>" not in response.content.decode()


def test_pages_send_a_strict_content_security_policy(client: Client, db) -> None:
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_hidden_and_missing_initiatives_answer_alike(client: Client, world: World) -> None:
    initiatives.initiative_update(
        actor=world.coordinator, initiative=world.initiative, visibility=Visibility.MEMBERS
    )
    client.force_login(world.outsider)
    hidden = client.get(f"/initiatives/{world.initiative.slug}/")
    missing = client.get("/initiatives/no-such-initiative/")
    assert (hidden.status_code, missing.status_code) == (404, 404)
    for response in (hidden, missing):
        body = response.content.decode()
        assert "<h1>Page not found</h1>" in body
        assert world.initiative.title not in body
    record = client.get(f"/initiatives/{world.initiative.slug}/record/")
    assert record.status_code == 404


def test_slugs_the_database_cannot_hold_are_simply_not_found(client: Client, world: World) -> None:
    """A NUL byte in a path would be a database error on PostgreSQL, not an answer."""
    paths = [
        "/api/v1/initiatives/a%00b/",
        "/api/v1/cases/a%00b/",
        "/api/v1/initiatives/a%00b/stages/",
        "/initiatives/a%00b/",
    ]
    assert [(path, client.get(path).status_code) for path in paths] == [
        (path, 404) for path in paths
    ]


def test_production_settings_pass_the_deploy_check() -> None:
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "coproduce.settings_production",
        "COPRODUCE_SECRET_KEY": secrets.token_urlsafe(60),
        "COPRODUCE_ALLOWED_HOSTS": "coproduce.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "coproduce.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
