from django.urls import path

from portal.money_views import urlpatterns as money_urlpatterns
from portal.spending_views import urlpatterns as spending_urlpatterns
from portal.views import (
    home,
    interests,
    matches,
    need_volunteers,
    organisations,
    profiles,
    project_needs,
    projects,
    tokens,
    volunteers,
)

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("interests/", interests.interests, name="interests"),
    path("interests/<int:pk>/withdraw/", interests.interest_withdraw_view, name="interest_withdraw"),
    path("organisations/register/", organisations.organisation_register_view, name="org_register"),
    path("org/<int:org_id>/", organisations.organisation_dashboard, name="org_dashboard"),
    path("org/<int:org_id>/members/", organisations.organisation_members, name="org_members"),
    path("org/<int:org_id>/members/<int:member_id>/role/", organisations.member_role, name="member_role"),
    path("org/<int:org_id>/projects/new/", projects.project_create_view, name="project_create"),
    path("org/<int:org_id>/tokens/", tokens.tokens, name="tokens"),
    path("org/<int:org_id>/profiles/", profiles.standing_profiles, name="standing_profiles"),
    path(
        "org/<int:org_id>/profiles/<int:profile_id>/delete/",
        profiles.standing_profile_remove,
        name="standing_profile_remove",
    ),
    path("org/<int:org_id>/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("invitations/<uuid:token>/", organisations.invitation_accept_view, name="invitation_accept"),
    path("projects/<int:pk>/edit/", projects.project_edit_view, name="project_edit"),
    path("projects/<int:pk>/status/", projects.project_status_view, name="project_status"),
    path("projects/<slug:ref>/signup/", volunteers.project_signup, name="project_signup"),
    path("matches/<int:pk>/accept/", matches.match_accept_view, name="match_accept"),
    path("matches/<int:pk>/decline/", matches.match_decline_view, name="match_decline"),
    path("matches/<int:pk>/deliver/", project_needs.match_deliver_view, name="match_deliver"),
    path("projects/<int:pk>/needs/", project_needs.project_needs, name="project_needs"),
    path("projects/<int:pk>/needs/propose/", project_needs.project_need_propose, name="project_need_propose"),
    path("signups/<int:pk>/decide/", volunteers.signup_decide_view, name="signup_decide"),
    path("hours/<int:pk>/decide/", volunteers.hours_decide_view, name="hours_decide"),
    path("volunteer/", volunteers.volunteer_home, name="volunteer_home"),
    path("volunteer/profile/", volunteers.volunteer_profile, name="volunteer_profile"),
    path("volunteer/signups/<int:pk>/hours/", volunteers.hours_log_view, name="hours_log"),
    path("volunteer/matches/", matches.volunteer_matches, name="volunteer_matches"),
    path("volunteer/matches/<int:pk>/answer/", matches.volunteer_match_answer, name="volunteer_match_answer"),
    path("volunteer/invitations/", need_volunteers.volunteer_invitations, name="volunteer_invitations"),
    path(
        "volunteer/invitations/<int:pk>/answer/",
        need_volunteers.volunteer_invitation_answer,
        name="volunteer_invitation_answer",
    ),
    path("needs/<slug:ref>/volunteers/", need_volunteers.need_volunteers, name="need_volunteers"),
    path("needs/<slug:ref>/volunteers/invite/", need_volunteers.need_volunteer_invite, name="need_volunteer_invite"),
    path("volunteer/record/", volunteers.volunteer_record, name="volunteer_record"),
    path("volunteer/certificate/", volunteers.volunteer_certificate, name="volunteer_certificate"),
]
urlpatterns += money_urlpatterns  # 资金：portal/money_views.py
urlpatterns += spending_urlpatterns  # 支出明细与佐证：portal/spending_views.py
