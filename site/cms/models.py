from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The public home: headline figures and the way into needs, projects and organisations."""

    intro = RichTextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["matching.RegionPage"]
    max_count = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        from matching.selectors.figures import platform_headline_figures
        from matching.selectors.needs import needs_public

        context = super().get_context(request, *args, **kwargs)
        context["figures"] = platform_headline_figures()
        context["latest_needs"] = needs_public().order_by("-published_on", "-first_published_at", "-pk")[:8]
        return context
