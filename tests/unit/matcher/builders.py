"""Builders of flat documents for the matcher's unit tests (no database, no Django)."""

import datetime as dt

TODAY = dt.date(2026, 11, 29)


def make_need(**overrides) -> dict:
    need = {
        "ref": "need-t1",
        "title": "某县敬老院屋顶漏雨，卫生间没有扶手",
        "description": "村委会反映：敬老院房屋老旧，下雨时宿舍漏水，卫生间没有扶手，老人容易摔倒。恳请帮助改造敬老院。",
        "categories": ["elderly_care"],
        "region": "360321",
        "prefecture": "360300",
        "province": "360000",
        "region_tags": [],
        "circle": "core",
        "urgency": "normal",
        "beneficiaries": 40,
        "amount_requested": 100_000_00,
        "volunteers_needed": 0,
        "skills": ["construction"],
        "deadline": None,
        "published_on": TODAY - dt.timedelta(days=10),
        "status": "open",
        "first_response_on": None,
    }
    need.update(overrides)
    return need


def make_project(**overrides) -> dict:
    project = {
        "ref": "prj-t1",
        "organisation": "org-t1",
        "organisation_status": "verified",
        "title": "农村敬老院适老化改造",
        "summary": "为特困供养服务设施改造卫浴、加装扶手与呼叫系统",
        "description": "项目对乡镇敬老院开展适老化改造，修缮屋面、加装扶手。",
        "categories": ["elderly_care"],
        "service_regions": ["360300"],
        "budget_available": 300_000_00,
        "volunteer_slots": 0,
        "skills": ["construction"],
        "starts_on": dt.date(2026, 1, 1),
        "ends_on": dt.date(2028, 12, 31),
        "status": "active",
    }
    project.update(overrides)
    return project


def make_volunteer(**overrides) -> dict:
    volunteer = {
        "ref": "vol-t1",
        "display_name": "李师傅",
        "skills": ["construction"],
        "service_regions": ["360321"],
        "hours_per_month": 16,
        "status": "active",
    }
    volunteer.update(overrides)
    return volunteer
