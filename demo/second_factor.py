"""Demo staff log in with a second factor, like real staff. So that someone trying the demo
needs no authenticator app, each demo staff login gets an app-code device here, and
`manage.py demo_code <e-mail>` prints its current code. Idempotent: an account that already
has a confirmed app (the demo's or one the person linked themselves) is left alone."""

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.models import User
from marketplace.permissions import second_factor_required

from .personas import DEMO_LOGINS

DEVICE_NAME = "demo"


def seed_second_factor() -> int:
    added = 0
    for email, _role, _what in DEMO_LOGINS:
        user = User.objects.filter(email=email).first()
        if user is None or not second_factor_required(user):
            continue
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            continue
        TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        added += 1
    return added


def current_code(email: str) -> str | None:
    """The code the demo device of this login shows now; None when it has no demo device."""
    device = TOTPDevice.objects.filter(
        user__email=email.strip().lower(), name=DEVICE_NAME, confirmed=True
    ).first()
    if device is None:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
