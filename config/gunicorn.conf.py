"""Gunicorn settings of `make serve` (scripts/serve.sh); every value can be overridden from the
environment, so a real server uses the same file."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: two per core is the usual start for a Django app that waits on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
worker_class = "sync"
# The first request of a worker may build the matching engine's index (seconds at 100,000
# openings), so the timeout leaves room for it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 20
keepalive = 5
# With GUNICORN_MAX_REQUESTS a worker is replaced after that many requests (with jitter, so not
# all at once). Off by default: a new worker spends its first request building the engine's index.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
wsgi_app = "config.wsgi:application"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
proc_name = "bpvmatcher"
# The request line and headers stay bounded (a DoS guard, as a proxy in front would do).
limit_request_line = 8190
limit_request_fields = 100
