"""`make serve`'s pieces: the gunicorn settings, the production settings with and without the
switch for plain http on this machine, the script, and (with PostgreSQL and Redis configured)
the whole stack started, asked for a page and a static file, and stopped with Ctrl+C."""

import json
import os
import runpy
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SECRET = "a-test-secret-that-is-long-enough-for-check-deploy-0123456789-abcdefghijkl"


def production_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SERVE_LOCAL_HTTP", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        **extra,
    )
    return env


def run(args: list[str], env: dict, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_gunicorn_settings_run_several_workers_of_the_wsgi_app(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    conf = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    assert conf["wsgi_app"] == "config.wsgi:application"
    assert conf["workers"] == 2 * os.cpu_count()
    assert conf["workers"] >= 2
    assert conf["bind"].startswith("127.0.0.1:")
    assert conf["timeout"] >= 30


def test_gunicorn_accepts_the_settings_and_loads_the_app():
    result = run(
        [str(Path(PYTHON).parent / "gunicorn"), "--config", "config/gunicorn.conf.py",
         "--check-config"],
        production_env(SERVE_LOCAL_HTTP="1"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_local_switch_serves_plain_http_with_production_settings_otherwise():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.MIDDLEWARE[:2], s.ALLOWED_HOSTS]))"
    )
    local = run([PYTHON, "-c", code], production_env(SERVE_LOCAL_HTTP="1"))
    assert local.returncode == 0, local.stderr
    debug, redirect, session_secure, csrf_secure, hsts, middleware, hosts = json.loads(local.stdout)
    assert (debug, redirect, session_secure, csrf_secure, hsts) == (False, False, False, False, 0)
    assert middleware == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert hosts == ["127.0.0.1", "localhost"]

    default = run([PYTHON, "-c", code], production_env())
    assert default.returncode == 0, default.stderr
    _, redirect, session_secure, csrf_secure, hsts, _, _ = json.loads(default.stdout)
    assert (redirect, session_secure, csrf_secure) == (True, True, True)
    assert hsts >= 31536000


def test_check_deploy_is_clean_without_the_switch_and_warns_with_it():
    # Only the deploy checks of Django's security middleware are this switch's business.
    command = [PYTHON, "manage.py", "check", "--deploy", "--tag", "security"]
    clean = run(command, production_env())
    assert clean.returncode == 0, clean.stderr
    assert "security.W" not in clean.stdout + clean.stderr
    local = run(command, production_env(SERVE_LOCAL_HTTP="1"))
    for warning in ("security.W008", "security.W012", "security.W016", "security.W004"):
        assert warning in local.stdout + local.stderr


def test_serve_script_is_valid_and_stops_what_it_started():
    script = ROOT / "scripts" / "serve.sh"
    assert run(["bash", "-n", str(script)], dict(os.environ)).returncode == 0
    text = script.read_text()
    assert "trap" in text
    assert "config/gunicorn.conf.py" in text
    assert "SERVE_LOCAL_HTTP=1" in text
    assert ".serve/" in (ROOT / ".gitignore").read_text()  # the generated secret stays local
    make = run(["make", "-n", "serve"], dict(os.environ))
    assert "scripts/serve.sh" in make.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
        return response.status, response.read()


@pytest.mark.skipif(
    not (
        os.environ.get("DATABASE_URL", "").startswith("postgres")
        and os.environ.get("CELERY_BROKER_URL")
    ),
    reason="needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL)",
)
def test_the_stack_starts_serves_pages_and_static_files_and_stops_on_ctrl_c(django_db_setup):
    db = settings.DATABASES["default"]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env.update(
        PORT=str(port),
        DATABASE_URL=f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        # Its own Redis db: the stack's worker and beat must not take the suite's tasks.
        REDIS_URL=os.environ["CELERY_BROKER_URL"].rsplit("/", 1)[0] + "/11",
        CELERY_BROKER_URL="",
        CELERY_RESULT_BACKEND="",
        CACHE_URL="",
        SERVE_SEED="0",
        WEB_CONCURRENCY="2",
        CELERY_CONCURRENCY="1",
    )
    proc = subprocess.Popen(
        ["bash", "scripts/serve.sh"], cwd=ROOT, env=env, start_new_session=True,  # noqa: S607
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    css = b""
    try:
        # Migrating and collecting the static files come first; a busy machine is slow.
        deadline, status, body = time.time() + 420, None, b""
        while time.time() < deadline and proc.poll() is None:
            try:
                status, body = get(f"http://127.0.0.1:{port}/accounts/login/")
                break
            except OSError:
                time.sleep(1)
        if status == 200:
            css = get(f"http://127.0.0.1:{port}/static/css/site.css")[1]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
        output = proc.communicate(timeout=90)[0]
    assert status == 200, output[-3000:]
    assert b'name="username"' in body
    assert css, "whitenoise serves the collected static files"
    assert proc.returncode is not None
    # Nothing of the stack is left running: gunicorn and both Celery processes ended too.
    time.sleep(1)
    left = run(["pgrep", "-g", str(proc.pid)], dict(os.environ))
    assert left.stdout.strip() == "", output
