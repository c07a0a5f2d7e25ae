#!/usr/bin/env bash
# A production-like stack on this machine (`make serve`): gunicorn with several workers, the
# production settings, PostgreSQL, Redis as broker and cache, a Celery worker and beat, static
# files through whitenoise. Ctrl+C stops everything it started.
#
# Defaults, each overridable from the environment:
#   DATABASE_URL  postgres://postgres@127.0.0.1:5432/bpvmatcher_serve (created when missing)
#   REDIS_URL     redis://127.0.0.1:6379/5 (broker, results and cache share this db number)
#   PORT          8000
#   SERVE_SEED    1: load the demo region once, when the database has no accounts yet
#
# The production settings want a secret key: the first run writes one to .serve/secret.env
# (git-ignored) and every later run reuses it, so sessions survive a restart. SERVE_LOCAL_HTTP=1
# lets the site run on plain http at 127.0.0.1 (config/settings/production.py).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
BIN="$ROOT/.venv/bin"
STATE="$ROOT/.serve"
mkdir -p "$STATE"

if [[ ! -s "$STATE/secret.env" ]]; then
    umask 077
    echo "SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')" >"$STATE/secret.env"
fi
set -a
# shellcheck disable=SC1091
source "$STATE/secret.env"
set +a

PORT=${PORT:-8000}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/5}
export DJANGO_SETTINGS_MODULE=config.settings.production
export SERVE_LOCAL_HTTP=1
export DEBUG=false
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bpvmatcher_serve}
export CONN_MAX_AGE=${CONN_MAX_AGE:-60}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-$REDIS_URL}
export CELERY_RESULT_BACKEND=${CELERY_RESULT_BACKEND:-$REDIS_URL}
export CACHE_URL=${CACHE_URL:-$REDIS_URL}
export EMAIL_BACKEND=${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}
export GUNICORN_BIND=${GUNICORN_BIND:-127.0.0.1:$PORT}

say() { echo "serve: $*"; }

# PostgreSQL and Redis must answer; the database is created when it is missing.
"$PY" - <<'PYTHON'
import os
import sys

import environ
import psycopg
import redis

config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
if config["ENGINE"] != "django.db.backends.postgresql":
    sys.exit("serve: DATABASE_URL must point at PostgreSQL")
params = {
    "host": config.get("HOST") or "127.0.0.1",
    "port": config.get("PORT") or 5432,
    "user": config.get("USER") or "postgres",
    "password": config.get("PASSWORD") or None,
}
try:
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **params) as conn:
        name = config["NAME"]
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"serve: database {name} created")
except psycopg.OperationalError as error:
    sys.exit(f"serve: PostgreSQL does not answer at {params['host']}:{params['port']}: {error}")
try:
    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"], socket_connect_timeout=5).ping()
except redis.RedisError as error:
    sys.exit(f"serve: Redis does not answer at {os.environ['CELERY_BROKER_URL']}: {error}")
PYTHON

"$PY" manage.py migrate --noinput
if [[ "${SERVE_SEED:-1}" == 1 ]]; then
    if "$PY" manage.py shell -c 'import sys; from marketplace.models import User; sys.exit(0 if User.objects.exists() else 1)'; then
        say "the database has accounts already; the demo region is not loaded again"
    else
        "$PY" manage.py seed_demo
    fi
fi
"$PY" manage.py collectstatic --noinput --verbosity 0

PIDS=()
stop() {
    trap - INT TERM EXIT
    if ((${#PIDS[@]})); then
        say "stopping"
        kill -TERM "${PIDS[@]}" 2>/dev/null || true
        wait "${PIDS[@]}" 2>/dev/null || true
    fi
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

"$BIN/gunicorn" --config config/gunicorn.conf.py &
PIDS+=($!)
"$BIN/celery" -A config worker --loglevel "${SERVE_CELERY_LOG_LEVEL:-warning}" \
    --queues celery,recompute --concurrency "${CELERY_CONCURRENCY:-2}" --hostname "serve@%h" &
PIDS+=($!)
"$BIN/celery" -A config beat --loglevel "${SERVE_CELERY_LOG_LEVEL:-warning}" \
    --schedule "$STATE/celerybeat-schedule" &
PIDS+=($!)

say "the BPV- en banenmatcher runs on http://127.0.0.1:$PORT (stop with Ctrl+C)"
# Whichever process ends first (or Ctrl+C) stops the others.
set +e
wait -n "${PIDS[@]}"
status=$?
set -e
say "a process ended (exit $status)"
exit "$status"
