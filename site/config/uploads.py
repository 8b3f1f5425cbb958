"""Uploads are streamed to disk and limited while they arrive, per file and per request.

Django writes any file above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a temporary file as it is read. The
handler below sits first in ``FILE_UPLOAD_HANDLERS`` and counts bytes as they pass: a file past
``FILE_UPLOAD_MAX_SIZE`` is dropped (the rest of it is read in chunks and discarded, never kept), and
once the files of one request pass ``FILE_UPLOAD_MAX_REQUEST_SIZE`` every further file is dropped too. The middleware
then
answers 413 with the reason, before any view reads a byte. ``DATA_UPLOAD_MAX_NUMBER_FILES`` caps how
many files one request may carry (Django answers 400). The web server in front limits the body too
(docs/uploads.md).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpResponse


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB"


class LimitedUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.file_bytes = 0
        self.request_bytes = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file_bytes = 0

    def receive_data_chunk(self, raw_data, start):
        self.file_bytes += len(raw_data)
        self.request_bytes += len(raw_data)
        if self.request_bytes > settings.FILE_UPLOAD_MAX_REQUEST_SIZE:
            self._refuse(
                f"一次上传的文件合计超过 {_mb(settings.FILE_UPLOAD_MAX_REQUEST_SIZE)} / "
                f"files in one request exceed {_mb(settings.FILE_UPLOAD_MAX_REQUEST_SIZE)}"
            )
            # Not StopUpload: Django would then drain the body line by line, and a binary body without
            # newlines is one "line" in memory. Skipping drains each file in fixed-size chunks.
            raise SkipFile
        if self.file_bytes > settings.FILE_UPLOAD_MAX_SIZE:
            self._refuse(
                f"文件“{self.file_name}”超过 {_mb(settings.FILE_UPLOAD_MAX_SIZE)} / "
                f"a file exceeds {_mb(settings.FILE_UPLOAD_MAX_SIZE)}"
            )
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) builds the file

    def _refuse(self, message: str) -> None:
        if self.request is not None and not getattr(self.request, "upload_refused", None):
            self.request.upload_refused = message


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH") and request.content_type == "multipart/form-data":
            request.FILES  # noqa: B018 - parse now, through the limited handlers
            if message := getattr(request, "upload_refused", None):
                return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
