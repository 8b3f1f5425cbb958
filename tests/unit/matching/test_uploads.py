"""Upload checks (evidence, money documents, certificates): type by content, size limits, metadata stripped.
No database."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict
from PIL import Image

from matching.uploads import (
    EXTENSIONS,
    MAX_CERTIFICATE_BYTES,
    certificate_upload_errors,
    clean_pdf,
    clean_photo,
    sniff_type,
    upload_from,
    uploads_from,
)

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "camera-app 1.0"  # Software
    exif[0x0112] = 1  # Orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (27.0, 7.0, 30.0), 3: "E", 4: (113.0, 56.0, 12.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", "27.125N 113.937E")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_gps_exif_is_gone_after_cleaning():
    # given a JPEG carrying GPS coordinates in its EXIF
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the fixture really has GPS
    # when it is cleaned
    clean = clean_photo(name="现场.jpg", data=data, max_bytes=10_000_000)
    # then the stored bytes have no EXIF at all, and no GPS marker bytes
    out = Image.open(io.BytesIO(clean.content))
    assert out.format == "JPEG"
    assert not out.getexif()
    assert out.getexif().get_ifd(GPS_IFD) == {}
    assert b"Exif" not in clean.content and b"PhoneMaker" not in clean.content
    assert out.size == (64, 48)


def test_png_text_chunks_are_dropped():
    clean = clean_photo(name="a.png", data=png_with_text(), max_bytes=10_000_000)
    assert b"Location" not in clean.content
    assert Image.open(io.BytesIO(clean.content)).format == "PNG"


def test_a_pdf_renamed_to_jpg_is_refused_as_a_photo():
    with pytest.raises(ValidationError) as err:
        clean_photo(name="photo.jpg", data=b"%PDF-1.4\n...\n%%EOF\n", max_bytes=10_000_000)
    assert "不是可识别的图片" in err.value.messages[0]


def test_gif_is_refused_with_its_format_named():
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    with pytest.raises(ValidationError) as err:
        clean_photo(name="x.gif", data=out.getvalue(), max_bytes=10_000_000)
    assert "GIF" in err.value.messages[0]


def test_photo_over_the_size_limit_is_refused():
    data = jpeg_with_gps()
    with pytest.raises(ValidationError) as err:
        clean_photo(name="big.jpg", data=data, max_bytes=len(data) - 1)
    assert err.value.code == "too_large"
    assert "太大" in err.value.messages[0]


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as err:
        clean_pdf(name="a.pdf", data=b"", max_bytes=100)
    assert "空的" in err.value.messages[0]


def test_pdf_checked_by_signature_not_by_name():
    assert clean_pdf(name="收据.pdf", data=b"%PDF-1.7\nhello\n%%EOF\n", max_bytes=1000).name.endswith(".pdf")
    with pytest.raises(ValidationError) as err:
        clean_pdf(name="receipt.pdf", data=b"MZ\x90\x00 not a pdf", max_bytes=1000)
    assert "不是 PDF" in err.value.messages[0]


def test_large_photo_is_scaled_down():
    out = io.BytesIO()
    Image.new("RGB", (3000, 1000)).save(out, format="JPEG")
    clean = clean_photo(name="wide.jpg", data=out.getvalue(), max_bytes=10_000_000, max_edge=1500)
    assert Image.open(io.BytesIO(clean.content)).size == (1500, 500)


def test_palette_png_keeps_its_transparency():
    image = Image.new("P", (4, 4), 0)
    image.putpalette([255, 0, 0] + [0, 0, 0] * 255)
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=0)
    clean = clean_photo(name="icon.png", data=out.getvalue(), max_bytes=10_000)
    assert Image.open(io.BytesIO(clean.content)).convert("RGBA").getpixel((0, 0))[3] == 0


def test_types_are_read_from_the_first_bytes():
    assert sniff_type(b"%PDF-1.7\n") == "application/pdf"
    assert sniff_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert sniff_type(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert sniff_type(b"MZ\x90\x00") is None
    assert sniff_type(b"GIF89a") is None
    assert sniff_type(b"") is None


def test_a_stored_file_is_named_for_its_content():
    assert EXTENSIONS[sniff_type(jpeg_with_gps()[:16])][0] == "jpg"
    assert EXTENSIONS[sniff_type(png_with_text()[:16])][0] == "png"


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


def test_files_of_a_request_are_read_as_uploads():
    files = MultiValueDict({"photos": [SimpleUploadedFile("a.jpg", b"1"), SimpleUploadedFile("b.jpg", b"22")]})
    assert [(u.name, u.content) for u in uploads_from(files, "photos")] == [("a.jpg", b"1"), ("b.jpg", b"22")]
    assert upload_from(files, "photos").content == b"22"  # one file per field: the last one sent, as Django's get
    assert upload_from(files, "receipt") is None
    assert uploads_from(files, "receipt") == []
