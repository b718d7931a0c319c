"""Settings shared by every environment; safe for production on their own.

Everything that differs between machines is read from the environment with
django-environ. DEBUG is off unless the environment turns it on.
"""

from pathlib import Path

import environ

from translations.machine import machine_translator

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "alliance_site",
    "home",
    "events",
    "lectures",
    "exhibitions",
    "volunteers",
    "accounts",
    "translations",
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",  # wagtail.users, staff addresses verified
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alliance_site.compression.PublicGZipMiddleware",  # anonymous responses only
    "alliance_site.csp.ContentSecurityPolicyMiddleware",  # the CSP block below
    "django.contrib.sessions.middleware.SessionMiddleware",
    "alliance_site.middleware.LocaleMiddleware",
    "translations.visitor.VisitorLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "alliance_site.page_cache.PageCacheMiddleware",  # README, "The page cache"
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "alliance_site.urls"
WSGI_APPLICATION = "alliance_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, SQLite by default. On SQLite, WAL lets readers work while
# one writer writes, and IMMEDIATE transactions take the write lock at BEGIN so that
# concurrent writers queue instead of failing half-way (see design.md, booking).
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every worker: sessions, rate limits),
# else local memory. While Redis is unreachable the site works without a cache
# (alliance_site/cache.py): sessions fall back to the database, rate limits are off, the
# error is logged at most every five minutes, and Redis is used again once it is back.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "alliance_site.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="alliance"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=0.5),
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache (alliance_site/page_cache.py): anonymous pages, in Redis beside the rest
# under its own prefix, else in each server process's memory.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
if REDIS_URL:
    CACHES["pages"] = {
        **CACHES["default"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_MAX_ENTRIES", default=5000)},
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "alliance_site.cache"

# Front-end cache (alliance_site/frontend_cache.py, README "Front-end cache"): Varnish,
# or any proxy that takes PURGE and BAN as deploy/varnish/default.vcl does, at each of
# FRONTEND_CACHE_URL (comma-separated); Cloudflare with CLOUDFLARE_ZONE_ID and
# CLOUDFLARE_BEARER_TOKEN. Off when none is set.
WAGTAILFRONTENDCACHE = {}
for _n, _url in enumerate(env.list("FRONTEND_CACHE_URL", default=[])):
    WAGTAILFRONTENDCACHE[f"varnish{_n or ''}"] = {
        "BACKEND": "alliance_site.frontend_cache.VarnishBackend",
        "LOCATION": _url,
    }
if env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env.str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
    }
if WAGTAILFRONTENDCACHE:  # its signal handlers purge each published page's addresses
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.redirects"), "wagtail.contrib.frontend_cache"
    )

# Background work (django-tasks): e-mail delivery with retries, image renditions, and
# Wagtail's own index updates. One queue in the database, shared by every server; run
# `manage.py db_worker` beside the web server (README, "Operations"). Development and the
# tests run tasks at once in the request (settings/dev.py, settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True), console when unset or empty
# (production.py refuses to start without it).
# Every e-mail goes through the task queue (alliance_site/mail.py): a request never waits
# for, or fails with, the SMTP server, and a message the server refuses is tried again.
# The worker delivers it with the backend EMAIL_URL names.
_email = env.email_url_config(env.str("EMAIL_URL", default="") or "consolemail://")
EMAIL_DELIVERY_BACKEND = _email.pop("EMAIL_BACKEND")
vars().update(_email)
EMAIL_BACKEND = "alliance_site.mail.QueuedEmailBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@reading.example.org")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: zh-hans is the default and the source of translations. Django's LANG_INFO
# lacks Lao and Filipino, so templates take language names from here, never from
# get_language_info.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
    ("vi", "Tiếng Việt"),
    ("th", "ไทย"),
    ("id", "Bahasa Indonesia"),
    ("ms", "Bahasa Melayu"),
    ("lo", "ລາວ"),
    ("km", "ខ្មែរ"),
    ("my", "မြန်မာ"),
    ("fil", "Filipino"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["alliance_site.formats"]  # CLDR dates and numbers; see its __init__
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "广西阅读推广联盟"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAILSEARCH_BACKENDS = {
    # The admin's search (explorer, choosers, reports).
    "default": {"BACKEND": "wagtail.search.backends.database"},
    # The public site search: live pages only, words segmented (alliance_site/search/).
    "site": {"BACKEND": "alliance_site.search.backend"},
}
# The scale-out path: an OpenSearch 2 or Elasticsearch 8 cluster with the analysis-icu
# plugin serves the site search instead (pip install opensearch-py / elasticsearch).
if env.str("OPENSEARCH_URL", default="") or env.str("ELASTICSEARCH_URL", default=""):
    from alliance_site.search.opensearch import backend_settings

    WAGTAILSEARCH_BACKENDS["site"] = backend_settings(
        env.str("OPENSEARCH_URL", default="") or env.str("ELASTICSEARCH_URL"),
        "opensearch" if env.str("OPENSEARCH_URL", default="") else "elasticsearch",
        env.str("SEARCH_INDEX_PREFIX", default="alliance_"),
    )
# Media in production (README, "Operations"): the proxy serves MEDIA_ROOT/images/ itself;
# documents are never served from MEDIA_ROOT but through Wagtail's document view, which
# checks collection privacy and sends Content-Disposition and a sandboxing CSP.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no external requests from the admin
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"

# Accounts (django-allauth). The Wagtail admin logs in through allauth so that its
# rate limits (backed by the shared cache) also cover staff logins.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # confirming the address signs the person in
ACCOUNT_LOGIN_BY_CODE_ENABLED = True  # "e-mail me a code" instead of the password
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views override this with SAMEORIGIN
SESSION_COOKIE_HTTPONLY = True

# --- Content-Security-Policy (django-csp) -----------------------------------------------
# Public pages load only what this site serves: no inline script or style (a page that
# needs one gives it the request's nonce), images also as data: URIs (the editors'
# userbar draws its icons so), frames only from the video and audio sites an editor may
# embed: the embed finder accepts those only, whose embed code is a bare <iframe> (not
# posts that run the provider's script, nor players laid out with style attributes).
# Wagtail's admin (inline scripts and styles) and its previews (alliance_site/csp.py)
# have none; documents are served with their own, stricter one (default-src 'none').
from csp.constants import NONCE, NONE, SELF  # noqa: E402
from wagtail.embeds.oembed_providers import soundcloud, vimeo, youtube  # noqa: E402

EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://player.vimeo.com",
    "https://w.soundcloud.com",
]
WAGTAILEMBEDS_FINDERS = [
    {"class": "wagtail.embeds.finders.oembed", "providers": [youtube, vimeo, soundcloud]}
]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "frame-src": EMBED_FRAME_SOURCES,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],  # as X_FRAME_OPTIONS
    },
}
# --- end of Content-Security-Policy ------------------------------------------------------

# Machine translation in the translation editor: off unless DEEPL_API_KEY or
# LIBRETRANSLATE_URL is set (translations/machine.py).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator(
    env.str("DEEPL_API_KEY", default=""),
    env.str("LIBRETRANSLATE_URL", default=""),
    env.str("LIBRETRANSLATE_API_KEY", default=""),
)
