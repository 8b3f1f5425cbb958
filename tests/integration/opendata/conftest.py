import datetime as dt

import pytest

from matching.models import NeedPage
from matching.outcomes.services.reports import BeneficiaryCounts, MilestoneFields, report_file
from tests.factories import make_need
from tests.integration.outcomes.conftest import (  # noqa: F401  shared fixtures
    SECRET_ID,
    SECRET_NAME,
    SECRET_PHONE,
    beneficiary,
    county_staff,
    document,
    gps_photo,
    matched_need,
    member,
    need,
    outsider,
    pdf_upload,
    project,
)


@pytest.fixture
def published_data(project, member, county_staff, matched_need, beneficiary, document, gps_photo):  # noqa: F811
    """A project with money in, a confirmed disbursement, an emergency advance and a report with a photo."""
    from matching.funding.services import accounts
    from matching.funding.services.disbursements import advance_release, disbursement_confirm, disbursement_create
    from matching.funding.services.ledger import Line, ledger_post

    ledger_post(
        kind="own_funds",
        idempotency_key="od-own",
        lines=[
            Line(accounts.account_org_funds(project.organisation), -1_000_000),
            Line(accounts.account_for_project(project), 1_000_000),
        ],
    )
    ledger_post(
        kind="donation",
        idempotency_key="od-don",
        memo="捐赠 test：匿名爱心人士",
        lines=[Line(accounts.account_donors(), -50_000), Line(accounts.account_for_project(project), 50_000)],
    )
    d = disbursement_create(
        project=project, need=matched_need, amount=300_000, purpose="扶手与防滑地砖", receipt=document, user=member
    )
    disbursement_confirm(disbursement=d, user=county_staff)
    emergency = make_need(county="360321", title="莲花县火灾急难", circle=NeedPage.Circle.EMERGENCY)
    advance_release(project=project, need=emergency, amount=100_000, purpose="临时生活费", user=county_staff)
    report_file(
        project=project,
        user=member,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        narrative="完成改造",
        counts=BeneficiaryCounts(reached_elderly=12, reached_disabled=2),
        milestones=[MilestoneFields("卫浴改造", dt.date(2026, 3, 1))],
        photos=[gps_photo],
    )
    from matching.outcomes.services.figures import figures_refresh

    figures_refresh()  # the pages show the kept figures, which Celery refreshes after writes commit
    return {"project": project, "need": matched_need, "emergency": emergency}
