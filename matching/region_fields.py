"""Choosing regions at every level (province → prefecture → county) in a form.

The control is a grouped <select>: one <optgroup> per province, its prefectures and counties indented
beneath it. It works without JavaScript (the browser's own list, type-ahead included) and shows the
current choice; static/js/region-picker.js turns it into a search-as-you-type box. The ~3,200 options
are written as one string, not through a template per option (a list that size would take a
noticeable part of the page's time). docs/design.md says how to use it.
"""

from hashlib import md5

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from matching.models import Region
from matching.models.regions import PLACEHOLDER_PREFECTURE_NAMES
from matching.taxonomy import NATIONWIDE

INDENT = {"prefecture": "\u00a0" * 2, "county": "\u00a0" * 4}
ALL_LEVELS = ("province", "prefecture", "county")
CACHE_SECONDS = 3600  # the region table changes only when load_regions runs; the key also holds its size


def _option(code: str, text: str, selected: set[str], disabled: bool = False) -> str:
    flags = (" selected" if code in selected else "") + (" disabled" if disabled else "")
    return f'<option value="{code}"{flags}>{escape(text)}</option>'


def _within(code: str, only) -> bool:
    """Whether a region is one of ``only`` or an ancestor of one (so it places them in the list)."""
    if only is None:
        return True
    prefix = code[:2] if code.endswith("0000") else code[:4] if code.endswith("00") else code
    return any(c.startswith(prefix) for c in only)


def region_options_html(selected=(), *, levels=ALL_LEVELS, nationwide=False, empty_label=None, only=None) -> str:
    """The <option>/<optgroup> list for every region (or for the codes in ``only`` and their ancestors).
    Levels not in ``levels`` are shown (they place what follows) but disabled; a placeholder prefecture
    (市辖区, 县…) is left out, its counties sit under the province, unless it is the current choice.

    The list without a choice is cached (building it takes ~100 ms); the choice is marked in a copy."""
    selected = {str(s) for s in selected if s}
    only = None if only is None else sorted({str(c) for c in only})
    only_key = md5(",".join(only).encode()).hexdigest() if only is not None else "-"
    key = f"region-options:{','.join(levels)}:{nationwide}:{get_language()}:{only_key}:{Region.objects.count()}"
    options = cache.get(key)
    if options is None:
        options = _options_html(levels=tuple(levels), nationwide=nationwide, only=only)
        cache.set(key, options, CACHE_SECONDS)
    head = f'<option value="">{escape(empty_label)}</option>' if empty_label is not None else ""
    for code in selected:
        marked = options.replace(f'<option value="{code}">', f'<option value="{code}" selected>', 1)
        if marked == options and f'<option value="{code}" ' not in options:
            return head + _options_html(levels=tuple(levels), nationwide=nationwide, only=only, selected=selected)
        options = marked
    return head + options


def _options_html(*, levels, nationwide, only, selected=frozenset()) -> str:
    parts = []
    if nationwide:
        parts.append(_option(NATIONWIDE, gettext("全国"), selected))
    group_open = False
    for code, name, level in (
        Region.objects.exclude(code=NATIONWIDE).order_by("code").values_list("code", "name", "level")
    ):
        if not _within(code, only):
            continue
        if level == "province":
            if group_open:
                parts.append("</optgroup>")
            parts.append(f'<optgroup label="{escape(name)}">')
            group_open = True
            text = gettext("%(name)s（全省）") % {"name": name}
        elif level == "prefecture" and name in PLACEHOLDER_PREFECTURE_NAMES and code not in selected:
            continue
        else:
            text = INDENT.get(level, "") + name
        parts.append(
            _option(code, text, selected, disabled=level not in levels or (only is not None and code not in only))
        )
    if group_open:
        parts.append("</optgroup>")
    return "".join(parts)


class RegionSelect(forms.Select):
    """One region. ``levels`` limits what may be chosen (e.g. counties only)."""

    def __init__(self, attrs=None, *, levels=ALL_LEVELS, nationwide=False, empty_label=None, only=None):
        super().__init__(attrs)
        self.levels, self.nationwide, self.empty_label, self.only = tuple(levels), nationwide, empty_label, only

    def _selected(self, value):
        if value is None:
            return set()
        return {str(v) for v in value} if isinstance(value, (list, tuple, set)) else {str(value)}

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final.update(name=name, **{"data-region-picker": "multiple" if self.allow_multiple_selected else "single"})
        final.setdefault("data-placeholder", gettext("输入地区名称或代码搜索，如 莲花 或 360321"))
        final.setdefault("data-no-match", gettext("没有匹配的地区"))
        final.setdefault("data-remove", gettext("移除"))
        final.setdefault("data-results", gettext("%(n)s 个匹配的地区，用上下方向键选择"))
        if self.allow_multiple_selected:
            final["multiple"] = True
            final.setdefault("size", 10)
        empty = self.empty_label
        if empty is None and not self.allow_multiple_selected:
            empty = gettext("请选择地区")
        options = region_options_html(
            self._selected(value), levels=self.levels, nationwide=self.nationwide, empty_label=empty, only=self.only
        )
        return mark_safe(f"<select{flatatt(final)}>{options}</select>")


class RegionSelectMultiple(RegionSelect):
    allow_multiple_selected = True

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # an empty multiple select sends nothing


def _check_codes(codes, levels, nationwide, message):
    found = dict(Region.objects.filter(code__in=codes).values_list("code", "level"))
    for code in codes:
        if found.get(code) not in levels and not (nationwide and code == NATIONWIDE):
            raise ValidationError(message, code="invalid_choice", params={"value": code})


class RegionChoiceField(forms.CharField):
    """A region code at one of ``levels``; the value is the code (a string)."""

    default_error_messages = {"invalid_choice": _("请从列表中选择地区（%(value)s 不是可选的地区）")}

    def __init__(self, *, levels=ALL_LEVELS, nationwide=False, empty_label=None, **kwargs):
        kwargs.setdefault("widget", RegionSelect(levels=levels, nationwide=nationwide, empty_label=empty_label))
        super().__init__(max_length=6, **kwargs)
        self.levels, self.nationwide = tuple(levels), nationwide

    def validate(self, value):
        super().validate(value)
        if value:
            _check_codes([value], self.levels, self.nationwide, self.error_messages["invalid_choice"])


class RegionMultipleChoiceField(forms.Field):
    """Several region codes; the value is a list of codes in the order sent."""

    widget = RegionSelectMultiple
    default_error_messages = {
        "invalid_choice": _("请从列表中选择地区（%(value)s 不是可选的地区）"),
        "invalid_list": _("请选择地区。"),
    }

    def __init__(self, *, levels=ALL_LEVELS, nationwide=True, **kwargs):
        kwargs.setdefault("widget", RegionSelectMultiple(levels=levels, nationwide=nationwide))
        super().__init__(**kwargs)
        self.levels, self.nationwide = tuple(levels), nationwide

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        return list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))

    def validate(self, value):
        super().validate(value)
        _check_codes(value, self.levels, self.nationwide, self.error_messages["invalid_choice"])

    def has_changed(self, initial, data):
        return set(map(str, initial or [])) != set(map(str, data or []))
