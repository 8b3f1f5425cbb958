from django.db import migrations


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")
    RegionApprovalTask = apps.get_model("matching", "RegionApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="matching", model="regionapprovaltask")
    task, _ = RegionApprovalTask.objects.get_or_create(name="地区民政审核", defaults={"content_type": task_type})
    workflow, _ = Workflow.objects.get_or_create(name="需求审核")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The built-in moderators workflow on the root is replaced by ours on the home page.
    WorkflowPage.objects.all().delete()
    home = Page.objects.filter(depth=2).first()
    if home:
        WorkflowPage.objects.create(page=home, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [("matching", "0003_region_approval_task"), ("cms", "0002_home_page")]
    operations = [migrations.RunPython(create_workflow, migrations.RunPython.noop)]
