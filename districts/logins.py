"""Failed log-ins and password reset mails are limited per account and per address, in
the database, so the limits hold across every app server."""

import ipaddress
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import UsernameField
from django.utils import timezone

from districts.models import FailedLogin, PasswordResetRequest

WINDOW = timedelta(minutes=15)
PER_ACCOUNT = 5
PER_ADDRESS = 20
RESET_WINDOW = timedelta(hours=1)
RESETS_PER_EMAIL = 3
RESETS_PER_ADDRESS = 20


def client_address(request) -> str | None:
    """The address of the person asking. Each of the TRUSTED_PROXY_COUNT proxies in front
    of the app appends the address it was asked from to X-Forwarded-For, so the client's is
    the one the outermost of them wrote; whatever stands left of it, the client wrote."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if proxies == 0 or not forwarded:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-min(proxies, len(forwarded))]))
    except ValueError:
        return remote  # not an address: count it against the proxy, never against nothing


def account(username: str) -> str:
    """The account a typed username reaches. The log-in form strips it and normalises it
    (NFKC), so "vera ", a tab before "vera" and a fullwidth "ｖera" all reach "vera":
    they must count as one account, or respelling a name would get round the limit."""
    return UsernameField().to_python(username)[:150]


def blocked(username: str, address: str | None) -> bool:
    recent = FailedLogin.objects.filter(at__gte=timezone.now() - WINDOW)
    if recent.filter(username__iexact=account(username)).count() >= PER_ACCOUNT:
        return True
    return address is not None and recent.filter(address=address).count() >= PER_ADDRESS


def failed(username: str, address: str | None) -> None:
    FailedLogin.objects.create(username=account(username), address=address)
    FailedLogin.objects.filter(at__lt=timezone.now() - WINDOW).delete()


def succeeded(username: str) -> None:
    FailedLogin.objects.filter(username__iexact=account(username)).delete()


def mailbox(email: str) -> str:
    """One key for every spelling of an email that reaches one account (Django's reset
    form matches emails without regard to case, after NFKC)."""
    return unicodedata.normalize("NFKC", email).strip().casefold()[:254]


def resets_blocked(email: str, address: str | None) -> bool:
    recent = PasswordResetRequest.objects.filter(at__gte=timezone.now() - RESET_WINDOW)
    if recent.filter(email=mailbox(email)).count() >= RESETS_PER_EMAIL:
        return True
    return address is not None and recent.filter(address=address).count() >= RESETS_PER_ADDRESS


def reset_asked(email: str, address: str | None) -> None:
    PasswordResetRequest.objects.create(email=mailbox(email), address=address)
    PasswordResetRequest.objects.filter(at__lt=timezone.now() - RESET_WINDOW).delete()
