"""Settings for every environment; each behaviour is switched by an environment variable.

With no configuration at all the product runs on its embedded default: SQLite, Celery eager,
the embedded search backend and console mail.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI from our own static files (works offline)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "matching",
    "marketplace",
    "employers",
    "events",
    "toolkit",
    "mediation",
    "backoffice",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "marketplace.middleware.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "marketplace.authentication.SecurityHeadersMiddleware",
    "marketplace.authentication.SessionIdleMiddleware",
    "marketplace.authentication.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "marketplace.context_processors.nav",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The default set-up serves several people at once: WAL lets reads run beside the one
    # writer, IMMEDIATE takes the write lock when a request's transaction begins (a deferred
    # one that upgrades later fails at once instead of waiting), and the busy timeout makes a
    # second writer wait its turn instead of answering "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=30),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "marketplace.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "marketplace.authentication.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- log-in security (marketplace/authentication.py) -----------------------------------------
# Sessions: an absolute maximum, and an idle limit that is shorter for staff (who see more).
SESSION_COOKIE_AGE = env.int("SESSION_MAX_HOURS", default=24) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
STAFF_IDLE_HOURS = env.float("STAFF_IDLE_HOURS", default=8)
IDLE_HOURS = env.float("IDLE_HOURS", default=24)
# Lockout (django-axes): per account, and per address with a higher limit (a school's network
# shares one address). The cool-down ends a lockout; the coordinator can also unlock.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURES_PER_ACCOUNT", default=5)
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=100)
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_HANDLER = "marketplace.authentication.LockoutHandler"
AXES_LOCKOUT_CALLABLE = "marketplace.authentication.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "marketplace.authentication.lockout_username"
# Second factor: required for staff roles and the admin (SecondFactorMiddleware).
OTP_TOTP_ISSUER = "BPV- en banenmatcher"
# django-otp's own throttle (a wait that doubles after each wrong code) plus a hard stop: after
# SECOND_FACTOR_MAX_FAILURES wrong codes the session ends and the account is locked (axes).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
SECOND_FACTOR_MAX_FAILURES = env.int("SECOND_FACTOR_MAX_FAILURES", default=10)
SECOND_FACTOR_REQUIRED = env.bool("SECOND_FACTOR_REQUIRED", default=True)
# API tokens: issued by the token endpoint for a working day, by the API-sleutels page for at
# most a year.
API_LOGIN_TOKEN_HOURS = env.int("API_LOGIN_TOKEN_HOURS", default=8)
API_TOKEN_MAX_DAYS = 365
# Webhooks: how many tries a delivery gets (the waits between them double from the first), how
# long one try may take, and whether a URL may be plain http to this machine or point at a
# private network (development and tests only; production refuses both).
WEBHOOK_ATTEMPTS = env.int("WEBHOOK_ATTEMPTS", default=6)
WEBHOOK_RETRY_SECONDS = env.int("WEBHOOK_RETRY_SECONDS", default=30)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
WEBHOOK_ALLOW_PRIVATE = env.bool("WEBHOOK_ALLOW_PRIVATE", default=DEBUG)
# Headers: a Content-Security-Policy without 'unsafe-inline', and the rest.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BPV- en banenmatcher <noreply@localhost>")
# Links in e-mails point here (the in-app links are relative).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Cache: shared by every process when CACHE_URL names a Redis (the double-submit guard and
# rate limits need that with several web workers); one process's memory otherwise.
CACHE_URL = env("CACHE_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background work: without a broker, tasks run eagerly in the request's process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A full recomputation's chunks have their own queue, so a night's batch never holds up the
# refresh after a single edit; `make serve`'s worker takes both queues. An unacknowledged task
# of a worker that died goes back to the queue after the visibility timeout.
CELERY_TASK_ROUTES = {"marketplace.tasks.recompute_chunk": {"queue": "recompute"}}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
CELERY_BEAT_SCHEDULE = {
    "engine-index-refresh": {  # builds only when changes to openings wait (debounced)
        "task": "marketplace.tasks.engine_index_refresh",
        "schedule": 15.0,
    },
    "import-files-purge": {
        "task": "backoffice.tasks.import_files_purge",
        "schedule": crontab(hour=3, minute=15),
    },
    "suggestions-nightly": {
        "task": "marketplace.tasks.suggestions_refresh_all",
        "schedule": crontab(hour=2, minute=30),
    },
    "invitations-expire": {
        "task": "marketplace.tasks.invitations_expire_all",
        "schedule": crontab(hour=2, minute=15),
    },
    "suggestions-recompute-resume": {
        "task": "marketplace.tasks.recompute_resume",
        "schedule": crontab(minute="*/5"),
    },
    "escalation-sweep": {
        "task": "mediation.tasks.escalation_sweep",
        "schedule": crontab(hour=6, minute=0),
    },
    "checkin-reminders": {
        "task": "mediation.tasks.checkin_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "transition-plan": {
        "task": "mediation.tasks.transition_plan",
        "schedule": crontab(hour=5, minute=30),
    },
    "answer-reminders": {
        "task": "mediation.tasks.answer_reminders",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon-fri"),
    },
    "escalation-second-rung": {
        "task": "mediation.tasks.escalation_second_rung",
        "schedule": crontab(hour=6, minute=30),
    },
    "placements-started": {
        "task": "mediation.tasks.placements_started",
        "schedule": crontab(hour=5, minute=0),
    },
    "aftercare-plan": {
        "task": "mediation.tasks.aftercare_plan",
        "schedule": crontab(hour=5, minute=45),
    },
    "event-reminders": {
        "task": "events.tasks.event_reminders",
        "schedule": crontab(minute=15),
    },
    "privacy-retention": {
        "task": "marketplace.tasks.privacy_retention_apply",
        "schedule": crontab(hour=3, minute=45),
    },
    "recognition-pause": {
        "task": "employers.tasks.recognition_pause",
        "schedule": crontab(hour=0, minute=20),
    },
    "recognition-warnings": {
        "task": "employers.tasks.recognition_warnings",
        "schedule": crontab(hour=6, minute=45),
    },
    "search-reconcile": {
        "task": "employers.tasks.search_reconcile",
        "schedule": crontab(minute="*/30"),
    },
}

# Search: the embedded backend unless an Elasticsearch server is configured.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "embedded"
# Changes reach Elasticsearch debounced: marked in this Redis, indexed in bulk this many seconds
# later; without one, each change is indexed at once.
SEARCH_QUEUE_URL = env(
    "SEARCH_QUEUE_URL",
    default=CACHE_URL or (CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else ""),
)
SEARCH_INDEX_DEBOUNCE_SECONDS = env.int("SEARCH_INDEX_DEBOUNCE_SECONDS", default=5)

REST_FRAMEWORK = {
    # The key first: a request without credentials gets 401 with `WWW-Authenticate: Token`
    # (DRF asks the first class for its challenge; a session has none and would give 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "marketplace.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "config.api.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # Per signed-in user and per anonymous address; a 429 says when to try again.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="1200/min"),
    },
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "DEFAULT_SCHEMA_CLASS": "config.api_schema.ApiSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "BPV- en banenmatcher API",
    "DESCRIPTION": "Regionale marktplaats voor BPV-plekken, leerbanen en vacatures.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set that several operations share (else a hashed name per schema).
    "ENUM_NAME_OVERRIDES": {
        "OpeningKindEnum": "employers.models.Opening.Kind",
        "OpeningStatusEnum": "employers.models.Opening.Status",
        "MatchStatusEnum": "marketplace.models.MatchStatus",
        "WebhookEventEnum": "marketplace.models.WebhookEvent",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Matching: how many suggestions are kept per student and per opening.

# Matching: how many suggestions are kept per student and per opening.
MATCHING_TOP_K = env.int("MATCHING_TOP_K", default=20)
# The engine's index of openings as files every process maps read-only, one set per machine
# (marketplace/services/engine_index.py); empty: each process builds its own in memory.
ENGINE_INDEX_DIR = env("ENGINE_INDEX_DIR", default=str(BASE_DIR / "var" / "engine_index"))
