"""Conflict of interest: what people declare about organisations, and the record of every decision.

A declaration is never deleted: withdrawing one stamps when and why, so the history of who had which interest
when stays readable. A decision record is append-only, like the response log.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InterestDeclarationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class InterestDeclaration(models.Model):
    """A person (civil-affairs staff or an organisation's member) declares an interest in an organisation."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("本人是该组织成员")
        FAMILY = "family", _("亲属在该组织任职或受益")
        EMPLOYMENT = "employment", _("曾在或正在该组织任职、兼职")
        BOARD = "board", _("理事、监事或顾问")
        DONOR = "donor", _("本人或亲属向该组织捐赠")
        BUSINESS = "business", _("经济往来")
        OTHER = "other", _("其他关系")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申报人"),
        on_delete=models.PROTECT,
        related_name="interest_declarations",
    )
    organisation = models.ForeignKey(
        "matching.Organisation",
        verbose_name=_("社会组织"),
        on_delete=models.PROTECT,
        related_name="interest_declarations",
    )
    kind = models.CharField(_("关系类型"), max_length=16, choices=Kind.choices)
    reason = models.CharField(_("说明"), max_length=500)
    declared_at = models.DateTimeField(_("申报时间"), default=timezone.now, db_index=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("撤回理由"), max_length=300, blank=True)

    objects = InterestDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("利益申报")
        verbose_name_plural = _("利益申报")
        ordering = ["-declared_at", "-id"]
        indexes = [models.Index(fields=["organisation", "user"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.organisation_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def delete(self, *args, **kwargs):
        raise ValidationError(_("利益申报不能删除，只能撤回"))


class DecisionRecord(models.Model):
    """Who decided what about which organisation, and that no declared interest applied (append-only)."""

    class Kind(models.TextChoices):
        MATCH_ANSWER = "match_answer", _("答复匹配")
        ORGANISATION_VET = "organisation_vet", _("审核社会组织")
        DISBURSEMENT_APPROVE = "disbursement_approve", _("审批拨付")
        DISBURSEMENT_CONFIRM = "disbursement_confirm", _("确认拨付")
        DISBURSEMENT_REJECT = "disbursement_reject", _("驳回拨付")
        ADVANCE_RELEASE = "advance_release", _("急难先行救助")

    class Check(models.TextChoices):
        NO_INTEREST = "no_interest", _("决定人不是该组织成员，也没有申报与该组织的利益关系")
        NOT_PROJECT_LEAD = "not_project_lead", _("决定人不是该项目的负责人")

    kind = models.CharField(_("决定类型"), max_length=24, choices=Kind.choices)
    outcome = models.CharField(_("决定"), max_length=40)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "matching.Organisation", verbose_name=_("社会组织"), on_delete=models.PROTECT, related_name="decision_records"
    )
    project = models.ForeignKey(
        "matching.Project",
        verbose_name=_("帮扶项目"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    need = models.ForeignKey(
        "matching.NeedPage", verbose_name=_("需求"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("决定对象"), max_length=40)
    region_code = models.CharField(_("所属地区代码"), max_length=6, db_index=True)
    check_applied = models.CharField(_("利益冲突核查"), max_length=20, choices=Check.choices)
    no_interest_applied = models.BooleanField(_("无已申报的利益关系"), default=True)
    decided_at = models.DateTimeField(_("决定时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("决定记录")
        verbose_name_plural = _("决定记录")
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["organisation", "decided_by"])]

    OUTCOMES = {
        "accepted": _("同意"),
        "declined": _("婉拒"),
        "approve": _("通过"),
        "reject": _("驳回"),
        "suspend": _("暂停"),
        "approved": _("已审批"),
        "confirmed": _("已确认"),
        "rejected": _("已驳回"),
        "released": _("已先行救助"),
        "verified": _("已认证"),
        "pending": _("待审核"),
        "suspended": _("已暂停"),
    }

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"

    @property
    def outcome_label(self) -> str:
        return str(self.OUTCOMES.get(self.outcome, self.outcome))

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValidationError(_("决定记录只能追加，不能修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("决定记录只能追加，不能删除"))
