"""Every edit form round-trips: opened by a person allowed to use it and saved unchanged (the form's own
rendered values sent back), the object and its related rows are exactly as before.

The edit views are discovered from the URLconf: a new view named like an edit form that is not in EDIT_FORMS
(or EXEMPT, with the reason) fails ``test_every_edit_form_is_covered``.
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse

from matching.models import Membership, NeedPage, Region, Volunteer
from matching.notifications.services import notification_preference_set
from matching.outcomes.models import ProgressReport
from matching.outcomes.selectors.duties import project_duties_due
from matching.services.staff import staff_user_add
from matching.services.volunteers import volunteer_profile_save
from tests.factories import (
    MembershipFactory,
    ProjectFactory,
    UserFactory,
    make_need,
)
from tests.integration.api.conftest import auth, issue

pytestmark = pytest.mark.django_db

EDIT_NAME = re.compile(r"(^|[:_])(edit|profile|preferences)$")
EXEMPT = {
    "progress_reports:edit": "read-only in the admin (ReadOnlyPolicy): reports are filed, never edited",
    "delivery_records:edit": "read-only in the admin (ReadOnlyPolicy): deliveries are recorded, never edited",
    "wagtailsettings:edit": "Wagtail's own site settings",
    "volunteers:edit": "read-only in the admin: a volunteer's profile is theirs (the portal's volunteer form, covered)",
    "matches:edit": "read-only in the admin: a match changes only through the match services",
}
# Columns a save is allowed to touch: timestamps and Wagtail's revision bookkeeping.
VOLATILE = {
    "updated_at",
    "modified_at",
    "latest_revision",
    "latest_revision_created_at",
    "last_published_at",
    "has_unpublished_changes",
    "live_revision",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}


def _url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _url_names(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
        elif pattern.name:
            yield namespace + pattern.name


BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def _normal(value):
    # Wagtail's rich text gains block keys on its first save through the editor: same text, same markup.
    return BLOCK_KEY.sub("", value) if isinstance(value, str) else value


def _rows(model, **filters):
    return sorted(
        (
            {k: v for k, v in row.items() if k not in VOLATILE}
            for row in model._default_manager.filter(**filters).values()
        ),
        key=lambda r: str(r.get("id")),
    )


def snapshot(obj) -> dict:
    """The object's own columns, its many-to-many sets and every row that points at it."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    data = {f.attname: _normal(f.value_from_object(obj)) for f in obj._meta.concrete_fields if f.name not in VOLATILE}
    for field in obj._meta.many_to_many:
        data[field.name] = sorted(getattr(obj, field.name).values_list("pk", flat=True))
    for rel in obj._meta.related_objects:
        if rel.one_to_many or rel.one_to_one:
            if rel.related_model._meta.app_label in {"wagtailcore", "wagtailadmin", "wagtailsearch"}:
                continue  # revisions, log entries and references grow on every save by design
            data[f"rows:{rel.related_model._meta.label}.{rel.field.name}"] = _rows(
                rel.related_model, **{rel.field.name: obj.pk}
            )
        elif rel.many_to_many:
            data[f"m2m:{rel.related_model._meta.label}.{rel.field.name}"] = sorted(
                rel.related_model._default_manager.filter(**{rel.field.name: obj.pk}).values_list("pk", flat=True)
            )
    return data


def rendered_values(html: str, form_selector: str) -> list[tuple[str, str]]:
    """What a browser would send for the form as rendered (no field touched, no file chosen)."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, f"no form {form_selector!r} on the page"
    values: list[tuple[str, str]] = []
    for field in form.select("input[name], select[name], textarea[name]"):
        if field.has_attr("disabled"):
            continue
        name = field["name"]
        if field.name == "textarea":
            values.append((name, field.text.removeprefix("\n")))
        elif field.name == "select":
            options = field.select("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and not field.has_attr("multiple") and options:
                chosen = options[:1]
            values += [(name, o.get("value", o.text)) for o in chosen]
        else:
            kind = field.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    values.append((name, field.get("value", "on")))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                values.append((name, _as_browser_sends(kind, field.get("value", ""))))
    return values


def _as_browser_sends(kind: str, value: str) -> str:
    """A browser drops a value its input type cannot hold: <input type=date value="2026/01/04"> sends ""."""
    if kind == "date" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return ""
    if kind == "number" and not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return ""
    return value


# --- one entry per edit form: (user, object) made fresh, how to reach it, which form, extra POST keys --------


def _org_admin_and_project():
    membership = MembershipFactory(role=Membership.Role.ADMIN)
    project = ProjectFactory(
        organisation=membership.organisation,
        service_regions=["360300", "360321"],
        skills=["teaching"],
        starts_on=datetime.date(2025, 1, 4),
        ends_on=datetime.date(2027, 6, 30),
    )
    report = ProgressReport.objects.create(
        project=project,
        period_start=datetime.date(2025, 1, 4),
        period_end=datetime.date(2025, 4, 3),
        narrative="第一季度",
    )
    ProgressReport.objects.filter(pk=report.pk).update(submitted_at=datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC))
    return membership.user, project


def _volunteer():
    user = UserFactory()
    volunteer_profile_save(
        user=user,
        display_name="李老师",
        skills=["teaching"],
        service_regions=["360321", "360300"],
        hours_per_month=12,
        weekdays=False,
        weekends=True,
        evenings=True,
        available_from=datetime.date(2027, 3, 1),
        available_until=datetime.date(2027, 12, 31),
    )
    return user, Volunteer.objects.get(user=user)


def _user_with_daily_digest():
    user = UserFactory()
    notification_preference_set(user=user, delivery="daily_digest")
    return user, user


def _superuser():
    return get_user_model().objects.create_superuser("root-roundtrip", "root@example.org", "x")


def _need_officer():
    need = make_need(deadline=datetime.date(2026, 12, 31), beneficiaries=40)
    officer = staff_user_add(username="officer-roundtrip", password="x", region=Region.objects.get(code="360321"))
    return officer, need


def _spending_line():
    """A member's spending line on a confirmed disbursement, linked to the project's report."""
    from matching.models import Match
    from matching.outcomes.services.spending import SpendingFields, spending_line_add
    from tests.factories.spending import fund_and_spend

    user, project = _org_admin_and_project()
    officer, need = _need_officer()
    Match.objects.create(need=need, project=project, status=Match.Status.ACCEPTED)
    spend = fund_and_spend(project, need, user, officer)
    line = spending_line_add(
        disbursement=spend,
        user=user,
        fields=SpendingFields(
            what="不锈钢扶手 12 套",
            amount=123_456,
            beneficiaries=12,
            report=ProgressReport.objects.get(project=project),
        ),
    )
    return user, line


def _admin(obj_factory):
    def make():
        return _superuser(), obj_factory()

    return make


EDIT_FORMS = {
    "portal:project_edit": (
        _org_admin_and_project,
        lambda o: reverse("portal:project_edit", args=[o.pk]),
        "main form[method=post]",
        {},
    ),
    "portal:spending_line_edit": (
        _spending_line,
        lambda o: reverse("portal:spending_line_edit", args=[o.disbursement.project_id, o.disbursement_id, o.pk]),
        "main form[method=post]",
        {},
    ),
    "portal:volunteer_profile": (
        _volunteer,
        lambda o: reverse("portal:volunteer_profile"),
        "main form[method=post]",
        {},
    ),
    "notifications:preferences": (
        _user_with_daily_digest,
        lambda o: reverse("notifications:preferences"),
        "main form[method=post]",
        {},
    ),
    "organisations:edit": (
        _admin(lambda: ProjectFactory().organisation),
        lambda o: reverse("organisations:edit", args=[o.pk]),
        "form[method=post]#w-editor-form",
        {},
    ),
    "projects:edit": (
        lambda: (_superuser(), _org_admin_and_project()[1]),
        lambda o: reverse("projects:edit", args=[o.pk]),
        "form[method=post]#w-editor-form",
        {},
    ),
    "regions:edit": (
        _admin(lambda: Region.objects.get(code="360321")),
        lambda o: reverse("regions:edit", args=[o.pk]),
        "form[method=post]#w-editor-form",
        {},
    ),
    "wagtailadmin_pages:edit": (
        _need_officer,
        lambda o: reverse("wagtailadmin_pages:edit", args=[o.pk]),
        "form[method=post]#page-edit-form",
        {"action-publish": "action-publish"},
    ),
}


def test_every_edit_form_is_covered():
    found = {
        name
        for name in _url_names()
        if EDIT_NAME.search(name)
        and not name.startswith(
            (
                "wagtailimages",
                "wagtaildocs",
                "wagtailusers",
                "wagtailsnippets",
                "wagtailadmin_workflows",
                "wagtailadmin_collections",
                "wagtailsites",
                "wagtailredirects",
                "wagtailsearchpromotions",
                "wagtaillocales",
                "wagtailforms",
                "wagtailadmin_editing_sessions",
            )
        )
    }
    found = {n for n in found if not n.endswith("preview_on_edit")}
    found -= {"portal:standing_profiles", "portal:standing_profile_remove"}  # a list of saved searches, no edit form
    assert found - set(EDIT_FORMS) - set(EXEMPT) == set()


@pytest.mark.parametrize("name", sorted(EDIT_FORMS))
def test_saving_an_edit_form_unchanged_changes_nothing(name, client, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    make, url_of, form_selector, extra = EDIT_FORMS[name]
    user, obj = make()
    obj = NeedPage.objects.get(pk=obj.pk) if isinstance(obj, NeedPage) else obj
    client.force_login(user)
    url = url_of(obj)
    before = snapshot(obj)

    page = client.get(url)
    assert page.status_code == 200, page.content[:500]
    sent = rendered_values(page.content.decode(), form_selector)
    response = client.post(url, data=multi(sent + list(extra.items())))

    assert response.status_code in (200, 302), response.content.decode()[:2000]
    if response.status_code == 200:  # a re-rendered form is an error the user never caused
        errors = BeautifulSoup(response.content, "html.parser").select(".errorlist, .error-message, .w-field__errors")
        assert not [e.get_text(" ", strip=True) for e in errors if e.get_text(strip=True)]
    assert snapshot(obj) == before


def multi(pairs):
    data: dict[str, list[str]] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


def test_the_api_takes_back_its_own_representation_unchanged(client):
    _user, project = _org_admin_and_project()
    key = issue(project.organisation)[1]
    url = f"/api/v1/org/projects/{project.pk}/"
    before = snapshot(project)
    shown = client.get(url, **auth(key)).json()

    put = client.put(url, shown, content_type="application/json", **auth(key))
    assert put.status_code == 200, put.content
    assert snapshot(project) == before
    patch = client.patch(url, {"title": shown["title"]}, content_type="application/json", **auth(key))
    assert patch.status_code == 200, patch.content
    assert snapshot(project) == before and patch.json() == shown


def test_a_patch_changes_only_the_fields_it_names(client):
    _user, project = _org_admin_and_project()
    key = issue(project.organisation)[1]

    response = client.patch(
        f"/api/v1/org/projects/{project.pk}/", {"title": "新名称"}, content_type="application/json", **auth(key)
    )

    assert response.status_code == 200, response.content
    project.refresh_from_db()
    assert project.title == "新名称" and project.starts_on == datetime.date(2025, 1, 4)
    assert sorted(project.service_regions.values_list("code", flat=True)) == ["360300", "360321"]


def _due_duties(project):
    project.refresh_from_db()
    return project_duties_due(project=project, starts_on=project.starts_on, ends_on=project.ends_on)


@pytest.mark.parametrize(
    "change",
    [{"starts_on": "", "ends_on": ""}, {"starts_on": "2026-10-01"}, {"service_regions": ["360321"], "starts_on": ""}],
)
def test_disclosure_duties_never_vanish_on_an_edit(client, change):
    user, project = _org_admin_and_project()
    due = _due_duties(project)
    assert len(due) >= 7  # quarterly duties since January 2025
    client.force_login(user)
    url = reverse("portal:project_edit", args=[project.pk])
    sent = dict(multi(rendered_values(client.get(url).content.decode(), "main form[method=post]")))

    response = client.post(url, data=sent | {k: v if isinstance(v, list) else [v] for k, v in change.items()})

    assert response.status_code == 400
    assert "到期的信息公开义务不能因修改日期而消失" in response.content.decode()
    assert _due_duties(project) == due


def test_disclosure_duties_never_vanish_through_the_api(client):
    _user, project = _org_admin_and_project()
    due = _due_duties(project)
    key = issue(project.organisation)[1]

    response = client.patch(
        f"/api/v1/org/projects/{project.pk}/", {"starts_on": None}, content_type="application/json", **auth(key)
    )

    assert response.status_code == 400, response.content
    assert _due_duties(project) == due
