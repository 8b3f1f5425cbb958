"""Many new organisations, projects or volunteers at once (an import), checked as the upserts check one.

``organisation_upsert`` and its siblings cost about ten queries a record (a locked read, ``full_clean``'s
unique and foreign-key look-ups, the save, three ``set()`` of many-to-many links, signals). Here a batch of
new records is validated in memory by the same field and model rules, its uniqueness checked in one query,
then written with COPY (``rows_copy``: the rows with ids from the sequence, then their links) and announced
once (``rows_bulk_saved``: search outbox, transparency cache). Records that already exist go through the upserts.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model, Q

from matching.events import rows_bulk_saved
from matching.models import Category, Organisation, Project, Region, Skill, Volunteer
from matching.services.rows_copy import ids_take, rows_copy
from matching.taxonomy import ORG_TYPES


def _validated(obj: Model, label: str) -> Model:
    """``full_clean`` without the queries: fields and the model's ``clean``; uniqueness is checked per batch
    (``_unique_check``), foreign keys point at rows read for the batch."""
    try:
        obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.is_relation])
        obj.clean()
    except ValidationError as exc:
        raise ValidationError({"ref": f"{label}“{obj.ref}”：{'；'.join(exc.messages)}"}) from exc
    return obj


def _unique_check(model, objs: list, fields: Iterable[str]) -> None:
    query = Q()
    for name in fields:
        query |= Q(**{f"{name}__in": [getattr(o, name) for o in objs]})
    taken = model.objects.filter(query).values_list(*fields)
    if clash := list(taken[:5]):
        raise ValidationError({"ref": f"{model._meta.verbose_name}已存在：{clash}"})


def _link_rows(objs: list, field, codes_of, valid: set[str]) -> list:
    """Through rows of a many-to-many field for new rows: the codes that exist, as ``set()`` keeps them."""
    through = field.through
    source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
    return [
        through(**{f"{source}_id": obj.pk, f"{target}_id": code})
        for obj, codes in zip(objs, codes_of, strict=True)
        for code in sorted(set(codes))
        if code in valid
    ]


def _regions_known(records: list[dict]) -> set[str]:
    codes = {code for rec in records for code in rec.get("service_regions", ())}
    return set(Region.objects.filter(code__in=codes).values_list("code", flat=True))


def _write(model, objs: list, links: list[tuple], records: list[dict]) -> list:
    """Insert the rows, then their links; one signal for the batch."""
    for obj, pk in zip(objs, ids_take(model, len(objs)), strict=True):
        obj.pk = pk
    rows_copy(model, objs)
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    regions = _regions_known(records)
    known = {
        "region": regions,
        "category": set(Category.objects.values_list("code", flat=True)),
        "skill": set(Skill.objects.values_list("code", flat=True)),
    }
    for field, key, kind in links:
        rows = _link_rows(objs, field, [rec.get(key, ()) for rec in records], known[kind])
        rows_copy(field.through, rows)
    rows_bulk_saved.send(sender=model, refs=[o.ref for o in objs], published=())
    return objs


@transaction.atomic
def organisations_create_bulk(*, records: list[dict]) -> list[Organisation]:
    """New organisations from records (ref, name, uscc, org_type, service_regions, categories, status)."""
    objs = []
    for rec in records:
        if rec["org_type"] not in ORG_TYPES:
            raise ValidationError({"org_type": f"未知的组织类型“{rec['org_type']}”"})
        obj = Organisation(ref=rec["ref"], name=rec["name"], uscc=rec["uscc"], org_type=rec["org_type"])
        if rec.get("status") is not None:
            obj.status = rec["status"]
        objs.append(_validated(obj, "社会组织"))
    _unique_check(Organisation, objs, ("ref",))
    _unique_check(Organisation, objs, ("uscc",))
    return _write(
        Organisation,
        objs,
        [
            (Organisation.service_regions, "service_regions", "region"),
            (Organisation.categories, "categories", "category"),
        ],
        records,
    )


@transaction.atomic
def projects_create_bulk(*, records: list[dict], organisations: dict[str, int]) -> list[Project]:
    """New projects from records whose values are already parsed (budget in fen, dates as dates);
    ``organisations`` maps each record's organisation ref to its id."""
    objs = []
    for rec in records:
        if rec["starts_on"] and rec["ends_on"] and rec["ends_on"] < rec["starts_on"]:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期"})
        if not isinstance(rec["budget_available"], int) or rec["budget_available"] < 0:
            raise ValidationError({"budget_available": "可用资金应为非负整数（分）"})
        obj = Project(
            ref=rec["ref"],
            organisation_id=organisations[rec["organisation"]],
            title=rec["title"],
            summary=rec["summary"],
            description=rec["description"],
            budget_available=rec["budget_available"],
            currency=rec["currency"],
            volunteer_slots=rec["volunteer_slots"],
            starts_on=rec["starts_on"],
            ends_on=rec["ends_on"],
            status=rec["status"],
        )
        objs.append(_validated(obj, "帮扶项目"))
    _unique_check(Project, objs, ("ref",))
    return _write(
        Project,
        objs,
        [
            (Project.categories, "categories", "category"),
            (Project.service_regions, "service_regions", "region"),
            (Project.skills, "skills", "skill"),
        ],
        records,
    )


@transaction.atomic
def volunteers_create_bulk(*, records: list[dict]) -> list[Volunteer]:
    """New volunteer profiles (no account) from records."""
    objs = [
        _validated(
            Volunteer(
                ref=rec["ref"],
                display_name=rec["display_name"],
                hours_per_month=rec["hours_per_month"],
                status=rec["status"],
            ),
            "志愿者",
        )
        for rec in records
    ]
    _unique_check(Volunteer, objs, ("ref",))
    return _write(
        Volunteer,
        objs,
        [(Volunteer.skills, "skills", "skill"), (Volunteer.service_regions, "service_regions", "region")],
        records,
    )
