"""Per-organisation API tokens. Only a hash of the key is stored; the key is shown once."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "bf"


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        PROJECTS_READ = "projects:read", _("读取本组织项目")
        PROJECTS_WRITE = "projects:write", _("创建、修改本组织项目")
        MATCHES_READ = "matches:read", _("读取待答复的匹配")
        MATCHES_WRITE = "matches:write", _("接受、婉拒匹配")
        SIGNUPS_READ = "signups:read", _("读取志愿者报名")

    organisation = models.ForeignKey(
        "matching.Organisation", verbose_name="社会组织", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("名称", max_length=80)
    prefix = models.CharField("前缀", max_length=16, unique=True, editable=False)
    key_hash = models.CharField("密钥摘要", max_length=64, editable=False)
    scopes = models.JSONField("权限范围", default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])


def hash_key(key: str) -> str:
    # Keys are 32 random bytes, so a fast hash is enough (a slow KDF guards low-entropy passwords).
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """(prefix, full key). The prefix finds the row; the hash of the full key proves possession."""
    prefix = secrets.token_hex(4)
    return prefix, f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def split_key(key: str) -> str | None:
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(parts[1]) != 8:
        return None
    return parts[1]
