"""Uploads are streamed to disk and limited per file, per request and in number; a hostile upload costs
the server neither memory nor a 500. The memory test sends 3 × 50 MB for real (a live server, the body
streamed from a file) and samples the process's resident memory while it is received."""

import http.client
import io
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from matching.models import Membership, Project
from matching.outcomes.models import ProgressReport
from matching.uploads import Upload
from tests.factories import MembershipFactory, ProjectFactory

MB = 1024 * 1024
CSRF = "a" * 32


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


class RssPeak(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.base, self.peak, self.running = _rss(), 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, _rss())
            time.sleep(0.005)

    def growth(self) -> int:
        self.running = False
        self.join()
        return max(0, self.peak - self.base)


def _multipart(path: Path, fields: dict, files: list[tuple[str, str, int]]) -> str:
    boundary = uuid.uuid4().hex
    with path.open("wb") as out:
        for name, value in fields.items():
            out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for field, filename, size in files:
            out.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                f"Content-Type: application/pdf\r\n\r\n".encode()
            )
            out.write(b"%PDF-1.4\n")
            for _ in range(size // MB):
                out.write(b"0" * MB)
            out.write(b"\r\n")
        out.write(f"--{boundary}--\r\n".encode())
    return boundary


def _post_file(live_server, path: str, body: Path, boundary: str, cookies: str) -> tuple[int, str]:
    host, port = live_server.url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=300)
    with body.open("rb") as fh:
        conn.request(
            "POST",
            path,
            body=fh,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(body.stat().st_size),
                "Cookie": cookies,
                "X-CSRFToken": CSRF,
            },
        )
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")


@pytest.fixture
def reporter(transactional_db, client):
    membership = MembershipFactory(role=Membership.Role.MEMBER)
    project = ProjectFactory(organisation=membership.organisation, status=Project.Status.ACTIVE)
    client.force_login(membership.user)
    cookies = f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}"
    return project, cookies


REPORT = {
    "csrfmiddlewaretoken": CSRF,
    "period_start": "2026-01-01",
    "period_end": "2026-03-31",
    "narrative": "本期完成改造。",
    **{f"reached_{g}": "1" for g in ("dibao", "tekun", "disabled", "children", "elderly", "other")},
}


def test_three_files_of_50_mb_are_refused_without_holding_them_in_memory(live_server, reporter, tmp_path, capsys):
    project, cookies = reporter
    url = f"/outcomes/projects/{project.ref}/reports/new/"
    # Warm up the server thread (templates, database connection) with a small invalid post.
    small = _multipart(tmp_path / "small", {**REPORT, "narrative": ""}, [("documents", "s.pdf", 1 * MB)])
    assert _post_file(live_server, url, tmp_path / "small", small, cookies)[0] == 200
    boundary = _multipart(tmp_path / "body", REPORT, [("documents", f"big{i}.pdf", 50 * MB) for i in range(3)])
    sampler = RssPeak()
    sampler.start()

    status, text = _post_file(live_server, url, tmp_path / "body", boundary, cookies)

    growth = sampler.growth()
    with capsys.disabled():
        print(f"\n[figure] 3 x 50 MB upload: resident memory grew {growth / MB:.1f} MB while it was received")
    assert status == 413 and "20 MB" in text
    assert growth < 40 * MB
    assert not ProgressReport.objects.exists()


def test_more_files_than_allowed_in_one_request_is_a_400(client, db, settings):
    files = {
        f"f{i}": SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4 x") for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
    }
    response = client.post("/accounts/login/", files)
    assert response.status_code == 400


def test_a_file_over_the_per_file_limit_is_a_413_with_the_reason(client, db, settings):
    settings.FILE_UPLOAD_MAX_SIZE = 1 * MB
    response = client.post("/accounts/login/", {"f": SimpleUploadedFile("big.pdf", b"0" * (2 * MB))})
    assert response.status_code == 413
    assert "1 MB" in response.content.decode()


def test_evidence_larger_than_allowed_is_refused_before_it_is_read():
    class Unreadable(io.BytesIO):
        size = 40 * MB
        name = "big.pdf"

        def read(self, *args):
            raise AssertionError("read a file that was already too large")

    with pytest.raises(ValidationError) as caught:
        Upload.from_file(Unreadable())
    assert "过大" in str(caught.value)
