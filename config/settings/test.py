"""Settings for the test suite: fast hashing, in-memory mail, real services when configured."""

from .base import *  # noqa: F403
from .base import env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests decide per case whether a real worker runs tasks; by default they run in process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
# No engine index files unless a test points ENGINE_INDEX_DIR at a temporary directory: files
# outlive a test's rolled-back data.
ENGINE_INDEX_DIR = env("ENGINE_INDEX_DIR", default="")

# The suite sends thousands of API requests a minute from one address; the throttling test sets
# the real rates itself.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
}
