"""The base data every installation has: taxonomy terms, the site root and home page, the need
moderation workflow and the regions. Migrations create it on a new database; this puts it back
where it went missing (a flushed test database, a restored dump). Idempotent and cheap when present.
"""

from django.db import transaction

from matching.taxonomy import CATEGORIES, SKILLS


def base_data_present() -> bool:
    from wagtail.models import Collection, Site

    from matching.models import Category, Region

    return (
        Site.objects.exists() and Category.objects.exists() and Region.objects.exists() and Collection.objects.exists()
    )


@transaction.atomic
def base_data_ensure() -> None:
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page, Site, Workflow, WorkflowTask

    from matching.models import Category, RegionApprovalTask, Skill
    from matching.services.regions import home_page_model, regions_load

    for model, terms in ((Category, CATEGORIES), (Skill, SKILLS)):
        for code, (zh, en) in terms.items():
            model.objects.get_or_create(code=code, defaults={"name_zh": zh, "name_en": en})

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    HomePage = home_page_model()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="帮扶", slug="home"))
    if not Site.objects.exists():
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="帮扶 Bangfu"
        )

    workflow, _ = Workflow.objects.get_or_create(name="需求审核")
    if not workflow.workflow_tasks.exists():
        task = RegionApprovalTask.objects.filter(name="地区民政审核").first() or RegionApprovalTask.objects.create(
            name="地区民政审核"
        )
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not workflow.workflow_pages.exists():
        workflow.workflow_pages.create(page=home)

    from matching.models import Region

    if not Region.objects.exists():
        regions_load()
