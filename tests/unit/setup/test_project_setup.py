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
    for var in ("DATABASE_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL", "ELASTICSEARCH_ANALYZER", "CACHE_URL",
                "BANGFU_DATA_DIR", "SECRET_KEY", "ALLOWED_HOSTS", "STRIPE_SECRET_KEY"):
        assert f'"{var}"' in base, var


def test_check_deploy_with_production_settings_reports_no_warnings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "production-grade-secret-key-with-enough-entropy-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "bangfu.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


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
