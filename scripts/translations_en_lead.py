"""English for the strings of cross-cutting fixes (scripts/messages.sh merges this with the others)."""

TRANSLATIONS = {
    "无权进入管理后台": "No access to the staff admin",
    "您已用账户 %(name)s 登录，但该账户不是民政工作人员账户，不能打开管理后台。": (
        "You are signed in as %(name)s, which is not a civil-affairs staff account, so the staff admin "
        "cannot be opened."
    ),
    "社会组织和志愿者请在工作台办理业务；如需工作人员权限，请联系所在地区的民政部门。": (
        "Organisations and volunteers work in their workspace; for staff access, contact the "
        "civil-affairs bureau of your region."
    ),
    "前往我的工作台": "Go to my workspace",
    "管理后台": "Staff admin",
    "登录": "Sign in",
    "退出并换一个账户登录": "Sign out and sign in with another account",
}
