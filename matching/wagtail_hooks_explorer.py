"""Wagtail's page explorer of region pages (a county holds thousands of needs), fitted to a million pages.

The explorer's filters list the users who own a page and who edited one. Wagtail builds those choices with
``SELECT DISTINCT owner_id`` over every page (and ``user_id`` over every edit log line): a walk of a million
index entries on every listing, 150–400 ms at the national size. Here the same choices are asked the other
way round, per user (an index probe each: few users, a million pages). Same filters, same labels, same
behaviour; which pages an officer sees is still Wagtail's permission policy (matching/permissions).
Registered for region pages only, through Wagtail's per-page-type viewsets: every other page keeps Wagtail's.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.forms import CheckboxSelectMultiple
from wagtail import hooks
from wagtail.admin.filters import MultipleUserFilter
from wagtail.admin.views.pages.listing import EditedByFilter, ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry
from wagtail.models import Page, PageLogEntry

from matching.models import RegionPage


def _owners(request):
    return get_user_model().objects.filter(Exists(Page.objects.filter(owner=OuterRef("pk"))))


def _editors(request):
    edits = PageLogEntry.objects.filter(user=OuterRef("pk"), action="wagtail.edit")
    return get_user_model().objects.filter(Exists(edits))


class RegionChildrenFilterSet(GenericPageFilterSet):
    owner = MultipleUserFilter(
        label=GenericPageFilterSet.base_filters["owner"].label, queryset=_owners, widget=CheckboxSelectMultiple
    )
    edited_by = EditedByFilter(
        label=GenericPageFilterSet.base_filters["edited_by"].label, queryset=_editors, widget=CheckboxSelectMultiple
    )

    class Meta(GenericPageFilterSet.Meta):
        pass


class RegionExplorerView(ExplorableIndexView):
    base_filterset_class = RegionChildrenFilterSet


class RegionExplorerViewSet(PageViewSet):
    """The explorer of a region page's children (region pages and needs: Wagtail's generic listing)."""

    model = Page
    index_view_class = RegionExplorerView
    filterset_class = RegionChildrenFilterSet

    def on_register(self):
        ViewSet.on_register(self)
        # Wagtail's public registry call: region pages (exactly) and the explorer of their children use this
        # viewset; its views are Wagtail's own but for the index view above.
        page_viewset_registry.register(RegionPage, self, exact_class=True, parent_models=[RegionPage])


@hooks.register("register_admin_viewset")
def register_region_explorer():
    return RegionExplorerViewSet("region_explorer")
