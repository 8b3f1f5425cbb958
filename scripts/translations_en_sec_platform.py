"""English for the strings of sign-in, second factor and security screens."""
TRANSLATIONS = {
    "您的账号可以发布、审核或处理资金，请先设置两步验证（TOTP），再使用该页面。":
        "Your account can publish, vet or move money: set up two-step verification (TOTP) before using this page.",
}
