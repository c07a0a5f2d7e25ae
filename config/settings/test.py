"""Settings for the test suite: fast hashing, in-memory mail, real services when configured."""

import os

from .base import *  # noqa: F403
from .base import CACHE_URL, CELERY_BROKER_URL, env

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Run in several processes (`pytest -n 2`), each process has a Redis db of its own for the
# broker, the results and the search queue: a real worker in one process never takes the tasks
# another process sent into its own test database. Celery reads the environment before the
# settings, so the environment gets the process's URL too (and a worker subprocess inherits it);
# the shared URL stays in TEST_SHARED_BROKER_URL, so a subprocess works out the same db.
_process = os.environ.get("PYTEST_XDIST_WORKER", "")
_shared = os.environ.setdefault("TEST_SHARED_BROKER_URL", CELERY_BROKER_URL)
if _process.startswith("gw") and _shared.startswith("redis://"):
    _server, _, _db = _shared.rpartition("/")
    CELERY_BROKER_URL = f"{_server}/{int(_db or 0) + 1 + int(_process[2:])}"
    CELERY_RESULT_BACKEND = CELERY_BROKER_URL
    SEARCH_QUEUE_URL = CACHE_URL or CELERY_BROKER_URL
    os.environ["CELERY_BROKER_URL"] = os.environ["CELERY_RESULT_BACKEND"] = CELERY_BROKER_URL

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
