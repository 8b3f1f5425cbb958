"""The volunteer models (sign-ups, hours, availability, invitations) come from the portal app.

State only: portal 0004 forgot them, this adopts them with their tables' names (Meta.db_table), so no table is
dropped, created or copied and every row stays. Their content types (and with them the permissions) are relabelled
from portal to matching, so nothing that points at a content type loses its model.
"""

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


MOVED = ("volunteersignup", "hoursentry", "volunteeravailability", "volunteerinvitation")


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_to_matching(apps, schema_editor):
    _relabel(apps, "portal", "matching")


def content_types_to_portal(apps, schema_editor):
    _relabel(apps, "matching", "portal")


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0010_need_awaiting_response_index'),
        ('portal', '0004_volunteer_models_to_matching'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='VolunteerSignup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('pending', '待审核'), ('approved', '已通过'), ('rejected', '未通过'), ('withdrawn', '已撤回')], default='pending', max_length=12, verbose_name='状态')),
                        ('message', models.TextField(blank=True, max_length=1000, verbose_name='报名留言')),
                        ('decision_note', models.TextField(blank=True, max_length=1000, verbose_name='审核说明')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='审核时间')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='报名时间')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signups', to='matching.project', verbose_name='项目')),
                        ('volunteer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signups', to='matching.volunteer', verbose_name='志愿者')),
                    ],
                    options={
                        'verbose_name': '志愿者报名',
                        'verbose_name_plural': '志愿者报名',
                        'db_table': 'portal_volunteersignup',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='VolunteerInvitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('invited', '已邀请'), ('accepted', '已接受'), ('declined', '已谢绝')], default='invited', max_length=12, verbose_name='状态')),
                        ('message', models.TextField(blank=True, max_length=1000, verbose_name='邀请留言')),
                        ('decline_reason', models.TextField(blank=True, max_length=500, verbose_name='谢绝理由')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='邀请时间')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='答复时间')),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('need', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='volunteer_invitations', to='matching.needpage', verbose_name='需求')),
                        ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='volunteer_invitations', to='matching.project', verbose_name='项目')),
                        ('volunteer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='matching.volunteer', verbose_name='志愿者')),
                        ('signup', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='matching.volunteersignup', verbose_name='报名')),
                    ],
                    options={
                        'verbose_name': '志愿者邀请',
                        'verbose_name_plural': '志愿者邀请',
                        'db_table': 'portal_volunteerinvitation',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='HoursEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('served_on', models.DateField(verbose_name='服务日期')),
                        ('hours', models.DecimalField(decimal_places=1, max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('0.5')), django.core.validators.MaxValueValidator(Decimal('24'))], verbose_name='服务时长（小时）')),
                        ('description', models.CharField(max_length=300, verbose_name='服务内容')),
                        ('status', models.CharField(choices=[('pending', '待确认'), ('confirmed', '已确认'), ('rejected', '未确认')], default='pending', max_length=12, verbose_name='状态')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='确认时间')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='填报时间')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('signup', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hours', to='matching.volunteersignup', verbose_name='报名')),
                    ],
                    options={
                        'verbose_name': '志愿服务时长',
                        'verbose_name_plural': '志愿服务时长',
                        'db_table': 'portal_hoursentry',
                        'ordering': ['-served_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='VolunteerAvailability',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('weekdays', models.BooleanField(default=False, verbose_name='工作日白天')),
                        ('weekends', models.BooleanField(default=False, verbose_name='周末')),
                        ('evenings', models.BooleanField(default=False, verbose_name='晚间')),
                        ('available_from', models.DateField(blank=True, null=True, verbose_name='可服务起始日期')),
                        ('available_until', models.DateField(blank=True, null=True, verbose_name='可服务截止日期')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='更新时间')),
                        ('volunteer', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='availability', to='matching.volunteer', verbose_name='志愿者')),
                    ],
                    options={
                        'verbose_name': '志愿者可服务时间',
                        'verbose_name_plural': '志愿者可服务时间',
                        'db_table': 'portal_volunteeravailability',
                        'constraints': [models.CheckConstraint(condition=models.Q(('available_from__isnull', True), ('available_until__isnull', True), ('available_until__gte', models.F('available_from')), _connector='OR'), name='availability_range_ordered')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='volunteersignup',
                    constraint=models.UniqueConstraint(fields=('project', 'volunteer'), name='unique_signup_per_project'),
                ),
                migrations.AddConstraint(
                    model_name='volunteerinvitation',
                    constraint=models.UniqueConstraint(fields=('volunteer', 'project', 'need'), name='unique_volunteer_invitation'),
                ),
                migrations.AddConstraint(
                    model_name='hoursentry',
                    constraint=models.CheckConstraint(condition=models.Q(('hours__gt', 0), ('hours__lte', 24)), name='hours_in_day'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_matching, content_types_to_portal),
    ]
