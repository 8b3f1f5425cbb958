"""English for the design system, forms, regions and language strings (see docs/design.md)."""

TRANSLATIONS = {
    # Page frame
    "帮扶平台把困难地区和困难群众的需求与社会组织、志愿者的力量对接起来：在线捐款，公开每一元钱的去向和成效。":
        "Bangfu pairs the needs of poor areas and people in difficulty with social organisations and "
        "volunteers: donate online and see where every yuan went and what it achieved.",
    "菜单": "Menu",
    "主导航（菜单）": "Main navigation (menu)",
    # Forms
    "提交的内容有误，请按提示修改": "There is a problem with what you sent: please correct it",
    "%(label)s：%(error)s": "%(label)s: %(error)s",
    "您选择的文件“%(name)s”还没有保存：浏览器不能替您保留它，请改正上面的错误后重新选择这个文件。":
        "The file you chose, “%(name)s”, was not saved: the browser cannot keep it for you, so please "
        "correct the errors above and choose this file again.",
}
