"""An organisation registers itself in the portal and waits for staff to vet it."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from matching.models import Category, Membership, Organisation, Region
from matching.taxonomy import ORG_TYPES
from matching.uploads import EXTENSIONS, certificate_upload_errors, sniff_type
from matching.uscc import normalise_uscc, uscc_errors
from portal.models import RegistrationCertificate


@dataclass(frozen=True)
class OrganisationFields:
    name: str
    uscc: str
    org_type: str
    registration_authority: str = ""
    description: str = ""
    service_regions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def certificate_errors(upload: UploadedFile | None) -> list[str]:
    if upload is None:
        return ["请上传登记证书"]
    head = upload.read(16)
    upload.seek(0)
    return certificate_upload_errors(name=upload.name or "", size=upload.size or 0, head=head)


def organisation_fields_errors(fields: OrganisationFields) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not fields.name.strip():
        errors["name"] = ["请填写组织名称"]
    elif len(fields.name) > 200:
        errors["name"] = ["组织名称不能超过200字"]
    if uscc_problems := uscc_errors(fields.uscc):
        errors["uscc"] = uscc_problems
    elif Organisation.objects.filter(uscc=normalise_uscc(fields.uscc)).exists():
        errors["uscc"] = ["该统一社会信用代码已登记，请联系该组织的管理员邀请您加入"]
    if fields.org_type not in ORG_TYPES:
        errors["org_type"] = ["请选择组织类型"]
    if not fields.service_regions:
        errors["service_regions"] = ["请至少选择一个服务地区"]
    elif Region.objects.filter(code__in=fields.service_regions).count() != len(set(fields.service_regions)):
        errors["service_regions"] = ["包含未知的行政区划代码"]
    if not fields.categories:
        errors["categories"] = ["请至少选择一个服务类别"]
    elif Category.objects.filter(code__in=fields.categories).count() != len(set(fields.categories)):
        errors["categories"] = ["包含未知的服务类别"]
    return errors


@transaction.atomic
def organisation_register(*, user, fields: OrganisationFields, certificate: UploadedFile | None) -> Organisation:
    """Create a pending organisation with the registrant as its admin and keep its certificate.

    Nothing is written unless every field and the upload pass their checks.
    """
    if not (user and user.is_authenticated):
        raise ValidationError("请先登录")
    errors = organisation_fields_errors(fields)
    if cert_problems := certificate_errors(certificate):
        errors["certificate"] = cert_problems
    if errors:
        raise ValidationError(errors)
    org = Organisation(
        ref=f"org-{uuid.uuid4().hex[:12]}",
        name=fields.name.strip(),
        uscc=normalise_uscc(fields.uscc),
        org_type=fields.org_type,
        registration_authority=fields.registration_authority.strip(),
        description=fields.description.strip(),
        status=Organisation.Status.PENDING,
    )
    org.full_clean()
    org.save()
    org.service_regions.set(Region.objects.filter(code__in=fields.service_regions))
    org.categories.set(Category.objects.filter(code__in=fields.categories))
    Membership.objects.create(organisation=org, user=user, role=Membership.Role.ADMIN)
    head = certificate.read(16)
    certificate.seek(0)
    content_type = sniff_type(head)
    certificate.name = f"{org.ref}.{EXTENSIONS[content_type][0]}"  # never keep a client-chosen file name
    RegistrationCertificate.objects.create(
        organisation=org, file=certificate, content_type=content_type, size=certificate.size, uploaded_by=user
    )
    return org
