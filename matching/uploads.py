"""Every uploaded file is checked here, before anything is stored. Pure: bytes in, bytes out, no ORM.

- type by content, not by name: the first bytes are read by ``filetype`` (PDF, PNG, JPEG only);
  photos must also open in Pillow as JPEG or PNG, documents must end with ``%%EOF`` (docs/uploads.md);
- size limits: evidence from settings, certificates here, money documents in funding's documents service;
- photos are decoded and re-encoded from pixels only, so EXIF (including GPS), XMP, ICC comments
  and PNG text chunks never reach storage, let alone a public page.

Users: evidence (outcomes), money documents (funding), registration certificates (portal).
"""

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

PDF, PNG, JPEG = "application/pdf", "image/png", "image/jpeg"
# The content types accepted anywhere, each with the file-name extensions a sender may give it; the first is
# the one a stored file gets.
EXTENSIONS = {PDF: ("pdf",), PNG: ("png",), JPEG: ("jpg", "jpeg")}
_MATCHERS = tuple(filetype.get_type(mime=content_type) for content_type in EXTENSIONS)
MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024
ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs long before Pillow's own limit


@dataclass(frozen=True)
class Upload:
    """One uploaded file: its name as sent, its bytes, and a caption."""

    name: str
    content: bytes
    caption: str = ""

    @classmethod
    def from_file(cls, f, caption: str = "") -> "Upload":
        """Read an uploaded file, after checking its size: a file larger than any evidence may be is
        refused without reading it into memory."""
        limit = max(settings.OUTCOMES_IMAGE_MAX_BYTES, settings.OUTCOMES_DOCUMENT_MAX_BYTES)
        size = getattr(f, "size", None)
        if size is not None and size > limit:
            raise ValidationError(
                {
                    "evidence": _("文件“%(name)s”过大（%(size).1f MB），上限为 %(limit)d MB")
                    % {"name": getattr(f, "name", ""), "size": size / 1024 / 1024, "limit": limit // (1024 * 1024)}
                }
            )
        f.seek(0)
        return cls(name=getattr(f, "name", "file"), content=f.read(limit + 1), caption=caption)


def upload_from(files, name: str) -> Upload | None:
    """The file sent under ``name`` in a request's FILES, read as an Upload; None when none was sent."""
    f = files.get(name)
    return Upload.from_file(f) if f else None


def uploads_from(files, name: str) -> list[Upload]:
    """Every file sent under ``name`` in a request's FILES, read as Uploads."""
    return [Upload.from_file(f) for f in files.getlist(name)]


def sniff_type(head: bytes) -> str | None:
    """The content type the first bytes show (PDF, PNG or JPEG), or None for anything else."""
    kind = filetype.match(head, matchers=_MATCHERS)
    return kind.mime if kind else None


@dataclass(frozen=True)
class CleanFile:
    name: str
    content: bytes
    kind: str  # "photo" | "document"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _base_name(name: str) -> str:
    stem = (name or "file").rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    return "".join(ch for ch in stem if ch.isalnum() or ch in "-_")[:60] or "file"


def check_size(*, name: str, size: int, limit: int) -> None:
    if size <= 0:
        raise ValidationError(f"文件“{name}”是空的", code="empty_file")
    if size > limit:
        raise ValidationError(f"文件“{name}”太大（{_mb(size)}），上限为 {_mb(limit)}", code="too_large")


def clean_photo(*, name: str, data: bytes, max_bytes: int, max_edge: int = 4000) -> CleanFile:
    """A photo as JPEG or PNG, decoded and re-encoded without any metadata. Raises ValidationError."""
    check_size(name=name, size=len(data), limit=max_bytes)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"文件“{name}”不是可识别的图片（只接受 JPEG、PNG 照片）", code="not_an_image") from None
    if fmt not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(f"文件“{name}”的图片格式 {fmt} 不被接受（只接受 JPEG、PNG）", code="image_format")
    if width * height > MAX_PIXELS:
        raise ValidationError(f"图片“{name}”像素过多（{width}×{height}）", code="too_many_pixels")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)  # keep the orientation the EXIF asked for, then drop EXIF
            image.load()
            if max(image.size) > max_edge:
                image.thumbnail((max_edge, max_edge))
            pixels = _pixels_only(image, fmt)
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(f"图片“{name}”已损坏，无法读取", code="broken_image") from None
    out = io.BytesIO()
    if fmt == "JPEG":
        pixels.save(out, format="JPEG", quality=88, optimize=True)
    else:
        pixels.save(out, format="PNG", optimize=True)
    return CleanFile(name=f"{_base_name(name)}.{ALLOWED_IMAGE_FORMATS[fmt]}", content=out.getvalue(), kind="photo")


def _pixels_only(image: Image.Image, fmt: str) -> Image.Image:
    """A fresh image holding the pixels and nothing else (no info dict, no EXIF, no ICC, no text)."""
    mode = image.mode
    if mode == "P" and "transparency" in image.info:  # keep see-through pixels without keeping the info dict
        image, mode = image.convert("RGBA"), "RGBA"
    if fmt == "JPEG" and mode not in ("RGB", "L"):
        image, mode = image.convert("RGB"), "RGB"
    elif fmt == "PNG" and mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image, mode = image.convert("RGBA"), "RGBA"
    fresh = Image.new(mode, image.size)
    if mode == "P":
        fresh.putpalette(image.getpalette())
    fresh.paste(image)
    return fresh


def clean_pdf(*, name: str, data: bytes, max_bytes: int) -> CleanFile:
    """A document must be a PDF by its signature, not by its name. Raises ValidationError."""
    check_size(name=name, size=len(data), limit=max_bytes)
    if sniff_type(data[:16]) != PDF or b"%%EOF" not in data[-2048:]:
        raise ValidationError(f"文件“{name}”不是 PDF 文件（只接受 PDF 格式的文件）", code="not_a_pdf")
    return CleanFile(name=f"{_base_name(name)}.pdf", content=data, kind="document")


def certificate_upload_errors(*, name: str, size: int, head: bytes) -> list[str]:
    """Every reason a registration certificate is refused, in Chinese; empty when acceptable."""
    errors = []
    if size <= 0:
        return ["上传的文件是空的"]
    if size > MAX_CERTIFICATE_BYTES:
        errors.append(f"文件过大：{size / 1024 / 1024:.1f} MB，上限为 5 MB")
    content_type = sniff_type(head)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if content_type is None:
        errors.append("文件内容不是 PDF、PNG 或 JPEG，请上传登记证书的扫描件或照片")
    elif ext not in EXTENSIONS[content_type]:
        errors.append(f"文件扩展名“.{ext}”与文件内容（{content_type}）不符")
    return errors
