"""One way to render a Django form everywhere on the public site and the portal.

`{{ form }}` renders `forms/form.html` (an error summary linking to each field, then the fields);
`{{ field.as_field_group }}` renders `forms/field.html` (label, help, the field's errors in red,
the input). Widgets keep Django's own templates. See docs/design.md.
"""

from django.forms.renderers import TemplatesSetting


class BangfuFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
