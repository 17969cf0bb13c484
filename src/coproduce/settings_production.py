"""Production settings: the development settings hardened, secrets required from the environment."""

import os

from coproduce.settings import *  # noqa: F403
from coproduce.settings import env_bool

DEBUG = False
SECRET_KEY = os.environ["COPRODUCE_SECRET_KEY"]
SECURE_SSL_REDIRECT = env_bool("COPRODUCE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("COPRODUCE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STATIC_ROOT = DATA_DIR / "static"  # noqa: F405
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = os.environ.get(
    "COPRODUCE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# Each server thread keeps its database connection (and the statements prepared on it)
# instead of opening one per request; a broken connection is noticed before it is used.
DATABASES["default"]["CONN_MAX_AGE"] = int(  # noqa: F405
    os.environ.get("COPRODUCE_DB_CONN_MAX_AGE", "60")
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
