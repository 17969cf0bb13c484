"""Settings for development, tests and (through ``settings_production``) production.

Everything that differs between machines comes from environment variables, so the same
code runs on a laptop with SQLite and in production on PostgreSQL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("COPRODUCE_DATA_DIR", Path.cwd() / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("COPRODUCE_DEBUG", True)
SECRET_KEY = os.environ.get(
    "COPRODUCE_SECRET_KEY", "development-only-key-never-use-in-production-0123456789abcdef"
)
ALLOWED_HOSTS = env_list("COPRODUCE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("COPRODUCE_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "coproduce.accounts.admin_site.AdminConfig",  # Django's admin, with the password limits
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "knox",  # API tokens: hashed, expiring, revocable (ADR 0022)
    "django_filters",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "coproduce.core",
    "coproduce.accounts",
    "coproduce.organisations",
    "coproduce.initiatives",
    "coproduce.record",
    "coproduce.cases",
    "coproduce.budgeting",
    "coproduce.timecredits",
    "coproduce.volunteering",
    "coproduce.comanagement",
    "coproduce.peersupport",
    "coproduce.exchanges",
    "coproduce.diagnostics",
    "coproduce.selfassessment",
    "coproduce.equality",
    "coproduce.outcomes",
    "coproduce.inspections",
    "coproduce.ratings",
    "coproduce.personaloutcomes",
    "coproduce.financing",
    "coproduce.events",
    "coproduce.ideas",
    "coproduce.drafts",
    "coproduce.surveys",
    "coproduce.journeymaps",
    "coproduce.panels",
    "coproduce.accountability",
    "coproduce.notifications",
    "coproduce.portal",
    "coproduce.mine",
    "coproduce.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "coproduce.core.memo.RequestMemoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # after the session (a signed-in choice), before CommonMiddleware (which may redirect)
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "coproduce.core.middleware.ContentSecurityPolicyMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coproduce.portal.context.site_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'coproduce.sqlite3'}"),
        conn_max_age=int(os.environ.get("COPRODUCE_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters travel apart from the SQL, and statements a connection runs five times are
    # prepared once: less work in Python and in PostgreSQL on every request (ADR 0017).
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Object permissions are asked of django-rules through core.gate, never of user.has_perm.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "coproduce_cache",
    },
    # API throttles count in each process's memory (see core.api); sign-in limits stay shared
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # pages signed-out visitors see alike, a few seconds in each process (core.pagecache)
    "visitor_pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "visitor-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}
VISITOR_PAGE_SECONDS = int(os.environ.get("COPRODUCE_VISITOR_PAGE_SECONDS", "30"))
# search pages signed-out visitors see alike, kept while the index is unchanged (ADR 0055)
SEARCH_PAGE_SECONDS = int(os.environ.get("COPRODUCE_SEARCH_PAGE_SECONDS", "300"))
RATELIMIT_VIEW = "coproduce.core.views.rate_limited"
# How many proxies of ours stand in front (nginx: 1); limits count per client behind them
# (core.network; core.ratelimits.client_key and the API throttles read it)
TRUSTED_PROXIES = int(os.environ.get("COPRODUCE_TRUSTED_PROXIES", "0"))
RATELIMIT_SIGN_IN = os.environ.get("COPRODUCE_RATELIMIT_SIGN_IN", "10/m")
# accounts made (and password-reset e-mails asked for) from one address; the sign-up form's
# attempts, successful or not, have their own more generous limit
RATELIMIT_SIGN_UP = os.environ.get("COPRODUCE_RATELIMIT_SIGN_UP", "5/m")
RATELIMIT_SIGN_UP_ATTEMPTS = os.environ.get("COPRODUCE_RATELIMIT_SIGN_UP_ATTEMPTS", "30/m")
RATELIMIT_DIAGNOSTICS = os.environ.get("COPRODUCE_RATELIMIT_DIAGNOSTICS", "60/m")
RATELIMIT_SEARCH = os.environ.get("COPRODUCE_RATELIMIT_SEARCH", "120/m")

EMAIL_BACKEND = os.environ.get(
    "COPRODUCE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_FILE_PATH = str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = os.environ.get("COPRODUCE_FROM_EMAIL", "coproduce@localhost")

# Background work (e-mail reminders) is queued in the database and run by `coproduce db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SITE_URL = os.environ.get("COPRODUCE_SITE_URL", "http://127.0.0.1:8000")

LANGUAGE_CODE = "en-gb"
# English and Welsh (ADR 0050): each language named in itself, for the switcher on every page.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The frame's own strings (project templates); each app's are in its own locale/ folder.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT: Path | None = None  # production collects into one (settings_production)
# Uploaded pictures; never served directly, only through views that ask the permission gate.
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    # JSON only: the routes are described by /api/ (core.apidocs), not DRF's browsable pages
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "coproduce.core.authentication.SessionAuthentication",
        "coproduce.core.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON nested too deep or holding lone surrogates is refused before it can do harm
    "DEFAULT_PARSER_CLASSES": [
        "coproduce.core.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "coproduce.core.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "coproduce.core.api.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "coproduce.core.api.AnonThrottle",
        "coproduce.core.api.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("COPRODUCE_THROTTLE_ANON", "600/min"),
        "user": os.environ.get("COPRODUCE_THROTTLE_USER", "1200/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# API tokens (django-rest-knox, ADR 0022): each lasts this long from when it is made, never
# renewed by use (a renewal would be a write on every request); a new password revokes them.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=int(os.environ.get("COPRODUCE_TOKEN_TTL_DAYS", "30"))),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Coproduce API",
    "DESCRIPTION": "Co-production of public services: initiatives and their members, the "
    "co-production record and its diagnostics, the case library; co-commissioning (surveys, "
    "ideas, events, participatory budgeting, co-financing), co-design (drafts, journey maps, "
    "citizens' panels), co-delivery (volunteering, time credits, exchanges, boards, peer "
    "support) and co-assessment (outcomes, ratings, inspections). The routes are listed at /api/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "SideEnum": "coproduce.core.vocabulary.Side",
        "StageKindEnum": "coproduce.core.vocabulary.StageKind",
        "StageStatusEnum": "coproduce.core.vocabulary.StageStatus",
        "ContributionKindEnum": "coproduce.core.vocabulary.ContributionKind",
        "OrganisationKindEnum": "coproduce.organisations.models.OrganisationKind",
        "MembershipStatusEnum": "coproduce.initiatives.models.MembershipStatus",
        "ProposalStatusEnum": "coproduce.budgeting.models.ProposalStatus",
        "PhaseEnum": "coproduce.budgeting.models.Phase",
        "RoleEnum": "coproduce.core.vocabulary.Role",
        "SeatRoleEnum": "coproduce.comanagement.models.SeatRole",
        "ThingKindEnum": "coproduce.ratings.models.ThingKind",
        "IdeaStatusEnum": "coproduce.ideas.models.IdeaStatus",
        "WhoDoesItEnum": "coproduce.core.vocabulary.WhoDoesIt",
        "AdoptionRuleEnum": "coproduce.drafts.models.AdoptionRule",
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COPRODUCE_LOG_LEVEL", "WARNING")},
}
