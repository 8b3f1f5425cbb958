"""Money in the Wagtail admin: a 资金 menu for civil-affairs staff, with screens scoped to their region; and the
rule on money documents applied to Wagtail's own /documents/ view."""

from django.http import Http404
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from matching.funding import admin_views as v
from matching.permissions import (
    can_record_grants,
    can_use_money_admin,
    money_document_uses,
    money_document_visible,
)

app_name = "funding_admin"
urlpatterns = [
    path("grants/new/", v.grant_new, name="grant_new"),
    path("disbursements/", v.disbursements_pending, name="disbursements"),
    path("disbursements/<int:pk>/confirm/", v.disbursement_confirm_view, name="disbursement_confirm"),
    path("disbursements/<int:pk>/reject/", v.disbursement_reject_view, name="disbursement_reject"),
    path("advances/new/", v.advance_new, name="advance_new"),
    path("advances/overdue/", v.advances_overdue_view, name="advances_overdue"),
    path("ledger/", v.ledger_view, name="ledger"),
]


@hooks.register("register_admin_urls")
def register_funding_admin_urls():
    return [path("funding/", include((urlpatterns, "funding_admin"), namespace="funding_admin"))]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_money_admin(request.user)


class GrantMenuItem(MenuItem):
    def is_shown(self, request):
        return can_record_grants(request.user)


class StaffSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return can_use_money_admin(request.user)


def _items():
    return [
        GrantMenuItem("录入政府补助", reverse("funding_admin:grant_new"), icon_name="plus", order=10),
        StaffMenuItem("待确认拨付", reverse("funding_admin:disbursements"), icon_name="tasks", order=20),
        StaffMenuItem("急难先行救助", reverse("funding_admin:advance_new"), icon_name="warning", order=30),
        StaffMenuItem("逾期未补材料", reverse("funding_admin:advances_overdue"), icon_name="time", order=40),
        StaffMenuItem("资金流水", reverse("funding_admin:ledger"), icon_name="list-ul", order=50),
    ]


@hooks.register("register_admin_menu_item")
def register_funding_menu():
    return StaffSubmenu(
        "资金",
        Menu(register_hook_name=None, construct_hook_name=None, items=_items()),
        icon_name="folder-inverse",
        order=170,
    )


@hooks.register("before_serve_document", order=100)
def money_documents_only_for_those_who_deal_with_the_money(document, request):
    """A second line behind the private collection: runs after Wagtail's collection check (order 0), so it
    only decides when that check let the request through, e.g. for a money document someone moved out of
    资金凭证 or a restriction removed in the admin. Evidence and other documents pass untouched."""
    if money_document_uses(document=document) and not money_document_visible(user=request.user, document=document):
        raise Http404("document not found")
