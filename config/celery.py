"""The Celery app; in the embedded default it runs tasks eagerly, in process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("bpvmatcher")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
