"""Intake refusals carry stable codes (matching/intake/error_codes.py) besides their Chinese message."""

import pytest
from django.core.exceptions import ValidationError

from matching.errors import error_codes
from matching.intake.error_codes import IntakeErrorCode
from matching.intake.models import IntakeReport
from matching.intake.services.reports import county_for_code, report_close

pytestmark = pytest.mark.django_db


def test_a_county_code_that_is_not_a_county_is_refused_with_its_code(regions_present):
    with pytest.raises(ValidationError) as refused:
        county_for_code("999999")
    assert error_codes(refused.value) == {IntakeErrorCode.UNKNOWN_COUNTY}
    assert refused.value.message_dict == {"county_code": ["行政区划代码 999999 不存在"]}
    with pytest.raises(ValidationError) as refused:
        county_for_code("360300")
    assert error_codes(refused.value) == {IntakeErrorCode.NOT_A_COUNTY}
    assert "不是县级行政区" in refused.value.message_dict["county_code"][0]


def test_closing_needs_a_reason_and_happens_once(report_of, county_staff):
    report = report_of()
    with pytest.raises(ValidationError) as refused:
        report_close(report=report, user=county_staff, reason=" ")
    assert error_codes(refused.value) == {IntakeErrorCode.CLOSED_REASON_REQUIRED}
    assert refused.value.message_dict == {"closed_reason": ["请填写办结说明，例如与哪条报告重复"]}
    report_close(report=report, user=county_staff, reason="与另一条报告重复")
    with pytest.raises(ValidationError) as refused:
        report_close(report=report, user=county_staff, reason="再办结一次")
    assert error_codes(refused.value) == {IntakeErrorCode.REPORT_CLOSED}
    assert refused.value.messages == ["该报告已办结"]
    assert IntakeReport.objects.get(pk=report.pk).closed_reason == "与另一条报告重复"
