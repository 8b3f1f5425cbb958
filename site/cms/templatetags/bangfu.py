from django import template

from matching.money import Money

register = template.Library()


@register.filter
def yuan(fen, currency="CNY"):
    """Integer fen → "¥1,234.50"."""
    if fen is None or fen == "":
        return "—"
    return str(Money(int(fen), currency or "CNY"))


@register.filter
def region_path(region):
    """County → "江西省 萍乡市 莲花县", using the parents already selected."""
    if region is None:
        return ""
    names = []
    node = region
    while node is not None:
        if node.name not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            names.append(node.name)
        node = node.parent
    return " ".join(reversed(names))


@register.simple_tag
def label_of(choices, value):
    return dict(choices).get(value, value)
