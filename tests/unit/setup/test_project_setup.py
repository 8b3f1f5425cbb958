"""The set-up promises: compose file, production checks, README commands that CI really runs."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]


def test_compose_file_names_every_service_the_settings_expect():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"postgres", "redis", "elasticsearch", "web", "worker", "beat"} <= set(services)
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@postgres:" in env["DATABASE_URL"]
        assert "redis://redis:" in env["CELERY_BROKER_URL"]
        assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
        assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert "gunicorn" in services["web"]["command"]
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"
    assert {"pgdata", "esdata"} <= set(compose["volumes"])
    es_dockerfile = (ROOT / "docker" / "elasticsearch.Dockerfile").read_text()
    assert "analysis-smartcn" in es_dockerfile


def test_settings_read_every_variable_compose_sets():
    base = (ROOT / "site" / "config" / "settings" / "base.py").read_text(encoding="utf-8")
    for var in (
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "ELASTICSEARCH_URL",
        "ELASTICSEARCH_ANALYZER",
        "CACHE_URL",
        "BANGFU_DATA_DIR",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "STRIPE_SECRET_KEY",
    ):
        assert f'"{var}"' in base, var


DEPLOYMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "q8Zr2-LmV7wKx0pT4bN9sYc6hJ1eGfA3uWdR5oXkIiP_nQzMvE2tHyB8lC7jS0aU",
    "ALLOWED_HOSTS": "bangfu.example.org",
    "SITE_URL": "https://bangfu.example.org",
    "DATABASE_URL": "postgres://bangfu:pw@db.internal:5432/bangfu",
    "CACHE_URL": "redis://cache.internal:6379/1",
    "CELERY_BROKER_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:pw@smtp.example.org:587",
    "STRIPE_SECRET_KEY": "sk_live_" + "a1b2c3" * 6,
    "STRIPE_PUBLISHABLE_KEY": "pk_live_" + "a1b2c3" * 6,
    "STRIPE_WEBHOOK_SECRET": "whsec_" + "d4e5f6" * 6,
}


def _check_deploy(env_overrides: dict, drop=()):
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "DJANGO_ALLOW_ASYNC_UNSAFE" and k not in DEPLOYMENT and k not in drop and k != "STRIPE_API_BASE"
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_reports_no_warnings():
    result = _check_deploy(DEPLOYMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_its_required_variables():
    result = _check_deploy({k: v for k, v in DEPLOYMENT.items() if k != "STRIPE_WEBHOOK_SECRET"})
    assert result.returncode != 0
    assert "STRIPE_WEBHOOK_SECRET" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_check_deploy_fails_on_every_development_default():
    """Issue 11, item 7: production booted on SQLite, local-memory cache and the local Stripe secrets and
    `check --deploy` passed."""
    without_broker = {k: v for k, v in DEPLOYMENT.items() if k != "CELERY_BROKER_URL"}
    result = _check_deploy(
        {
            **without_broker,
            "SECRET_KEY": "dev-only-not-secret-bangfu-key-change-me-in-production-01",
            "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
            "CACHE_URL": "locmemcache://",
            "STRIPE_SECRET_KEY": "sk_test_bangfu_local",
            "STRIPE_WEBHOOK_SECRET": "whsec_bangfu_local",
            "SITE_URL": "http://localhost:8000",
            "EMAIL_URL": "consolemail://",
        }
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for code in ("E002", "E003", "E004", "E005", "E006", "E010", "E020", "E021"):
        assert f"bangfu.{code}" in output, code


def test_check_deploy_fails_with_development_settings():
    result = _check_deploy({"DJANGO_SETTINGS_MODULE": "config.settings.dev"}, drop=tuple(DEPLOYMENT))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "bangfu.E001" in output and "bangfu.E013" in output


def _production_setting(name: str, **overrides) -> str:
    env = {k: v for k, v in os.environ.items() if k not in DEPLOYMENT and k != "STRIPE_API_BASE"}
    env.update({**DEPLOYMENT, "DJANGO_SETTINGS_MODULE": "config.settings.production", **overrides})
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", f"from django.conf import settings; print(repr(settings.{name}))"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_forwarded_proto_is_believed_only_behind_a_configured_proxy():
    assert _production_setting("SECURE_PROXY_SSL_HEADER") == "None"
    assert _production_setting("SECURE_PROXY_SSL_HEADER", TRUSTED_PROXY_COUNT="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def _readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^\s*(make \w+)\s*$", readme, flags=re.M)


def test_readme_gives_two_commands_and_ci_runs_the_test_one():
    commands = _readme_commands()
    assert commands[:2] == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^make test\b", ci, flags=re.M)
    makefile = (ROOT / "Makefile").read_text()
    assert "scripts/run.sh" in makefile and "scripts/test.sh" in makefile
    assert "pytest" in (ROOT / "scripts" / "test.sh").read_text()
