"""A local Stripe test server (localstripe) for the test suite, and Stripe-style webhook signing."""

import hashlib
import hmac
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ROOT = Path(__file__).resolve().parents[1]


def _command(port: int, workdir: str) -> list[str]:
    # localstripe with its store in our own folder and a dispute resource, so dispute events can be confirmed.
    store = str(Path(workdir) / "store.pickle")
    return [
        sys.executable,
        str(ROOT / "scripts" / "localstripe_server.py"),
        "--port",
        str(port),
        "--from-scratch",
        "--store",
        store,
    ]


class LocalStripe:
    """Start localstripe on a free port; stop it with stop(). Its store lives in a temporary directory."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workdir = tempfile.mkdtemp(prefix="localstripe-")
        self.process = subprocess.Popen(
            _command(self.port, self.workdir),
            cwd=self.workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "TMPDIR": self.workdir, "PYTHONPATH": str(ROOT)},
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/js.stripe.com/v3/", timeout=1).read(10)
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("localstripe exited at start") from None
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("localstripe did not start")

    def register_webhook(self, hook_id: str, url: str, secret: str) -> None:
        data = json.dumps({"url": url, "secret": secret}).encode()
        req = urllib.request.Request(
            f"{self.url}/_config/webhooks/{hook_id}",
            data=data,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(req, timeout=5).read()

    def create_dispute(
        self, *, payment_intent: str, amount: int, currency: str = "cny", status: str = "needs_response"
    ) -> str:
        """Make the server hold a dispute (as the card network would); returns its id."""
        data = urllib.parse.urlencode(
            {"payment_intent": payment_intent, "amount": amount, "currency": currency, "status": status}
        ).encode()
        req = urllib.request.Request(
            f"{self.url}/v1/disputes",
            data=data,
            method="POST",
            headers={"Authorization": "Bearer sk_test_bangfu_local"},
        )
        return json.loads(urllib.request.urlopen(req, timeout=5).read())["id"]

    def update_dispute(self, dispute_id: str, *, status: str) -> None:
        data = urllib.parse.urlencode({"status": status}).encode()
        req = urllib.request.Request(
            f"{self.url}/v1/disputes/{dispute_id}",
            data=data,
            method="POST",
            headers={"Authorization": "Bearer sk_test_bangfu_local"},
        )
        urllib.request.urlopen(req, timeout=5).read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)


def stripe_signature(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header, computed exactly as Stripe does: v1 = HMAC-SHA256(secret, "t.payload")."""
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def stripe_event(event_id: str, type_: str, obj: dict, created: int | None = None) -> bytes:
    event = {
        "id": event_id,
        "object": "event",
        "type": type_,
        "created": created or int(time.time()),
        "api_version": "2024-06-20",
        "livemode": False,
        "data": {"object": obj},
    }
    return json.dumps(event, sort_keys=True).encode()
