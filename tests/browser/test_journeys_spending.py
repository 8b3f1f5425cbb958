"""Each yuan to its proof, by clicks: an organisation's admin itemises a confirmed disbursement and links the
progress report that proves it, with a photo; the public then sees, on the project's transparency page and on the
need's page, what the money bought and the photo."""

import datetime

import pytest

from matching.models import Match
from matching.outcomes.models import SpendingLine
from tests.browser.journeys import Journey
from tests.browser.test_journeys_people import sign_in
from tests.browser.world import NEED_PROPOSED, ORG_NAME, PROJECT_TITLE, world_make
from tests.integration.outcomes.conftest import jpeg_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def world(site_server):
    """The journeys' world, plus money that reached the proposed need and a progress report of the project."""
    from django.contrib.auth import get_user_model

    from matching.outcomes.services.reports import BeneficiaryCounts, report_file
    from tests.factories.spending import fund_and_spend

    w = world_make()
    Match.objects.filter(pk=w.proposal.pk).update(status=Match.Status.ACCEPTED)
    users = get_user_model().objects
    admin, officer = users.get(username="org_admin"), users.get(username="lianhua_officer")
    w.spend = fund_and_spend(w.project, w.proposal.need, users.get(username="org_member"), officer, amount=300_000)
    w.report = report_file(
        project=w.project,
        user=admin,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        narrative="坊楼镇敬老院卫生间改造完成",
        counts=BeneficiaryCounts(reached_elderly=12),
    )
    return w


def test_organisation_adds_a_spending_line_with_evidence_and_the_public_sees_it(module_page, world, tmp_path, shot):
    photo = tmp_path / "扶手.jpg"
    photo.write_bytes(jpeg_with_gps())
    j = Journey(module_page(), "organisation itemises spending").start("/")
    sign_in(j, "admin@shanxing.example")
    j.link(ORG_NAME, within="main").link("资金", within="main").see("项目资金", NEED_PROPOSED)
    j.link("支出明细与佐证", within=f"#disbursement-{world.spend.pk}").see("还可列 ¥3,000.00", "尚未列明细的部分")
    j.fill("购买内容", "不锈钢扶手 12 套", exact=False).fill("金额（元）", "2000", exact=False)
    j.fill("受益人数", "12", exact=False)
    j.page.get_by_label("佐证").select_option(label="进展报告 2026-01-01–2026-03-31")
    j.page.get_by_label("补充照片（JPEG/PNG）").set_input_files(str(photo))
    j.button("添加支出明细", within="main form").see("已添加支出明细", "不锈钢扶手 12 套", "有佐证", "还可列 ¥1,000.00")
    shot(j.page, "portal-spending")
    line = SpendingLine.objects.get()
    assert (line.amount, line.beneficiaries, line.report_id) == (200_000, 12, world.report.pk)
    assert world.report.evidence.count() == 1

    public = Journey(module_page(), "public sees the spend").start("/")
    public.link("项目", within="header", exact=True).link(PROJECT_TITLE, within="main")
    public.link("查看资金去向与成效").see(
        "每一笔支出：买了什么，凭什么", "不锈钢扶手 12 套", "有佐证", "尚未列明细的部分"
    )
    row = public.page.locator("#spends tr.spend-line.state-evidenced")
    assert row.locator("img").count() == 1 and row.locator("img").first.evaluate("i => i.naturalWidth") > 0
    shot(public.page, "transparency-spends")
    public.link(NEED_PROPOSED, within="#spends").see("不锈钢扶手 12 套", "有佐证")
