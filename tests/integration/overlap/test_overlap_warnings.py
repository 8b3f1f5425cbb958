"""Overlap is shown before an approval: on the need's candidates screen when the officer answers an organisation's
proposal, on the officer's screen of disbursements to confirm, on an organisation admin's approval of a
disbursement and on a proposal waiting for the admin's answer. It appears on the second commitment, never on the
first; it names the other organisations and what they committed, with links; near-duplicate needs of the county
that are already funded are flagged too."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from matching.funding.models import Disbursement
from matching.funding.services.disbursements import disbursement_confirm
from matching.models import Match, Membership
from matching.selectors.commitments import need_commitments
from matching.selectors.overlap import overlap_warning
from tests.factories import MembershipFactory, make_need

from .conftest import NEED_TEXT, commit, disburse, fund, propose

pytestmark = pytest.mark.django_db


def _warning_rows(html: str) -> list[str]:
    return [el.get_text(" ", strip=True) for el in BeautifulSoup(html, "html.parser").select(".overlap-warning")]


def _candidates(client, need) -> str:
    response = client.get(reverse("matching_need_candidates", args=[need.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_overlap_is_flagged_on_the_second_commitment_not_the_first(client, officer, need, first, second):
    client.force_login(officer)
    match_a = propose(first, need)
    assert _warning_rows(_candidates(client, need)) == []  # the first organisation: nothing to warn about
    response = client.post(reverse("matching_need_match_action", args=[need.pk, match_a.pk]), {"action": "accept"})
    assert response.status_code == 302
    assert not need_commitments(need=need).overlapping

    match_b = propose(second, need)
    html = _candidates(client, need)
    rows = _warning_rows(html)
    assert len(rows) == 1
    assert "重复资助提示：其他组织已承诺这一需求" in rows[0]
    assert "萍乡市善行社工中心" in rows[0] and "敬老院适老化改造（善行）" in rows[0] and "已接受" in rows[0]
    soup = BeautifulSoup(html, "html.parser").select_one(f"#overlap-{match_b.pk}")
    links = {a["href"] for a in soup.select("a")}
    assert f"/organisations/{first[0].ref}/" in links and f"/projects/{first[2].ref}/" in links

    client.post(reverse("matching_need_match_action", args=[need.pk, match_b.pk]), {"action": "accept"})
    commitments = need_commitments(need=need)
    assert commitments.overlapping and [o.organisation_name for o in commitments.firm] == [
        "萍乡市善行社工中心",
        "莲花县仁爱志愿者协会",
    ]
    assert commitments.overlap_since == Match.objects.get(pk=match_b.pk).created_at


def test_a_declined_proposal_commits_nobody(officer, need, first, second):
    from matching.services.matches import match_decline

    match_decline(user=officer, match=propose(first, need), reason="已有其他组织承接")
    assert not overlap_warning(need=need, organisation=second[0])


def test_the_officer_sees_the_overlap_before_confirming_a_disbursement(client, officer, need, first, second):
    client.force_login(officer)
    commit(first, need, officer)
    fund(first)
    paid = disburse(first, need, 300_000)
    assert paid.status == Disbursement.Status.AWAITING_CONFIRMATION
    assert _warning_rows(client.get(reverse("funding_admin:disbursements")).content.decode()) == []
    disbursement_confirm(disbursement=paid, user=officer)

    commit(second, need, officer)
    fund(second)
    second_money = disburse(second, need, 200_000)
    html = client.get(reverse("funding_admin:disbursements")).content.decode()
    row = BeautifulSoup(html, "html.parser").select_one(f"#overlap-{second_money.pk}").get_text(" ", strip=True)
    assert "萍乡市善行社工中心" in row and "已拨付 ¥3,000.00" in row
    assert "项目资金来源" in row and "社会组织自有资金 ¥50,000.00" in row


def test_an_organisation_admin_sees_who_else_committed_before_approving_a_disbursement(
    client, officer, need, first, second
):
    commit(first, need, officer)
    fund(first)
    disburse(first, need, 300_000)
    commit(second, need, officer)
    fund(second, 10_000_000)
    large = disburse(second, need, 6_000_000)
    assert large.status == Disbursement.Status.PENDING_APPROVAL
    approver = MembershipFactory(organisation=second[0], role=Membership.Role.ADMIN).user
    client.force_login(approver)
    html = client.get(reverse("portal:project_money", args=[second[2].pk])).content.decode()
    row = BeautifulSoup(html, "html.parser").select_one(f"#overlap-{large.pk}").get_text(" ", strip=True)
    assert "萍乡市善行社工中心" in row and "拨付中 ¥3,000.00" in row


def test_an_organisation_answering_a_proposal_sees_who_else_committed(client, officer, need, first, second):
    from matching.services.matches import match_propose

    commit(first, need, officer)
    match_propose(user=officer, need=need, project=second[2])
    client.force_login(second[1])
    html = client.get(reverse("portal:org_dashboard", args=[second[0].pk])).content.decode()
    rows = _warning_rows(html)
    assert len(rows) == 1 and "萍乡市善行社工中心" in rows[0]


def test_near_duplicate_needs_funded_twice_are_flagged(client, officer, need, first, second):
    commit(first, need, officer)
    reworded = make_need(
        county="360321",
        title="坊楼镇敬老院卫生间需加装扶手",
        description="<p>坊楼镇敬老院卫生间没有扶手，二十多位老人洗澡很不方便，需加装扶手、防滑地面。</p>",
    )
    elsewhere = make_need(county="360322", title="坊楼镇敬老院卫生间加装扶手", description=NEED_TEXT)
    unrelated = make_need(
        county="360321",
        title="神泉乡留守儿童课后托管",
        categories=("child_welfare",),
        description="<p>留守儿童放学后无人照看，需要课后托管。</p>",
    )
    client.force_login(officer)
    propose(second, reworded)
    rows = _warning_rows(_candidates(client, reworded))
    assert len(rows) == 1
    assert "同县相似需求已获资助" in rows[0] and "坊楼镇敬老院卫生间加装扶手" in rows[0]
    assert "萍乡市善行社工中心" in rows[0] and "文字相似度" in rows[0]
    assert not overlap_warning(need=elsewhere, organisation=second[0]).near_duplicates  # another county
    assert not overlap_warning(need=unrelated, organisation=second[0])


def test_warnings_cost_the_same_queries_for_two_rows_or_six(client, officer, lianhua, first, second):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    url = reverse("funding_admin:disbursements")

    def screen_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    fund(first, 20_000_000)
    fund(second, 20_000_000)
    needs = [
        make_need(county="360321", title=f"敬老院改造{i}号", description=f"<p>第{i}号敬老院需改造{i * 7}处</p>")
        for i in range(6)
    ]
    for n in needs[:2]:  # two rows, each the other's near-duplicate: every kind of overlap is present
        commit(first, n, officer)
        commit(second, n, officer)
        disburse(second, n, 100_000)
    two = screen_queries()
    for n in needs[2:]:
        commit(first, n, officer)
        commit(second, n, officer)
        disburse(second, n, 100_000)
    assert screen_queries() == two
