"""The design system's shared parts: form rendering, money in stat cards, the page frame."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from tests.factories import make_uscc
from tests.integration.portal.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _render(source, **context):
    return Template("{% load bangfu %}" + source).render(Context(context))


@pytest.mark.parametrize(("lang", "short"), [("zh-hans", "¥1,601.0万"), ("en", "¥16.0M")])
def test_yuan_short_fits_a_stat_card_and_keeps_the_exact_figure_on_hover(lang, short):
    with translation.override(lang):
        html = _render("{{ fen|yuan_short }}", fen=1_601_000_000)
    assert html == f'<abbr class="money" title="¥16,010,000.00">{short}</abbr>'


def test_yuan_short_shows_small_sums_exactly():
    assert _render("{{ fen|yuan_short }}|{{ none|yuan_short }}", fen=123_450, none=None) == "¥1,234.50|—"


class _Sample(forms.Form):
    name = forms.CharField(label="名称", help_text="全称")
    note = forms.CharField(label="说明", required=False)


def test_every_form_renders_errors_next_to_the_field_and_a_summary_linking_to_it():
    form = _Sample(data={"name": "", "note": "x"})
    html = str(form)
    summary, fields = html.split("</div>", 1)
    assert 'class="error-summary" role="alert"' in summary
    assert '<a href="#id_name">名称：必需字段</a>' in summary
    # the field's own error sits between its label and its input, and the input points at it
    name_block = re.search(r'<div class="field field-text has-error">.*?</div>', fields, re.DOTALL).group(0)
    assert (
        name_block.index('<label for="id_name">') < name_block.index('id="id_name_error"') < name_block.index("<input")
    )
    assert 'aria-invalid="true"' in name_block and 'aria-describedby="id_name_helptext id_name_error"' in name_block
    assert "has-error" not in re.search(r'<div class="field field-text">.*?</div>', fields, re.DOTALL).group(0)


def test_a_file_chosen_before_an_error_is_named_so_the_user_can_choose_it_again(client, django_user_model):
    # given a registration without a name but with its certificate chosen
    client.force_login(django_user_model.objects.create_user("applicant", "a@example.org", "pw-applicant-2026"))
    data = {
        "name": "",
        "uscc": make_uscc(901),
        "org_type": "social_service_agency",
        "service_regions": ["360300"],
        "categories": ["elderly_care"],
        "certificate": pdf_upload("登记证书.pdf"),
    }
    # when it is sent
    response = client.post(reverse("portal:org_register"), data)
    body = response.content.decode()
    assert response.status_code == 400, response
    # then the form comes back with the error and names the file to choose again, next to its field
    assert 'id="id_name_error"' in body
    assert "您选择的文件“登记证书.pdf”还没有保存" in body


def test_the_frame_has_a_favicon_and_a_meta_description(client):
    body = client.get("/needs/").content.decode()
    assert '<link rel="icon" href="/static/favicon.ico"' in body
    assert re.search(r'<meta name="description" content="[^"]{20,}">', body)
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon["Content-Type"] == "image/x-icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
