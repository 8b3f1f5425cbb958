"""Checks across lines against a snapshot of the database, without a database."""

from matching.importexport.checks import Known, Line, cross_check
from matching.importexport.schema import line_check

KNOWN = Known(
    regions={"360000": "province", "360300": "prefecture", "360321": "county"},
    organisations={"org-db"},
    uscc_owner={"52360300MJ000000XE": "org-db"},
)


def lines(*objs):
    result = []
    for number, obj in enumerate(objs, start=1):
        record, errors = line_check(obj)
        assert errors == [], errors
        result.append(Line(number, record))
    return result


def need(ref="n1", region="360321"):
    return {"kind": "need", "ref": ref, "title": "t", "description": "d", "categories": ["medical"], "region": region}


def where(errors):
    return [(e.line, e.field) for e in errors]


def test_duplicate_refs_point_at_the_first_line():
    errors = cross_check(lines(need(), need()), KNOWN)

    assert where(errors) == [(2, "ref")]
    assert "第 1 行" in errors[0].message


def test_need_region_must_exist_and_be_a_county():
    assert where(cross_check(lines(need(region="360399")), KNOWN)) == [(1, "region")]
    errors = cross_check(lines(need(region="360300")), KNOWN)
    assert where(errors) == [(1, "region")] and "县级" in errors[0].message


def test_forward_references_within_the_file_are_fine():
    project = {"kind": "project", "ref": "p1", "organisation": "org-new", "title": "t", "service_regions": ["360399"]}
    org = {
        "kind": "organisation",
        "ref": "org-new",
        "name": "新组织",
        "uscc": "52360300MJ000001XF",
        "org_type": "foundation",
    }
    county = {"kind": "region", "code": "360399", "name": "新县", "parent": "360300", "level": "county"}

    assert cross_check(lines(project, need(region="360399"), org, county), KNOWN) == []


def test_dangling_references_are_named():
    project = {
        "kind": "project",
        "ref": "p1",
        "organisation": "org-missing",
        "title": "t",
        "service_regions": ["000000", "999999"],
    }
    region = {"kind": "region", "code": "360399", "name": "新县", "parent": "360398", "level": "county"}

    assert where(cross_check(lines(project, region), KNOWN)) == [
        (1, "service_regions"),
        (1, "organisation"),
        (2, "parent"),
    ]


def test_uscc_already_used_by_another_organisation():
    org = {
        "kind": "organisation",
        "ref": "org-other",
        "name": "别的组织",
        "uscc": "52360300MJ000000XE",
        "org_type": "foundation",
    }

    assert where(cross_check(lines(org), KNOWN)) == [(1, "uscc")]
    assert cross_check(lines({**org, "ref": "org-db"}), KNOWN) == []
