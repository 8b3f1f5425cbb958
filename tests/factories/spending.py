"""Money that reached a need, made through the services: a confirmed disbursement, and one itemised with a
progress report (with a GPS-tagged photo, which the upload check strips) as its evidence."""

import datetime

from matching.funding.models import Disbursement
from matching.outcomes.models import SpendingLine
from tests.factories import make_document

RECEIPT_PDF = b"%PDF-1.4\n%%EOF\n"


def fund_and_spend(project, need, member, officer, receipt=None, amount=300_000, *, confirm=True) -> Disbursement:
    """Own funds into the project, a disbursement to the need by ``member``, confirmed by the need's ``officer``."""
    from matching.funding.services import accounts
    from matching.funding.services.disbursements import disbursement_confirm, disbursement_create
    from matching.funding.services.ledger import Line, ledger_post

    ledger_post(
        kind="own_funds",
        idempotency_key=f"own-{project.pk}-{need.pk}-{amount}",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -amount),
            Line(accounts.account_for_project(project), amount),
        ],
    )
    receipt = receipt or make_document(title="收据", filename="receipt.pdf", content=RECEIPT_PDF)
    d = disbursement_create(
        project=project, need=need, amount=amount, purpose="扶手与防滑地砖", receipt=receipt, user=member
    )
    return disbursement_confirm(disbursement=d, user=officer) if confirm else d


def spend_with_evidence(project, need, member, officer, *, what: str, caption: str, amount=100_000) -> SpendingLine:
    """A confirmed spend (the need must have the project's accepted match) with one line proven by a report photo."""
    from matching.outcomes.services.reports import BeneficiaryCounts, report_file
    from matching.outcomes.services.spending import SpendingFields, spending_line_add
    from matching.uploads import Upload
    from tests.integration.outcomes.conftest import jpeg_with_gps

    spend = fund_and_spend(project, need, member, officer, amount=amount * 3)
    report = report_file(
        project=project,
        user=member,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        narrative="完成本期帮扶",
        counts=BeneficiaryCounts(reached_other=1),
        photos=[Upload(name="现场.jpg", content=jpeg_with_gps(), caption=caption)],
    )
    return spending_line_add(
        disbursement=spend, user=member, fields=SpendingFields(what=what, amount=amount, beneficiaries=1, report=report)
    )
