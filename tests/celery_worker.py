"""A real Celery worker in a subprocess, on Redis, against the test database.

Reuse it from any conftest: `celery_worker_process, celery_worker = celery_worker_fixture(redis_db=N)`
(see `celery_worker_fixture`); tests that use it must be `django_db(transaction=True)` so the worker
(another process, another connection) sees the rows they commit.

Each test session gets its own queue name, so workers of other sessions sharing the same Redis
database never take our tasks. Emails go to a file directory the test can read.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def redis_reachable(host: str = REDIS_HOST, port: int = REDIS_PORT) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def database_url(settings_dict: dict) -> str:
    """The URL of the database the test process is connected to (the test database)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError("a worker process cannot share an in-memory SQLite database")
        return f"sqlite:///{name}"
    if "postgresql" in engine:
        user = settings_dict.get("USER") or ""
        password = settings_dict.get("PASSWORD") or ""
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "127.0.0.1"
        port = settings_dict.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"
    raise RuntimeError(f"no worker support for {engine}")


@dataclass
class Worker:
    process: subprocess.Popen
    broker_url: str
    queue: str
    email_dir: Path
    log_path: Path

    def emails(self) -> list[str]:
        return [p.read_text(encoding="utf-8") for p in sorted(self.email_dir.glob("*.log"))]

    def wait_for_emails(self, count: int, timeout: float = 30.0) -> list[str]:
        """Poll the email directory until `count` messages are there (or time out and show the worker log)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.emails()
            if len(found) >= count:
                return found
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"worker sent {len(self.emails())} emails, expected {count}; log:\n{self.log()}")

    def clear_emails(self) -> None:
        for p in self.email_dir.glob("*.log"):
            p.unlink()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-4000:]


def start_worker(*, settings_dict: dict, redis_db: int, tmp: Path, extra_env: dict | None = None) -> Worker:
    email_dir = tmp / "emails"
    email_dir.mkdir(parents=True, exist_ok=True)
    queue = f"bangfu-test-{uuid.uuid4().hex[:10]}"
    broker = f"redis://{REDIS_HOST}:{REDIS_PORT}/{redis_db}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url(settings_dict),
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(email_dir),
        "BANGFU_DATA_DIR": str(tmp / "data"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
        "AXES_ENABLED": "false",
        **(extra_env or {}),
    }
    celery = Path(sys.executable).with_name("celery")
    log_path = tmp / "worker.log"
    log_file = log_path.open("w")
    process = subprocess.Popen(
        [
            str(celery),
            "--workdir",
            str(ROOT / "site"),
            "-A",
            "config",
            "worker",
            "-P",
            "solo",
            "-c",
            "1",
            "-Q",
            queue,
            "-I",
            "tests.celery_worker_hooks",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
            "-n",
            f"{queue}@%h",
        ],
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        cwd=str(ROOT / "site"),
    )
    worker = Worker(process=process, broker_url=broker, queue=queue, email_dir=email_dir, log_path=log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited ({process.returncode}):\n{worker.log()}")
        if " ready." in worker.log():
            return worker
        time.sleep(0.3)
    stop_worker(worker)
    raise RuntimeError(f"celery worker did not become ready:\n{worker.log()}")


def stop_worker(worker: Worker) -> None:
    if worker.process.poll() is None:
        worker.process.terminate()
        try:
            worker.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()


APP_KEYS = ("task_always_eager", "broker_url", "task_default_queue")


def point_app_at(conf: dict) -> dict:
    """Set this process's Celery app options (broker, queue, eager); return the previous ones."""
    from config.celery import app

    previous = {key: app.conf[key] for key in APP_KEYS}
    app.conf.update(conf)
    # Forget the app's pools made with the previous broker setting (kombu keeps its own pools per
    # broker URL, so they are not closed here: the next switch back reuses them).
    app._pool = None
    app.amqp._producer_pool = None
    return previous


@contextmanager
def app_pointed_at(worker):
    """This process's Celery app sends its tasks to the worker's broker and queue inside the block; the
    previous options (in-process, eager, for the rest of the suite) come back after it, even on an error."""
    previous = point_app_at(
        {"task_always_eager": False, "broker_url": worker.broker_url, "task_default_queue": worker.queue}
    )
    try:
        yield worker
    finally:
        point_app_at(previous)


def celery_worker_fixture(redis_db: int, name: str = "celery_worker", env_fixture: str | None = None):
    """Two fixtures: `<name>_process` (session: one worker subprocess) and `<name>` (per test).

    The per-test fixture points this process's Celery app at the worker's broker and queue and puts
    it back afterwards, so tests that run later in the session still run their tasks in-process.
    Skips when Redis is unreachable. Use: `celery_worker_process, celery_worker = celery_worker_fixture(11)`.
    `env_fixture` names a session fixture returning extra environment variables for the worker.
    """
    process_name = f"{name}_process"

    @pytest.fixture(scope="session", name=process_name)
    def _process(request, django_db_setup, django_db_blocker):
        if not redis_reachable():
            pytest.skip(f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}: the Celery worker tests need it")
        from django.db import connection

        tmp = Path(tempfile.mkdtemp(prefix="bangfu-celery-"))
        extra_env = request.getfixturevalue(env_fixture) if env_fixture else None
        worker = start_worker(settings_dict=connection.settings_dict, redis_db=redis_db, tmp=tmp, extra_env=extra_env)
        try:
            yield worker
        finally:
            stop_worker(worker)
            shutil.rmtree(tmp, ignore_errors=True)

    @pytest.fixture(name=name)
    def _per_test(request):
        worker = request.getfixturevalue(process_name)
        worker.clear_emails()
        with app_pointed_at(worker):
            yield worker

    return _process, _per_test
