"""Includes other templates place: overdue reports on an organisation page, a need's timeline."""

from django import template

from matching.outcomes.selectors.duties import projects_reporting_overdue
from matching.outcomes.selectors.response_times import need_timeline

register = template.Library()


@register.inclusion_tag("outcomes/includes/overdue_reports.html")
def overdue_reports(organisation):
    """{% load outcomes_tags %}{% overdue_reports organisation %}: two queries."""
    return {"overdue": projects_reporting_overdue(organisation=organisation)}


@register.inclusion_tag("outcomes/includes/need_timeline.html")
def need_timeline_steps(need):
    """{% load outcomes_tags %}{% need_timeline_steps page %}: one query."""
    return {"steps": need_timeline(need=need)}
