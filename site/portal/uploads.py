"""What an uploaded file really is, read from its first bytes, not from its name or header.

Pure functions; unit-tested without a database.
"""
MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024

SIGNATURES = (
    (b"%PDF-", "application/pdf", ("pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", ("png",)),
    (b"\xff\xd8\xff", "image/jpeg", ("jpg", "jpeg")),
)


def sniff_type(head: bytes) -> str | None:
    for magic, content_type, _ in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def certificate_upload_errors(*, name: str, size: int, head: bytes) -> list[str]:
    """Every reason a certificate upload is refused, in Chinese; empty when acceptable."""
    errors = []
    if size <= 0:
        return ["上传的文件是空的"]
    if size > MAX_CERTIFICATE_BYTES:
        errors.append(f"文件过大：{size / 1024 / 1024:.1f} MB，上限为 5 MB")
    content_type = sniff_type(head)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if content_type is None:
        errors.append("文件内容不是 PDF、PNG 或 JPEG，请上传登记证书的扫描件或照片")
    else:
        allowed = next(exts for _, ct, exts in SIGNATURES if ct == content_type)
        if ext not in allowed:
            errors.append(f"文件扩展名“.{ext}”与文件内容（{content_type}）不符")
    return errors
