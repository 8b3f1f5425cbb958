from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from matching.models.regions import PLACEHOLDER_PREFECTURE_NAMES
from matching.money import Money, compact_yuan
from matching.permissions.accounts import can_enter_admin
from matching.region_fields import RegionSelect

register = template.Library()


@register.filter
def may_enter_admin(user) -> bool:
    """Does the header offer this person the staff screens? The permission module decides."""
    return can_enter_admin(user)


@register.filter
def yuan(fen, currency="CNY"):
    """Integer fen → "¥1,234.50"."""
    if fen is None or fen == "":
        return "—"
    return str(Money(int(fen), currency or "CNY"))


@register.filter
def yuan_short(fen, currency="CNY"):
    """Integer fen → a sum that fits a stat card: "¥1,601.0万" (English "¥16.0M") with the exact
    figure on hover, in an <abbr title>; sums under ¥10,000 are shown exactly."""
    if fen is None or fen == "":
        return "—"
    exact = str(Money(int(fen), currency or "CNY"))
    style = "en" if (get_language() or "").startswith("en") else "zh"
    short = compact_yuan(int(fen), currency or "CNY", style=style)
    if short is None:
        return exact
    return format_html('<abbr class="money" title="{}">{}</abbr>', exact, short)


@register.filter
def chosen_file_name(bound_field):
    """The name of the file a person chose for this field in the request being re-shown (after an
    error the browser empties a file input, so the form says which file to choose again)."""
    files = getattr(bound_field.form, "files", None) or {}
    chosen = files.get(bound_field.html_name)
    return getattr(chosen, "name", "") if chosen else ""


@register.filter
def region_path(region):
    """County → "江西省 萍乡市 莲花县", using the parents already selected."""
    if region is None:
        return ""
    names = []
    node = region
    while node is not None:
        if node.name not in PLACEHOLDER_PREFECTURE_NAMES:
            names.append(node.name)
        node = node.parent
    return " ".join(reversed(names))


@register.simple_tag
def label_of(choices, value):
    return dict(choices).get(value, value)


@register.simple_tag
def region_select(name, selected="", *, empty_label="", element_id=""):
    """The region picker for a GET filter: every level, the current choice selected, "" = all."""
    attrs = {"id": element_id or f"id_{name}"}
    return RegionSelect(empty_label=empty_label).render(name, selected, attrs)
