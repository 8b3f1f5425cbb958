from portal.uploads import MAX_CERTIFICATE_BYTES, certificate_upload_errors, sniff_type


def test_types_are_read_from_the_first_bytes():
    assert sniff_type(b"%PDF-1.7\n") == "application/pdf"
    assert sniff_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert sniff_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff_type(b"MZ\x90\x00") is None
    assert sniff_type(b"") is None


def test_a_real_pdf_passes():
    assert certificate_upload_errors(name="证书.PDF", size=1000, head=b"%PDF-1.4") == []


def test_an_executable_named_pdf_is_refused():
    errors = certificate_upload_errors(name="证书.pdf", size=1000, head=b"MZ\x90\x00")
    assert errors == ["文件内容不是 PDF、PNG 或 JPEG，请上传登记证书的扫描件或照片"]


def test_a_png_named_pdf_is_refused_for_the_mismatch():
    errors = certificate_upload_errors(name="证书.pdf", size=1000, head=b"\x89PNG\r\n\x1a\n")
    assert errors == ["文件扩展名“.pdf”与文件内容（image/png）不符"]


def test_size_limits():
    assert certificate_upload_errors(name="a.pdf", size=0, head=b"") == ["上传的文件是空的"]
    assert certificate_upload_errors(name="a.pdf", size=MAX_CERTIFICATE_BYTES, head=b"%PDF-") == []
    assert "文件过大" in certificate_upload_errors(name="a.pdf", size=MAX_CERTIFICATE_BYTES + 1, head=b"%PDF-")[0]
