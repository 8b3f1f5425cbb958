"""Ledger accounts, created on first use. Unique by kind + key, so concurrent callers share one row."""

from matching.funding.models import Account
from matching.models import NeedPage, Organisation, Project


def _ensure(kind: str, key: str, name: str, **links) -> Account:
    account, _ = Account.objects.get_or_create(kind=kind, key=key, defaults={"name": name, **links})
    return account


def account_for_project(project: Project) -> Account:
    return _ensure(
        Account.Kind.PROJECT,
        f"project:{project.pk}",
        project.title,
        project=project,
        organisation_id=project.organisation_id,
    )


def account_for_need(need: NeedPage) -> Account:
    return _ensure(Account.Kind.NEED, f"need:{need.pk}", need.title, need=need)


def account_for_allocation(project: Project, need: NeedPage) -> Account:
    return _ensure(
        Account.Kind.ALLOCATED,
        f"allocated:{project.pk}:{need.pk}",
        f"{project.title} → {need.title}",
        project=project,
        need=need,
        organisation_id=project.organisation_id,
    )


def account_donors() -> Account:
    return _ensure(Account.Kind.DONORS, "donors", "捐赠人（汇总）")


def account_grant_source(source: str, label: str) -> Account:
    return _ensure(Account.Kind.GRANT_SOURCE, f"grant:{source}", label)


def account_org_funds(organisation: Organisation) -> Account:
    return _ensure(Account.Kind.ORG_FUNDS, f"org:{organisation.pk}", organisation.name, organisation=organisation)


def account_recovery(organisation_id: int | None) -> Account:
    key = f"recovery:{organisation_id or 'platform'}"
    return _ensure(Account.Kind.RECOVERY, key, "应追回款", organisation_id=organisation_id)
