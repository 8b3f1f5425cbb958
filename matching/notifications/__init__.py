"""In-app inbox plus email. Other apps call `services.notify` (or its organisation/region helpers)."""
