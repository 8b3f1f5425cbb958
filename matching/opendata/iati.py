"""IATI Activity Standard 2.03 export: one iati-activity per public project, with its ledger
transactions, locations (service regions) and results (beneficiaries reached, from progress reports).

Each spend (an expenditure transaction: a confirmed disbursement or an emergency advance) carries a ``ref`` and a
description of what it bought (its spending lines, counts of people reached, never names); each receipt or photo
that proves a line is a ``document-link`` naming that transaction's ref, both in its description (for people) and
in the ``bangfu:transaction-ref`` attribute (for machines; IATI allows attributes of another namespace there).

Element order follows the schema (schemas/iati-activities-schema.xsd); tests validate against it.
Mapping of the ledger onto IATI transaction types is documented in docs/open-data.md.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.utils import timezone

from matching.funding.models import Account, LedgerEntry, LedgerTransaction
from matching.models import Project
from matching.money import format_yuan
from matching.opendata.datasets import public_projects
from matching.opendata.streaming import batched_by_pk
from matching.outcomes.models import BENEFICIARY_GROUPS, Evidence, ProgressReport
from matching.outcomes.selectors.spending import EVIDENCED, OVERDUE, Spend, confirmed_spends, spend_of

DEFAULT_REPORTING_ORG_REF = "XI-BANGFU"
# Project status → IATI ActivityStatus codelist.
ACTIVITY_STATUS = {"active": "2", "paused": "6", "completed": "4", "cancelled": "5"}
# Ledger origin kind → (IATI TransactionType, sign applied to the entry amount, account kind read).
INCOMING, COMMITMENT, EXPENDITURE = "1", "2", "4"
# The namespace of the one attribute Bangfu adds: which transaction a document-link proves.
EXTENSION_NS = "urn:bangfu:iati:1"
# IATI DocumentCategory A08: results, outcomes and outputs (receipts and photos of what the money bought).
EVIDENCE_CATEGORY = "A08"


def reporting_org_ref() -> str:
    return getattr(settings, "OPENDATA_IATI_REPORTING_ORG_REF", DEFAULT_REPORTING_ORG_REF)


def _a(value) -> str:
    return quoteattr(str(value))


def _t(value) -> str:
    return escape(str(value))


def _narr(text: str, lang: str | None = None) -> str:
    attr = f' xml:lang="{lang}"' if lang else ""
    return f"<narrative{attr}>{_t(text)}</narrative>"


def _transactions(project_ids) -> dict[int, list[tuple[str, datetime.date, int, str, int]]]:
    """(type, date, value in fen, currency, ledger transaction id) per project, from the ledger (one query per
    batch)."""
    K = LedgerTransaction.Kind
    rules = {
        (Account.Kind.PROJECT, K.DONATION): (INCOMING, 1),
        (Account.Kind.PROJECT, K.GRANT): (INCOMING, 1),
        (Account.Kind.PROJECT, K.OWN_FUNDS): (INCOMING, 1),
        # Money reserved for a need, awaiting the region's confirmation that it arrived.
        (Account.Kind.ALLOCATED, K.ALLOCATION): (COMMITMENT, 1),
        # Money confirmed as arrived at the need, or an emergency advance paid at once: spent.
        (Account.Kind.ALLOCATED, K.SPEND): (EXPENDITURE, -1),
        (Account.Kind.PROJECT, K.ADVANCE): (EXPENDITURE, -1),
    }
    out = defaultdict(list)
    rows = (
        LedgerEntry.objects.filter(
            account__project_id__in=list(project_ids), account__kind__in=[Account.Kind.PROJECT, Account.Kind.ALLOCATED]
        )
        .values_list(
            "account__project_id",
            "account__kind",
            "transaction__origin_kind",
            "transaction__created_at",
            "amount",
            "currency",
            "transaction_id",
        )
        .order_by("transaction__created_at", "id")
    )
    for project_id, account_kind, origin, created_at, amount, currency, tx_id in rows:
        rule = rules.get((account_kind, origin))
        if rule:
            out[project_id].append((rule[0], timezone.localdate(created_at), amount * rule[1], currency, tx_id))
    return out


def _spends(project_ids) -> dict[int, Spend]:
    """Each confirmed spend of these projects, keyed by the ledger transaction that paid it out (four queries)."""
    today = timezone.localdate()
    out = {}
    for d in confirmed_spends(project_id__in=list(project_ids)):
        out[d.allocation_transaction_id if d.kind == d.Kind.ADVANCE else d.settlement_transaction_id] = spend_of(
            d, today=today
        )
    return out


def spend_ref(org_ref: str, spend: Spend) -> str:
    return f"{org_ref}-{spend.disbursement.project.ref}-D{spend.disbursement.pk}"


def _spend_description(spend: Spend) -> str:
    parts = []
    for line in spend.lines:
        what = line.what or "未列明细"
        people = f"，受益 {line.beneficiaries} 人" if line.beneficiaries else ""
        proof = "有佐证" if line.state == EVIDENCED else "逾期未提供佐证" if line.state == OVERDUE else "佐证待提供"
        parts.append(f"{what} {format_yuan(line.amount)} 元{people}（{proof}）")
    return f"拨付给需求“{spend.disbursement.need.title}”：" + "；".join(parts)


def evidence_url(evidence: Evidence) -> tuple[str, str]:
    """(absolute URL, MIME type) of a receipt or photo; photos are the re-encoded files, without metadata."""
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    if evidence.image_id:
        name = evidence.image.file.name.lower()
        return base + evidence.image.file.url, "image/png" if name.endswith(".png") else "image/jpeg"
    return base + evidence.document.url, "application/pdf"


def _document_links(spends: list[Spend], org_ref: str) -> list[str]:
    xml = []
    for spend in spends:
        ref = spend_ref(org_ref, spend)
        for line in spend.lines:
            for e in line.evidence:
                url, mime = evidence_url(e)
                xml.append(
                    f"<document-link url={_a(url)} format={_a(mime)} bangfu:transaction-ref={_a(ref)}>"
                    f"<title>{_narr(e.caption or line.what)}</title>"
                    f"<description>{_narr(f'交易 {ref} 的佐证：{line.what}（{format_yuan(line.amount)} 元）')}"
                    f"{_narr(f'Evidence for transaction {ref}', 'en')}</description>"
                    f"<category code={_a(EVIDENCE_CATEGORY)}/>"
                    f"<document-date iso-date={_a(timezone.localdate(e.created_at).isoformat())}/>"
                    f"</document-link>"
                )
    return xml


def _reports(project_ids) -> dict[int, list[ProgressReport]]:
    out = defaultdict(list)
    for r in ProgressReport.objects.filter(project_id__in=list(project_ids)).order_by("period_start", "id"):
        out[r.project_id].append(r)
    return out


def _activity(p: Project, transactions, reports, org_ref: str, spends: dict[int, Spend] | None = None) -> str:
    parts = [
        f"<iati-activity last-updated-datetime={_a(timezone.localtime(p.updated_at).isoformat(timespec='seconds'))}"
        f' xml:lang="zh" default-currency={_a(p.currency)}>',
        f"<iati-identifier>{_t(org_ref)}-{_t(p.ref)}</iati-identifier>",
        f'<reporting-org ref={_a(org_ref)} type="90">'
        f"{_narr('帮扶平台')}{_narr('Bangfu platform', 'en')}</reporting-org>",
        f"<title>{_narr(p.title)}</title>",
    ]
    if p.summary or p.description:
        parts.append(f'<description type="1">{_narr(p.summary or p.description)}</description>')
    org = p.organisation
    parts.append(
        f'<participating-org ref={_a("CN-USCC-" + org.uscc)} role="4" type="24">{_narr(org.name)}</participating-org>'
    )
    parts.append(f"<activity-status code={_a(ACTIVITY_STATUS.get(p.status, '2'))}/>")
    today = timezone.localdate()
    if p.starts_on:
        actual = p.starts_on <= today
        parts.append(f'<activity-date type="{2 if actual else 1}" iso-date={_a(p.starts_on.isoformat())}/>')
    if p.ends_on:
        actual = p.status == Project.Status.COMPLETED and p.ends_on <= today
        parts.append(f'<activity-date type="{4 if actual else 3}" iso-date={_a(p.ends_on.isoformat())}/>')
    if not p.starts_on and not p.ends_on:
        parts.append(f'<activity-date type="1" iso-date={_a(timezone.localdate(p.created_at).isoformat())}/>')
    parts.append('<recipient-country code="CN" percentage="100"/>')
    for region in p.service_regions.all():
        parts.append(
            f"<location ref={_a(region.code)}><name>{_narr(region.name)}</name>"
            f'<administrative vocabulary="G1" level="{ {"province": 1, "prefecture": 2}.get(region.level, 3) }"'
            f" code={_a(region.code)}/></location>"
        )
    for category in p.categories.all():
        parts.append(f'<sector vocabulary="99" code={_a(category.code)}>{_narr(category.label)}</sector>')
    spends = spends or {}
    shown = []
    for kind, day, value, currency, tx_id in transactions:
        spend = spends.get(tx_id) if kind == EXPENDITURE else None
        ref = f" ref={_a(spend_ref(org_ref, spend))}" if spend else ""
        parts.append(
            f'<transaction{ref}><transaction-type code="{kind}"/><transaction-date iso-date={_a(day.isoformat())}/>'
            f"<value currency={_a(currency)} value-date={_a(day.isoformat())}>{format_yuan(value)}</value>"
        )
        if spend:
            shown.append(spend)
            parts.append(f"<description>{_narr(_spend_description(spend))}</description>")
        parts.append("</transaction>")
    parts += _document_links(shown, org_ref)
    if reports:
        parts.append(_result(reports))
    parts.append("</iati-activity>")
    return "".join(parts)


def _result(reports: list[ProgressReport]) -> str:
    """An output result: beneficiaries reached per group, one period per progress report."""
    xml = ['<result type="1" aggregation-status="1">', f"<title>{_narr('受益人数（按群体，只计人数）')}</title>"]
    for field, label, english in BENEFICIARY_GROUPS:
        xml.append(f'<indicator measure="1" ascending="1"><title>{_narr(label)}{_narr(english, "en")}</title>')
        for r in reports:
            xml.append(
                f"<period><period-start iso-date={_a(r.period_start.isoformat())}/>"
                f"<period-end iso-date={_a(r.period_end.isoformat())}/>"
                f'<actual value="{getattr(r, field)}"/></period>'
            )
        xml.append("</indicator>")
    xml.append("</result>")
    return "".join(xml)


def iati_chunks() -> Iterator[str]:
    """The whole export, streamed a batch of projects at a time."""
    org_ref = reporting_org_ref()
    now = timezone.localtime().isoformat(timespec="seconds")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="2.03" generated-datetime={_a(now)} xmlns:bangfu={_a(EXTENSION_NS)}>\n'
    )
    for batch in batched_by_pk(public_projects()):
        ids = [p.pk for p in batch]
        transactions, reports, spends = _transactions(ids), _reports(ids), _spends(ids)
        for p in batch:
            yield _activity(p, transactions.get(p.pk, []), reports.get(p.pk, []), org_ref, spends) + "\n"
    yield "</iati-activities>\n"
