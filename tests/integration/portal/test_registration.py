from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from matching.models import Membership, Organisation
from portal.models import RegistrationCertificate
from tests.factories import make_uscc
from tests.integration.portal.conftest import PDF, pdf_upload

URL = reverse("portal:org_register")


def form_data(**overrides):
    data = {
        "name": "莲花县助老服务中心",
        "uscc": make_uscc(901),
        "org_type": "social_service_agency",
        "registration_authority": "莲花县民政局",
        "description": "为农村老人提供上门服务",
        "service_regions": ["360300"],
        "categories": ["elderly_care"],
        "certificate": pdf_upload(),
    }
    data.update(overrides)
    return data


def test_registration_creates_a_pending_organisation_with_the_registrant_as_admin(client, stranger):
    client.force_login(stranger)

    response = client.post(URL, form_data())

    org = Organisation.objects.get(uscc=make_uscc(901))
    assert response.status_code == 302
    assert org.status == Organisation.Status.PENDING
    assert Membership.objects.get(organisation=org).user == stranger
    assert Membership.objects.get(organisation=org).role == "admin"
    cert = RegistrationCertificate.objects.get(organisation=org)
    assert cert.content_type == "application/pdf"
    assert cert.file.name.endswith(f"{org.ref}.pdf")  # the client's file name is not kept
    assert [r.code for r in org.service_regions.all()] == ["360300"]


def test_a_wrong_check_character_names_the_expected_one_and_writes_nothing(client, stranger):
    client.force_login(stranger)
    good = make_uscc(902)
    bad = good[:17] + ("0" if good[17] != "0" else "1")

    response = client.post(URL, form_data(uscc=bad))

    assert response.status_code == 400
    assert f"第18位应为“{good[17]}”".encode() in response.content
    assert Organisation.objects.count() == 0
    assert RegistrationCertificate.objects.count() == 0


def test_an_invalid_character_in_the_code_is_named_by_position(client, stranger):
    client.force_login(stranger)
    code = "9136" + "O" + make_uscc(903)[5:]

    response = client.post(URL, form_data(uscc=code))

    assert response.status_code == 400
    assert "第5位字符“O”不是有效字符".encode() in response.content
    assert Organisation.objects.count() == 0


def test_a_disguised_upload_is_refused_by_content_not_by_name(client, stranger):
    client.force_login(stranger)
    exe = SimpleUploadedFile("证书.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")

    response = client.post(URL, form_data(certificate=exe))

    assert response.status_code == 400
    assert "文件内容不是 PDF、PNG 或 JPEG".encode() in response.content
    assert Organisation.objects.count() == 0


def test_an_oversized_upload_is_refused(client, stranger):
    client.force_login(stranger)
    big = SimpleUploadedFile("证书.pdf", PDF + b"0" * (5 * 1024 * 1024), content_type="application/pdf")

    response = client.post(URL, form_data(certificate=big))

    assert response.status_code == 400
    assert "文件过大".encode() in response.content
    assert Organisation.objects.count() == 0


def test_missing_fields_are_reported_next_to_the_fields_and_linked_for_screen_readers(client, stranger):
    client.force_login(stranger)

    response = client.post(URL, {"name": "", "uscc": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_error"' in html and 'aria-invalid="true"' in html
    assert '<label for="id_uscc">' in html
    assert Organisation.objects.count() == 0


def test_an_already_registered_code_is_refused_with_a_hint(client, stranger, org_a):
    client.force_login(stranger)

    response = client.post(URL, form_data(uscc=org_a.uscc))

    assert response.status_code == 400
    assert "已登记".encode() in response.content
    assert Organisation.objects.count() == 1


def test_registration_needs_a_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
