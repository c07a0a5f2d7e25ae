"""Django project package of the BPV- en banenmatcher: settings, urls and the Celery app."""

from .celery import app as celery_app

__all__ = ("celery_app",)
