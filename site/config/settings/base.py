"""Settings shared by every environment. Everything that differs comes from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = BASE_DIR / "site"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DATA_DIR = Path(env("BANGFU_DATA_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-bangfu-key-change-me-in-production-0123456789")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "config.apps.ConfigConfig",
    "matching",
    "matching.notifications",
    "matching.intake",
    "matching.outcomes",
    "matching.funding",
    "search.apps.SearchConfig",
    "cms",
    "portal",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.contrib.routable_page",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Accounts (docs/accounts.md) and the API (docs/api.md).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from our static files, not a CDN
    "api",
    "django.forms",  # Django's widget templates, for the project's form renderer below
]

MIDDLEWARE = [
    "config.uploads.UploadLimitMiddleware",  # parses uploads through the limited handlers first
    "config.input_guard.RejectNulMiddleware",  # before anything reads the request
    "django.middleware.security.SecurityMiddleware",
    "config.csp.SitePolicyMiddleware",  # Content-Security-Policy (config/csp.py)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
    "config.middleware.SecondFactorRequiredMiddleware",
    "config.input_guard.LookupValueNotFoundMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Every form renders through one set of templates (templates/forms/; docs/design.md).
FORM_RENDERER = "config.form_renderer.BangfuFormRenderer"

WSGI_APPLICATION = "config.wsgi.application"


def database_settings(url: str) -> dict:
    """The default database from its URL. SQLite, the one-machine database, is set up for concurrent
    writes (docs/money.md, "SQLite"): write-ahead log so readers never block the writer, and
    transactions take the write lock at BEGIN (IMMEDIATE), so two writers queue for up to ``timeout``
    seconds instead of one failing with "database is locked" when it upgrades a read."""
    config = env.db_url_config(url)
    config["ATOMIC_REQUESTS"] = False
    config.setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=0))
    if config["ENGINE"].endswith("sqlite3"):
        config.setdefault("OPTIONS", {}).update(
            {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            }
        )
    elif config["ENGINE"].endswith("postgresql"):
        planner = []
        if not env.bool("DB_JIT", default=False):
            # PostgreSQL's JIT compiles a query whose estimated cost passes jit_above_cost; for the grouped
            # queries behind the dashboards and lists that took 0.5–6 s of compilation for a query that runs
            # in tens of milliseconds (docs/performance.md). A web request's queries are short: JIT off.
            planner.append("jit=off")
        # The server's default (4) prices a random read as a disk seek; the working set is in memory, and at 4
        # the planner scanned the whole page table for a county's few thousand needs instead of looking them
        # up by id (dashboards: 171 ms against 23 ms at 100,000 needs, docs/performance.md).
        planner.append(f"random_page_cost={env.float('DB_RANDOM_PAGE_COST', default=1.1)}")
        options = config.setdefault("OPTIONS", {})
        options["options"] = " ".join([options.get("options", ""), *(f"-c {s}" for s in planner)]).strip()
    return config


DATABASES = {"default": database_settings(env("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'bangfu.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters (passphrases welcome; no composition rules). Our subclass words the
    # message in the interface's language (see the module).
    {"NAME": "config.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]

STATIC_URL = "/static/"
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(DATA_DIR / "media")))

# Uploads (config/uploads.py, docs/uploads.md): streamed to a temporary file above 2.5 MB, at most
# FILE_UPLOAD_MAX_SIZE a file, FILE_UPLOAD_MAX_REQUEST_SIZE and DATA_UPLOAD_MAX_NUMBER_FILES a request.
FILE_UPLOAD_HANDLERS = [
    "config.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_SIZE = env.int("FILE_UPLOAD_MAX_SIZE", default=20 * 1024 * 1024)
FILE_UPLOAD_MAX_REQUEST_SIZE = env.int("FILE_UPLOAD_MAX_REQUEST_SIZE", default=60 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the form fields other than files

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "帮扶 Bangfu"
# The site's home page model: the domain puts the region pages under it without importing the site layer.
BANGFU_HOME_PAGE_MODEL = "cms.HomePage"
# The admin calls no third party: no Gravatar (it would send staff e-mail hashes out) and no release check
# (both are also outside the admin's Content-Security-Policy, config/csp.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The one address of the site, for links in e-mails sent outside a request (notifications, receipts).
# Pages and allauth's mails use the request's own host. scripts/run.sh sets it to the address it serves.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_URL)

# How many reverse proxies of ours stand in front of the application: their X-Forwarded-For hops are
# believed, nothing further left (config/client_address.py). 0 = the socket address (REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Wagtail's own search index only serves admin lookups; the product's search is search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "config.wagtail_search"}}  # see config/wagtail_search.py
# Documents are always served through a view that checks who asks, never redirected to a file URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "xlsx", "csv", "txt"]

# One sign-in page for everybody (docs/accounts.md): every "please sign in" redirect, the admin's included.
LOGIN_URL = "account_login"
# The admin's refusals go through its hand-over (/admin/login/), which sends people who are not signed in
# to that page and tells a signed-in account without staff rights so, instead of looping through it.
WAGTAILADMIN_LOGIN_URL = "admin_login_handover"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # the admin's reset hands over to allauth's (config/signin.py)


def cache_settings(url: str) -> dict:
    """The default cache from its URL. Redis is wrapped so that an outage degrades to uncached pages,
    never to an error (config/cache.py); a hung Redis costs at most these timeouts before the backend
    stops trying for a few seconds."""
    config = env.cache_url_config(url)
    if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        config["BACKEND"] = "config.cache.ResilientRedisCache"
        config.setdefault("OPTIONS", {}).update(
            {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("CACHE_TIMEOUT", default=1.0),
            }
        )
    return config


CACHES = {"default": cache_settings(env("CACHE_URL", default="locmemcache://bangfu"))}
# Sessions live in the database (Django's default), so a cache outage signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(DATA_DIR / "emails"))  # for the filebased backend
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="帮扶平台 <noreply@bangfu.example>")

# Tasks: with no broker configured, tasks run in-process (the one-machine default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}
# The search outbox sweep: catches index work a failed or missed drain left behind.
CELERY_BEAT_SCHEDULE["search-outbox-sweep"] = {"task": "search.tasks.outbox_sweep", "schedule": 60.0}
# Payment events the retries or a lost broker message left unprocessed (matching/funding/tasks.py).
CELERY_BEAT_SCHEDULE["funding-payment-events-sweep"] = {
    "task": "matching.funding.tasks.payment_events_sweep",
    "schedule": 60.0,
}
# The kept transparency figures (docs/performance.md): money folded in, needs recounted; pages show the lag.
FIGURES_REFRESH_SECONDS = env.int("FIGURES_REFRESH_SECONDS", default=60)
# Needs and the staff dashboard's figures are recounted from every live need: at most this often.
FIGURES_RECOUNT_SECONDS = env.int("FIGURES_RECOUNT_SECONDS", default=300)
# Public lists of organisations and projects (site and API) keep their row counts this long at most; any save
# of an organisation or project makes them count afresh (matching/selectors/catalogue.py).
CATALOGUE_COUNT_SECONDS = env.int("CATALOGUE_COUNT_SECONDS", default=300)
CELERY_BEAT_SCHEDULE["outcomes-figures-refresh"] = {
    "task": "matching.outcomes.tasks.figures_refresh",
    "schedule": float(FIGURES_REFRESH_SECONDS),
}
# The staff dashboard digest: each region's staff get their list of needs to follow up, daily at 08:00.
CELERY_BEAT_SCHEDULE["outcomes-dashboard-digest"] = {
    "task": "matching.outcomes.tasks.dashboard_digest",
    "schedule": crontab(hour=8, minute=0),
}
# Notifications: one digest email a day for people who chose it (docs/notifications.md).
CELERY_BEAT_SCHEDULE["notifications-daily-digest"] = {
    "task": "matching.notifications.tasks.send_daily_digests",
    "schedule": crontab(hour=18, minute=0),
}
# Intake: remind county staff once about referrals past due with no answer (docs/intake.md).
CELERY_BEAT_SCHEDULE["intake-overdue-referrals"] = {
    "task": "matching.intake.tasks.remind_overdue_referrals",
    "schedule": crontab(hour=8, minute=30),
}

# Search: one backend chosen from settings, like Django's caches.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_BACKENDS = {
    "default": (
        {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URL": ELASTICSEARCH_URL,
            "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", default="bangfu"),
            "ANALYZER": env("ELASTICSEARCH_ANALYZER", default="cjk"),
            "SHARDS": env.int("ELASTICSEARCH_SHARDS", default=1),
            "REPLICAS": env.int("ELASTICSEARCH_REPLICAS", default=0),
        }
        if ELASTICSEARCH_URL
        else {
            "BACKEND": "search.backends.embedded.EmbeddedBackend",
            "PATH": str(DATA_DIR / "search-index"),
        }
    )
}

# Payments.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="sk_test_bangfu_local")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="pk_test_bangfu_local")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_bangfu_local")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_PAYMENT_METHOD_TYPES = env.list("STRIPE_PAYMENT_METHOD_TYPES", default=["card"])

# Domain policy.
MATCHER_REFERENCE_DATE = env("MATCHER_REFERENCE_DATE", default="")  # "" = today
# The policy knobs of the domain: declared here with their defaults, read as settings.NAME (never getattr
# with a second default elsewhere). Amounts are fen.
# Funding. Disbursements above the threshold need a second person's approval (¥50,000).
FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD = env.int("FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD", default=5_000_000)
# Emergency advance aid (急难先行救助): cap per need (¥2,000), and days until its paperwork is due.
FUNDING_EMERGENCY_ADVANCE_CAP = env.int("FUNDING_EMERGENCY_ADVANCE_CAP", default=200_000)
FUNDING_EMERGENCY_PAPERWORK_DAYS = env.int("FUNDING_EMERGENCY_PAPERWORK_DAYS", default=15)
# Money split into pieces is still counted as one sum: a disbursement needs a second approver when it and
# what the same project or need received in the last N days pass FUNDING_DISBURSEMENT_APPROVAL_THRESHOLD;
# emergency advances to one need in the last N days may not together pass FUNDING_EMERGENCY_ADVANCE_CAP.
FUNDING_DISBURSEMENT_APPROVAL_WINDOW_DAYS = env.int("FUNDING_DISBURSEMENT_APPROVAL_WINDOW_DAYS", default=30)
FUNDING_EMERGENCY_ADVANCE_WINDOW_DAYS = env.int("FUNDING_EMERGENCY_ADVANCE_WINDOW_DAYS", default=30)
# The largest single donation accepted online (¥1,000,000).
FUNDING_DONATION_MAX = env.int("FUNDING_DONATION_MAX", default=100_000_000)
FUNDING_PAYMENT_PROVIDER = env(
    "FUNDING_PAYMENT_PROVIDER", default="matching.funding.providers.stripe_provider.StripeProvider"
)
# Test mode: the server attaches a test card itself, so the donation page works without Stripe.js.
# None = on when STRIPE_API_BASE points at a local test server.
FUNDING_SERVER_SIDE_TEST_PAYMENTS = env.bool("FUNDING_SERVER_SIDE_TEST_PAYMENTS", default=None)
# How old (seconds) a signed webhook may be.
FUNDING_WEBHOOK_TOLERANCE_SECONDS = env.int("FUNDING_WEBHOOK_TOLERANCE_SECONDS", default=300)
# Outcomes. Evidence uploads: the largest photo and document accepted (bytes), and the longest edge of a
# published photo (larger photos are scaled down when re-encoded).
OUTCOMES_IMAGE_MAX_BYTES = env.int("OUTCOMES_IMAGE_MAX_BYTES", default=8 * 1024 * 1024)
OUTCOMES_DOCUMENT_MAX_BYTES = env.int("OUTCOMES_DOCUMENT_MAX_BYTES", default=15 * 1024 * 1024)
OUTCOMES_IMAGE_MAX_EDGE = env.int("OUTCOMES_IMAGE_MAX_EDGE", default=4000)
# Staff dashboard: a need with no response after this many days is listed; an emergency-circle need with
# no action after this many hours.
DASHBOARD_NO_RESPONSE_DAYS = env.int("DASHBOARD_NO_RESPONSE_DAYS", default=7)
DASHBOARD_EMERGENCY_NO_ACTION_HOURS = env.int("DASHBOARD_EMERGENCY_NO_ACTION_HOURS", default=24)
# Rows of each dashboard list (and of each page of its full list): the oldest first, with how many in all.
DASHBOARD_ROWS = env.int("DASHBOARD_ROWS", default=50)
# Intake. A report this similar (0–1) to another report or need within the window (days) is flagged as a
# possible duplicate; another department has this many days to answer a referral.
INTAKE_DUPLICATE_THRESHOLD = env.float("INTAKE_DUPLICATE_THRESHOLD", default=0.45)
INTAKE_DUPLICATE_WINDOW_DAYS = env.int("INTAKE_DUPLICATE_WINDOW_DAYS", default=90)
INTAKE_REFERRAL_DUE_DAYS = env.int("INTAKE_REFERRAL_DUE_DAYS", default=10)
# The monitoring CSV upload: largest file (bytes) and most rows.
INTAKE_UPLOAD_MAX_BYTES = env.int("INTAKE_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
INTAKE_UPLOAD_MAX_ROWS = env.int("INTAKE_UPLOAD_MAX_ROWS", default=20000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_ip": {"()": "config.logging.ClientAddressFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(client_ip)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["client_ip"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # One "Task … succeeded" line per task; with tasks in-process that floods the one-machine run.
        "celery.app.trace": {
            "level": env("CELERY_TRACE_LOG_LEVEL", default="WARNING" if CELERY_TASK_ALWAYS_EAGER else "INFO")
        },
        # Celery builds a producer even for an in-process task, and kombu then warns that no broker host was
        # given; with no broker configured nothing is ever sent, so the warning is noise.
        "kombu.connection": {"level": "ERROR" if CELERY_TASK_ALWAYS_EAGER else "WARNING"},
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}

# Accounts: django-allauth (sign-up, email verification, password reset, TOTP) and django-axes
# (login throttling and lockout). Why these: docs/accounts.md.
AUTHENTICATION_BACKENDS = [
    "portal.backends.AxesRequestBackend",  # first: refuses a locked-out login before any check
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "portal.account_adapter.AccountAdapter"
LOGIN_REDIRECT_URL = "/portal/"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
# Sign-up asks for the e-mail only (the username is derived from it): a username field would tell a
# stranger which usernames exist. An e-mail already registered gets the same answer and a mail to its owner.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # a new sign-up confirms once and lands in the portal
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False  # a reset link alone never gives a session (no second factor asked)
# Staff who publish, vet or move money must activate TOTP (matching/permissions.requires_second_factor).
# Off for the one-machine demo and the tests; config.settings.production forces it on.
BANGFU_REQUIRE_SECOND_FACTOR = env.bool("BANGFU_REQUIRE_SECOND_FACTOR", default=False)
SECOND_FACTOR_SCREENS = ["/admin/", "/dashboard/", "/intake/", "/portal/", "/funding/documents/", "/outcomes/"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[帮扶] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "帮扶 Bangfu"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
# Either is enough to lock: too many failures for one account (from anywhere), or from one address
# (against any accounts). The account key is normalised (portal.backends.axes_username).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
AXES_USERNAME_FORM_FIELD = "login"  # allauth's login form; Wagtail's admin form is matched by the callable below
AXES_USERNAME_CALLABLE = "portal.backends.axes_username"
AXES_VERBOSE = env.bool("AXES_VERBOSE", default=False)

# REST API (docs/api.md).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.OrganisationTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonThrottle", "api.throttling.TokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "token": env("API_THROTTLE_TOKEN", default="600/min"),
    },
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "TITLE": "帮扶 Bangfu API",
    "DESCRIPTION": "公开数据与社会组织接口 / Public data and organisation API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["api.schema.only_public_api"],
    "ENUM_NAME_OVERRIDES": {"ProjectStatusEnum": "matching.models.projects.Project.Status"},
}

# Content-Security-Policy (django-csp): the directives are built in config/csp.py, one policy for the
# site and a looser one for the Wagtail admin. This setting switches the header on.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
ADMIN_CSP_PATH_PREFIX = "/admin/"
API_DOCS_CSP_PATH_PREFIXES = ["/api/docs/", "/api/redoc/"]
