"""Needs are Wagtail pages under a tree of region pages, so page permissions scope staff."""

import uuid

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager, PageQuerySet

from matching.error_codes import NeedErrorCode
from matching.errors import refusal
from matching.fields import MoneyField
from matching.need_panels import NeedActionsPanel
from matching.page_context import page_context_extra
from matching.personal_data import public_text_check


class NeedPageForm(WagtailAdminPageForm):
    """The need editor: a clerk's form has no status field (status moves through the lifecycle service)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from matching.permissions.pages import can_set_need_status

        if "status" in self.fields and not can_set_need_status(
            self.for_user, need=self.instance, parent_page=self.parent_page
        ):
            del self.fields["status"]


class RegionPage(Page):
    """A province, prefecture or county in the site tree; needs live under counties."""

    region = models.OneToOneField(
        "matching.Region", verbose_name="行政区划", on_delete=models.PROTECT, related_name="page"
    )
    intro = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("region"), FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "matching.RegionPage"]
    subpage_types = ["matching.RegionPage", "matching.NeedPage"]
    template = "matching/region_page.html"

    class Meta:
        verbose_name = "地区页"
        verbose_name_plural = "地区页"

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **page_context_extra(self, request)}


class NeedPageQuerySet(PageQuerySet):
    def publicly_visible(self):
        """The needs anyone may see (public pages, the search index, open data): live, under no view
        restriction, and past draft. The one definition of "public need"."""
        return self.live().public().filter(status__in=NeedPage.PUBLIC_STATUSES)


def new_need_ref() -> str:
    return f"need-{uuid.uuid4().hex[:12]}"


class NeedPage(Page):
    """A need (需求) published by civil-affairs staff for a county. Public fields carry counts only."""

    class Circle(models.TextChoices):
        CORE = "core", _("低保、特困（核心圈）")
        LOW_INCOME = "low_income", _("低收入、支出型贫困（中间圈）")
        EMERGENCY = "emergency", _("急难（外围圈）")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("一般")
        URGENT = "urgent", _("紧急")
        CRITICAL = "critical", _("危急")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        OPEN = "open", _("待响应")
        MATCHED = "matched", _("已匹配")
        IN_PROGRESS = "in_progress", _("实施中")
        FULFILLED = "fulfilled", _("已完成")
        CLOSED = "closed", _("已关闭")

    # open → matched → in_progress → fulfilled / closed; a need can be closed from any live state.
    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN, Status.CLOSED},
        Status.OPEN: {Status.MATCHED, Status.IN_PROGRESS, Status.CLOSED},
        Status.MATCHED: {Status.OPEN, Status.IN_PROGRESS, Status.CLOSED},
        Status.IN_PROGRESS: {Status.FULFILLED, Status.CLOSED},
        Status.FULFILLED: {Status.CLOSED},
        Status.CLOSED: set(),
    }
    # Shown to the public once published (every status but draft); counted on the transparency pages.
    PUBLIC_STATUSES = (Status.OPEN, Status.MATCHED, Status.IN_PROGRESS, Status.FULFILLED, Status.CLOSED)
    # Still being worked on: an organisation may be proposed, a delivery recorded.
    ACTIVE_STATUSES = (Status.OPEN, Status.MATCHED, Status.IN_PROGRESS)

    objects = PageManager.from_queryset(NeedPageQuerySet)()

    ref = models.CharField("外部编号", max_length=64, unique=True, default=new_need_ref)
    description = RichTextField("需求描述", features=["bold", "italic", "ol", "ul", "link"])
    categories = ParentalManyToManyField("matching.Category", verbose_name="类别", related_name="+")
    county = models.ForeignKey(
        "matching.Region",
        verbose_name="所在县（区）",
        on_delete=models.PROTECT,
        related_name="needs",
        null=True,
        blank=True,
        help_text="默认取所在地区页的县（区）",
    )
    circle = models.CharField("救助圈层", max_length=12, choices=Circle.choices, default=Circle.CORE)
    urgency = models.CharField("紧急程度", max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    beneficiaries = models.PositiveIntegerField("受益人数", default=0, help_text="只填人数，不填任何个人身份信息")
    amount_requested = MoneyField("所需资金（元）", default=0)
    currency = models.CharField("币种", max_length=3, default="CNY")
    volunteers_needed = models.PositiveIntegerField("所需志愿者人数", default=0)
    skills = ParentalManyToManyField("matching.Skill", verbose_name="所需技能", related_name="+", blank=True)
    deadline = models.DateField("截止日期", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.OPEN)
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    first_response_at = models.DateTimeField("首次响应时间", null=True, blank=True, editable=False)

    content_panels = (
        [NeedActionsPanel(heading="操作")]
        + Page.content_panels
        + [
            FieldPanel("description"),
            FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("circle"), FieldPanel("urgency"), FieldPanel("status")]),
                    FieldRowPanel(
                        [FieldPanel("beneficiaries"), FieldPanel("amount_requested"), FieldPanel("deadline")]
                    ),
                    FieldRowPanel([FieldPanel("volunteers_needed")]),
                    FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
                ],
                heading="需求详情",
            ),
        ]
    )
    parent_page_types = ["matching.RegionPage"]
    subpage_types: list[str] = []
    template = "matching/need_page.html"
    base_form_class = NeedPageForm

    class Meta:
        verbose_name = "需求"
        verbose_name_plural = "需求"
        indexes = [
            models.Index(fields=["status", "urgency"]),
            models.Index(fields=["published_on"]),
            models.Index(fields=["published_on", "page_ptr"], name="need_public_order"),
            # The same order over the needs the public lists can show: a page (or a deep walk) no longer steps
            # over the drafts first (about 30,000 without a date at the national size, where they sort first).
            models.Index(
                fields=["published_on", "page_ptr"],
                name="need_listed_order",
                condition=models.Q(status__in=["open", "matched", "in_progress", "fulfilled", "closed"]),
            ),
            # The staff dashboard's lists (no response yet) of a region: its few candidates, found by county
            # prefix, instead of a walk through every page in publication order looking for them.
            models.Index(
                fields=["county", "circle"],
                name="need_awaiting_response",
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
                condition=models.Q(first_response_at__isnull=True, status__in=["open", "matched"]),
            ),
        ]

    def clean(self):
        super().clean()
        self.clean_content()
        parent = self.get_parent() if self.pk else getattr(self, "_pending_parent", None)
        region = getattr(getattr(parent, "specific", None), "region", None)
        if region is not None:
            if region.level != "county":
                raise refusal("需求必须建在县（区）地区页下", NeedErrorCode.NOT_A_COUNTY)
            self.county = region

    def clean_content(self) -> None:
        """The need's own rules, without the tree: no personal data in public text, no negative amount.
        ``clean`` runs them; so does the bulk import for a page it writes without ``add_child``."""
        public_text_check(
            fields={"title": self.title, "description": self.description},
            private_values=BeneficiaryRecord.private_values(need_id=self.pk) if self.pk else (),
        )
        if self.amount_requested is not None and self.amount_requested < 0:
            raise refusal("所需资金不能为负数", NeedErrorCode.NEGATIVE_AMOUNT, field="amount_requested")

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), **page_context_extra(self, request)}

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())


class ResponseLogEntry(models.Model):
    """One dated line of a need's public response log (件件有回音). Never edited."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("发布")
        STATUS = "status", _("状态变更")
        RESPONSE = "response", _("响应")
        MATCH = "match", _("匹配")
        MONEY = "money", _("资金")
        DELIVERY = "delivery", _("交付")

    need = models.ForeignKey(NeedPage, on_delete=models.CASCADE, related_name="response_log")
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    actor_label = models.CharField("响应方", max_length=200, help_text="公开显示：组织名称或“民政部门”")
    message = models.TextField("内容")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "响应记录"
        verbose_name_plural = "响应记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.get_kind_display()}：{self.message}"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.pop("_allow_update", False):
            raise refusal("响应记录只能追加，不能修改", NeedErrorCode.RESPONSE_LOG_APPEND_ONLY)
        super().save(*args, **kwargs)


class BeneficiaryRecord(models.Model):
    """Personal data of a beneficiary household. Staff of the need's region only; never public."""

    need = models.ForeignKey(NeedPage, on_delete=models.CASCADE, related_name="beneficiary_records")
    full_name = models.CharField("姓名", max_length=60)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    health_notes = models.TextField("健康与残疾情况", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "受益人信息（保密）"
        verbose_name_plural = "受益人信息（保密）"

    @classmethod
    def private_values(cls, **filters) -> list[str]:
        """Names, ID numbers and phones of the records matching `filters`: what public text about
        them must never carry (matching/personal_data.py)."""
        rows = cls.objects.filter(**filters).values_list("full_name", "id_number", "phone")
        return [value for row in rows for value in row if value]

    def __str__(self) -> str:
        return f"受益人 #{self.pk}"  # never the name: str() ends up in logs and admin breadcrumbs
