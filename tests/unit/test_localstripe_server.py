"""The local Stripe test server keeps its store where it is told, and an unreadable store is set aside with
a message instead of stopping the server (a second `make run` after a test run failed to start it)."""

import pickle
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.stripe_server import ROOT, free_port

SCRIPT = ROOT / "scripts" / "localstripe_server.py"


def _start(store: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--port", str(port), "--store", str(store), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1).read(10)
            return proc, url
        except OSError:
            assert proc.poll() is None, proc.stdout.read()
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("localstripe did not start")


def _stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    out, _ = proc.communicate(timeout=10)
    return out


def _create_customer(url: str) -> str:
    req = urllib.request.Request(
        f"{url}/v1/customers", data=b"email=a%40example.com", headers={"Authorization": "Bearer sk_test_x"}
    )
    body = urllib.request.urlopen(req, timeout=5).read().decode()
    return body.split('"id": "')[1].split('"')[0]


def test_the_store_lives_in_the_given_file_and_survives_a_restart(tmp_path):
    store = tmp_path / "store.pickle"
    proc, url = _start(store)
    try:
        customer = _create_customer(url)
    finally:
        _stop(proc)
    assert store.exists() and customer in pickle.loads(store.read_bytes()).get("customer:" + customer, {}).id

    proc, url = _start(store)
    try:
        got = urllib.request.urlopen(
            urllib.request.Request(f"{url}/v1/customers/{customer}", headers={"Authorization": "Bearer sk_test_x"})
        ).read()
    finally:
        _stop(proc)
    assert customer.encode() in got


@pytest.mark.parametrize(
    "content",
    [
        b"\x80\x05\x95 not a pickle at all",
        b"\x80\x04\x95\x11\x00\x00\x00\x00\x00\x00\x00\x8c\x08__main__\x8c\x04Gone\x93.",
    ],
    ids=["garbage", "a class this server does not have"],
)
def test_an_unreadable_store_is_set_aside_and_the_server_starts_empty(tmp_path, content):
    store = tmp_path / "store.pickle"
    store.write_bytes(content)
    proc, _url = _start(store)
    out = _stop(proc)
    assert (tmp_path / "store.pickle.unreadable").exists()
    assert "store unreadable" in out and "starting empty" in out
