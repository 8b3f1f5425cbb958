"""Demo data: the records file matching/data/demo/demo_records.jsonl (imported with the importer, so demo
data is the exchange format) and one account per role. Safe to run again: a second run changes nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from matching.models import Membership, Organisation, Region, Volunteer

DEMO_RECORDS = Path(__file__).resolve().parents[2] / "data" / "demo" / "demo_records.jsonl"
DEMO_PASSWORD = "bangfu-demo-2026"
ADMIN_PASSWORD = "bangfu-admin-2026"
DEMO_ORGANISATION = "org-004"  # 莲花县青禾社会工作服务中心
DEMO_VOLUNTEER = "vol-005"  # 张社工

# (username, what the account is, region code or None for national, role)
STAFF = [
    ("staff_national", "民政部门·全国（可发布）", None, "officer"),
    ("staff_jiangxi", "江西省民政厅（可发布）", "360000", "officer"),
    ("staff_jian", "吉安市民政局（可发布）", "360800", "officer"),
    ("lianhua_officer", "莲花县民政局干部（可发布）", "360321", "officer"),
    ("lianhua_clerk", "莲花县民政局录入员（提交审核）", "360321", "clerk"),
    ("suichuan_officer", "遂川县民政局干部（可发布）", "360827", "officer"),
    ("suichuan_clerk", "遂川县民政局录入员（提交审核）", "360827", "clerk"),
]


def _user(username: str, password: str, **extra):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org", **extra}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _email_verified(user) -> None:
    """Demo accounts sign in directly: their (fictional) addresses count as verified, so allauth's mandatory
    verification does not stop them. Real accounts verify by the link mailed to them."""
    from allauth.account.models import EmailAddress

    email = (user.email or f"{user.username}@example.org").lower()
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if not address.verified:
        EmailAddress.objects.filter(pk=address.pk).update(verified=True)


@transaction.atomic
def demo_accounts_ensure() -> list[tuple[str, str, str]]:
    """One account per role; existing accounts are left as they are. Returns (username, password, role) rows."""
    from matching.services.staff import staff_user_add
    from matching.services.volunteers import volunteer_upsert

    rows = [("admin", ADMIN_PASSWORD, "超级管理员 superuser")]
    _email_verified(_user("admin", ADMIN_PASSWORD, is_staff=True, is_superuser=True))
    for username, label, code, role in STAFF:
        region = Region.objects.get(code=code) if code else None
        _email_verified(
            staff_user_add(
                username=username,
                password=DEMO_PASSWORD,
                region=region,
                role=role,
                email=f"{username}@example.org",
                full_name=label,
            )
        )
        rows.append((username, DEMO_PASSWORD, label))
    organisation = Organisation.objects.get(ref=DEMO_ORGANISATION)
    for username, role, label in (
        ("org_admin", Membership.Role.ADMIN, "组织管理员"),
        ("org_member", Membership.Role.MEMBER, "组织成员"),
    ):
        user = _user(username, DEMO_PASSWORD)
        _email_verified(user)
        Membership.objects.get_or_create(organisation=organisation, user=user, defaults={"role": role})
        rows.append((username, DEMO_PASSWORD, f"{organisation.name}·{label}"))
    user = _user("volunteer", DEMO_PASSWORD)
    _email_verified(user)
    volunteer = Volunteer.objects.get(ref=DEMO_VOLUNTEER)
    if volunteer.user_id != user.pk:
        volunteer_upsert(
            ref=volunteer.ref,
            display_name=volunteer.display_name,
            skills=list(volunteer.skills.values_list("code", flat=True)),
            service_regions=list(volunteer.service_regions.values_list("code", flat=True)),
            hours_per_month=volunteer.hours_per_month,
            status=volunteer.status,
            account=user,
        )
    rows.append(("volunteer", DEMO_PASSWORD, f"志愿者（{volunteer.display_name}）"))
    return rows


class Command(BaseCommand):
    help = "载入演示数据（记录文件 + 各角色演示账号），可重复运行。Load the demo data and accounts; idempotent."

    def handle(self, *args, verbosity, **options):
        if not Region.objects.filter(code="360321").exists():
            call_command("load_regions", verbosity=verbosity)
        call_command("import_records", str(DEMO_RECORDS), verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
        rows = demo_accounts_ensure()
        from matching.data.demo.money import demo_money_ensure

        money = demo_money_ensure()
        from matching.data.demo.dates import demo_dates_settle

        demo_dates_settle()
        # The dates were settled in place (no save signals): the kept figures count them from scratch, so the
        # maps, cards and dashboards agree from the first page (the one-machine run has no beat to recount).
        from matching.outcomes.services.figures import figures_recompute

        figures_recompute()
        if verbosity:
            self.stdout.write(f"演示资金：拨款 {money['grants']} 笔，拨付 {money['disbursements']} 笔")
        if verbosity:
            self.stdout.write("\n演示账号 demo accounts（仅供演示，切勿用于生产）:")
            width = max(len(r[0]) for r in rows)
            for username, password, label in rows:
                self.stdout.write(f"  {username.ljust(width)}  {password}  {label}")
