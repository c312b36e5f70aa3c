"""The same people in every test: one of each role in one district, and an outsider."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from districts.models import Role
from tests.factories import DistrictFactory, MembershipFactory, PlanFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def district():
    return DistrictFactory(name="Riverside Unified", slug="riverside")


@pytest.fixture
def other_district():
    return DistrictFactory(name="Hillcrest County Schools", slug="hillcrest")


def _member(district, role: str, username: str):
    return MembershipFactory(district=district, role=role, user=UserFactory(username=username)).user


@pytest.fixture
def admin_user(district):
    return _member(district, Role.ADMIN, "ada-admin")


@pytest.fixture
def editor(district):
    return _member(district, Role.EDITOR, "eddie-editor")


@pytest.fixture
def approver(district):
    return _member(district, Role.APPROVER, "alex-approver")


@pytest.fixture
def viewer(district):
    return _member(district, Role.VIEWER, "vera-viewer")


@pytest.fixture
def outsider(other_district):
    """An administrator of another district: powerful there, a stranger here."""
    return _member(other_district, Role.ADMIN, "oscar-outsider")


def load_samples(*args: str, debug: bool = True) -> str:
    output = io.StringIO()
    with override_settings(DEBUG=debug):
        call_command("load_samples", *args, stdout=output)
    return output.getvalue()


def fingerprint_in(html, name: str = "fingerprint") -> str:
    """The fingerprint an edit form carries: what a person's browser would send back."""
    text = html.decode() if isinstance(html, bytes) else html
    return text.split(f'name="{name}" value="')[1].split('"')[0]


def decide(client, recommendation, decision: str, note: str = "", **kwargs):
    """One decision, posted as the packet's page posts it (the others left for later)."""
    plan = recommendation.packet.plan
    return client.post(
        reverse("packet_decide", args=[plan.district.slug, plan.pk, recommendation.packet_id]),
        {f"decision_{recommendation.pk}": decision, f"note_{recommendation.pk}": note},
        **kwargs,
    )


def without_tokens(html: str) -> str:
    """A page without its CSRF tokens, which are masked afresh for every answer."""
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def labels_in(html: str) -> list[str]:
    """What the plan page shows of its items' numbers, in order: "Goal 1", "1.2.3", "1.2.M1"
    (the text of each item's link, without what only a screen reader hears)."""
    links = re.findall(r'<a class="item-link[^"]*"[^>]*>(.*?)</a>', html, flags=re.S)
    shown = [re.sub(r'<span class="(?:visually-hidden|vh)">.*?</span>', "", link) for link in links]
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for text in shown]


def error_beside(html, field: str) -> str:
    """The error a form shows beside a field (in its label), by the end of the field's id."""
    text = html.decode() if isinstance(html, bytes) else html
    return text.split(f'{field}_error">')[1].split("</span>")[0].strip()


def structure_data(response) -> dict:
    """The structure page's form as a browser sends it back unchanged."""
    data = {}
    for form in [form for _, form in response.context["levels"]] + [response.context["years"]]:
        for field in form:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
            else:
                data[field.html_name] = "" if value is None else value
    return data


@pytest.fixture
def samples():
    """The five sample districts with their plans and demo users (needs a django_db mark)."""
    load_samples()


@pytest.fixture
def plan(district):
    return PlanFactory(district=district)


# Browser tests: Debian's Chromium, never a downloaded browser, with no background networking.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected into the page; our Content Security Policy would rightly refuse it.
    return {**browser_context_args, "bypass_csp": True}
