"""Spending lines: who may say what a disbursement bought, and which evidence may prove it.

The organisation whose project paid writes the lines (any member, as for the disbursement itself). Evidence is its
own: a progress report of the same project, or a delivery record that this project made to the same need. Another
organisation's delivery or report, or a delivery to another need, never proves this money.
"""

from matching.funding.models import Disbursement
from matching.outcomes.models import DeliveryRecord, ProgressReport
from matching.permissions.organisations import is_org_member


def can_write_spending_lines(user, disbursement: Disbursement) -> bool:
    return is_org_member(user, disbursement.project.organisation)


def can_link_spending_proof(
    user, disbursement: Disbursement, *, delivery: DeliveryRecord | None = None, report: ProgressReport | None = None
) -> bool:
    if not can_write_spending_lines(user, disbursement):
        return False
    if delivery is not None and (
        delivery.project_id != disbursement.project_id or delivery.need_id != disbursement.need_id
    ):
        return False
    return report is None or report.project_id == disbursement.project_id
