"""Full-page screenshots of every role's main page, at 390x844 (phone) and 1280x800, in Dutch
and English, for a person to look at: var/screenshots/<role>-<lang>-<size>.png.

Runs against a live site with the demo data (`make seed`). With --serve it starts
`manage.py runserver` itself on --port and stops it afterwards; otherwise it uses --base-url.
Staff pass the second step with the demo app's current code (demo/second_factor.py).

    .venv/bin/python scripts/screenshots.py --serve
"""

import argparse
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

# (role, demo login, main page)
ROLES = [
    ("student", "student@demo.nl", "/mijn-matches/"),
    ("parent", "ouder@demo.nl", "/mijn-kind/"),
    ("employer", "werkgever@demo.nl", "/werkgever/"),
    ("jobhunter", "jobhunter@demo.nl", "/werk/"),
    ("jpo", "jpo@demo.nl", "/werk/"),
    ("accountmanager", "accountmanager@demo.nl", "/werk/escalaties/"),
    ("coordinator", "coordinator@demo.nl", "/"),
    ("school", "school@demo.nl", "/werk/"),
]
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
LANGUAGES = ("nl", "en")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _second_factor_code(email: str) -> str | None:
    import django

    django.setup()
    from demo.second_factor import current_code

    return current_code(email)


def _wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=5)  # noqa: S310 - our server
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"No site answered on {url} within {seconds} s.")


def _login(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=username], input[type=email]").first.fill(email)
    page.locator("input[type=password]").first.fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    if "/accounts/tweestaps/" in page.url:
        code = _second_factor_code(email)
        if code is None:
            raise SystemExit(f"{email} has no demo app for the second step: run `make seed`.")
        page.get_by_label("Code").fill(code)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state("networkidle")


def take(base_url: str, out: pathlib.Path, roles: list[str] | None = None) -> list[pathlib.Path]:
    from playwright.sync_api import sync_playwright

    from demo import DEMO_PASSWORD

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        for role, email, path in ROLES:
            if roles and role not in roles:
                continue
            # One login per role; the language is the session's cookie, the size the viewport.
            context = browser.new_context(
                base_url=base_url, viewport={"width": 1280, "height": 800}
            )
            page = context.new_page()
            page.set_default_timeout(30_000)
            _login(page, email, DEMO_PASSWORD)
            for lang in LANGUAGES:
                context.add_cookies([{"name": "django_language", "value": lang, "url": base_url}])
                for size, (width, height) in SIZES.items():
                    page.set_viewport_size({"width": width, "height": height})
                    page.goto(path)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{role}-{lang}-{size}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                    print(f"{target}  {page.url}")
                    menu = page.locator(".menu-button")
                    if size == "phone" and lang == "nl" and menu.is_visible():
                        menu.click()  # the phone's menu, opened
                        target = out / f"{role}-{lang}-{size}-menu.png"
                        page.screenshot(path=str(target))
                        written.append(target)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--serve", action="store_true", help="start runserver on --port")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--out", default=str(ROOT / "var" / "screenshots"))
    parser.add_argument("--role", action="append", help="only this role (repeatable)")
    args = parser.parse_args()
    server = None
    base_url = args.base_url
    if args.serve:
        base_url = f"http://127.0.0.1:{args.port}"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", args.port)) == 0:
                raise SystemExit(f"Port {args.port} is taken: choose another with --port.")
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{args.port}"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    try:
        _wait_for(base_url)
        written = take(base_url, pathlib.Path(args.out), args.role)
        print(f"{len(written)} screenshots in {args.out}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
