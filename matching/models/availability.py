from django.db import models


class VolunteerAvailability(models.Model):
    """When a volunteer can serve: which parts of the week, and optionally between two dates.

    One per volunteer, beside matching.Volunteer; the matcher reads it (search documents, hard rules).
    """

    volunteer = models.OneToOneField(
        "matching.Volunteer", verbose_name="志愿者", on_delete=models.CASCADE, related_name="availability"
    )
    weekdays = models.BooleanField("工作日白天", default=False)
    weekends = models.BooleanField("周末", default=False)
    evenings = models.BooleanField("晚间", default=False)
    available_from = models.DateField("可服务起始日期", null=True, blank=True)
    available_until = models.DateField("可服务截止日期", null=True, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        db_table = "portal_volunteeravailability"  # created by the portal app; moved without a copy
        verbose_name = "志愿者可服务时间"
        verbose_name_plural = "志愿者可服务时间"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available_from__isnull=True)
                | models.Q(available_until__isnull=True)
                | models.Q(available_until__gte=models.F("available_from")),
                name="availability_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} 可服务时间"

    @property
    def slots_display(self) -> str:
        return availability_slots_label(weekdays=self.weekdays, weekends=self.weekends, evenings=self.evenings)


def availability_slots_label(*, weekdays: bool, weekends: bool, evenings: bool) -> str:
    """Pure: the chosen parts of the week as one Chinese label."""
    parts = [label for on, label in ((weekdays, "工作日白天"), (weekends, "周末"), (evenings, "晚间")) if on]
    return "、".join(parts) or "未填写"
