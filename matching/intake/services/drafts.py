"""Turning a report into a draft need in its county's queue."""

import logging

from django.db import transaction

from matching.errors import refusal
from matching.intake.error_codes import IntakeErrorCode as C
from matching.intake.models import IntakeReport
from matching.intake.rules import contains_personal_data
from matching.models import BeneficiaryRecord, NeedPage
from matching.permissions import require_handle_intake
from matching.services.needs import NeedFields, need_create

logger = logging.getLogger(__name__)


def default_public_text(report: IntakeReport) -> tuple[str, str]:
    """A title and description with no personal data, for staff to complete before publishing."""
    title = f"{report.township}{report.category_label}需求（待核实）"
    description = (
        f"<p>{report.county.name}{report.township}群众反映{report.category_label}方面的困难，"
        f"紧急程度：{report.get_urgency_display()}。工作人员核实后补充需求详情。</p>"
    )
    return title[:255], description


@transaction.atomic
def report_to_draft_need(*, report: IntakeReport, user, title: str = "", description: str = "") -> NeedPage:
    """Create an unpublished need for the report's county; personal data goes to BeneficiaryRecord only.

    Rules: staff of the county only; a report becomes at most one need; the public title and
    description must not contain any of the report's private values (names, phones, ID numbers)
    nor any long run of digits. The need is a Wagtail draft: staff review and publish it.
    """
    report = IntakeReport.objects.select_for_update(of=("self",)).select_related("county", "contact").get(pk=report.pk)
    require_handle_intake(user=user, county=report.county)
    if report.need_id is not None:
        raise refusal("该报告已经转为需求草稿", C.ALREADY_A_NEED)
    if report.status == IntakeReport.Status.CLOSED:
        raise refusal("该报告已办结，不能再转为需求", C.REPORT_CLOSED)
    default_title, default_description = default_public_text(report)
    title, description = (title or default_title).strip(), (description or default_description).strip()
    private = report.contact.private_values() if hasattr(report, "contact") else []
    if contains_personal_data(f"{title}\n{description}", private):
        raise refusal(
            "需求标题和描述是公开内容，不能包含姓名、电话、身份证号等个人信息", C.PERSONAL_DATA_IN_PUBLIC_TEXT
        )
    need = need_create(
        county=report.county,
        user=user,
        publish=False,
        fields=NeedFields(
            title=title,
            description=description,
            categories=[report.category],
            urgency=report.urgency,
            circle=NeedPage.Circle.EMERGENCY if report.urgency == "critical" else NeedPage.Circle.CORE,
            beneficiaries=1,
        ),
    )
    contact = getattr(report, "contact", None)
    if contact is not None and contact.person_name:
        BeneficiaryRecord.objects.create(
            need=need, full_name=contact.person_name, id_number=contact.person_id_number, phone=contact.person_phone
        )
    report.need = need
    report.status = IntakeReport.Status.DRAFTED
    report.save(update_fields=["need", "status"])
    logger.info("intake report %s became draft need %s", report.ref, need.ref)
    return need
