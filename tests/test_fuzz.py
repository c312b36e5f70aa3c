"""Generated bad input, fed to every form of the app and to the CSV results import: never
a 500, nothing written when a form is refused, and the person's text kept in the form that
is shown again.

The forms are found as a person finds them: every page of the URL table of
tests/test_url_walk.py, and every page its links lead to, is read as the administrator
and as the approver, and each POST form on it is filled in with bad values. The JSON plan
file import gets a good file spoiled in a few places, and text that is barely JSON.
"""

import copy
import html
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from measures.models import Result
from planning.cycle import recommendations
from planning.exchange import export_plan
from planning.models import Packet, Plan
from tests.test_url_walk import world  # noqa: F401  (the URL table, a fixture)

pytestmark = pytest.mark.django_db

# A bounded, repeatable run in CI; HYPOTHESIS_PROFILE=explore searches much further.
settings.register_profile(
    "ci",
    max_examples=5,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "explore", parent=settings.get_profile("ci"), max_examples=300, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REFUSED = {400, 403, 404, 405, 409, 422}
NOT_FOLLOWED = re.compile(r"\.(pdf|json)$|/logout/|/accounts/|/admin/")
TYPED = {"text", "email", "url", "search", "tel", "textarea"}


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "textarea" or "select"
    options: list[str] = field(default_factory=list)
    multiple: bool = False


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)
    enctype: str = ""


class FormsOnPage(HTMLParser):
    """The POST forms of a page, with their fields and the choices they offer; and its links."""

    def __init__(self, url: str):
        super().__init__()
        self.url, self.forms, self.links = url, [], []
        self.form = self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.url, a["href"]))
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.form = Form(
                urljoin(self.url, a.get("action") or self.url), enctype=a.get("enctype", "")
            )
            self.forms.append(self.form)
        if self.form is None or not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            if tag == "option" and self.select is not None:
                self.select.options.append(a.get("value", ""))
            return
        if "disabled" in a:  # a browser does not send it (an adopted plan's words)
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            known = self.form.fields.setdefault(name, Field(name, kind))
            if kind in {"checkbox", "radio", "submit", "hidden"}:
                known.options.append(a.get("value", "on"))
                known.multiple = known.multiple or kind == "checkbox"
        elif tag == "textarea":
            self.form.fields[name] = Field(name, "textarea")
        elif tag == "select":
            self.select = self.form.fields[name] = Field(name, "select", multiple="multiple" in a)
        elif tag == "button" and a.get("value") is not None:
            self.form.fields.setdefault(name, Field(name, "submit")).options.append(a["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        if tag == "select":
            self.select = None


def path_of(url: str) -> str:
    return urlsplit(url).path


def forms_of_the_app(client, people) -> list[tuple[object, Form]]:
    """Each distinct POST form, with someone who is shown it, read from every page of the
    URL table and every page one link away."""
    found, seen_pages = {}, set()
    for person, start in people:
        client.force_login(person)
        pages = list(start)
        for depth in (0, 1):
            following = []
            for url in pages:
                if (path_of(url) in seen_pages and depth == 1) or NOT_FOLLOWED.search(url):
                    continue
                seen_pages.add(path_of(url))
                response = client.get(url)
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                page = FormsOnPage(url)
                page.feed(response.content.decode())
                for form in page.forms:
                    key = re.sub(r"(?<=/)\d+(?=/)", "N", path_of(form.action))
                    if "logout" not in key and key not in found:
                        found[key] = (person, form)
                following += [
                    link for link in page.links if urlsplit(link).netloc in {"", "testserver"}
                ]
            pages = following
    return list(found.values())


def snapshot() -> dict:
    """Every row of the app's own tables."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for label in ("districts", "measures", "planning", "making")
        for model in apps.get_app_config(label).get_models()
    }


@st.composite
def bad_text(draw):
    return draw(
        st.one_of(
            st.text(max_size=40),
            st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "{{ plan }}", "’–…"]),
            st.builds(
                lambda c, n: c * n,
                st.characters(exclude_categories=["Cs"]),
                st.integers(2000, 30000),
            ),
        )
    )


def bad_value(draw, f: Field):
    """A value a careless or hostile person could send for this field."""
    numbers = st.one_of(
        st.integers(-(10**30), 10**30).map(str),
        st.sampled_from(["NaN", "inf", "-0", "1e400", "١٢", "0x10", "12,5", "2023–24", "32767"]),
    )
    dates = st.one_of(
        st.dates().map(str), st.sampled_from(["2023-02-30", "0000-00-00", "99999-01-01", "today"])
    )
    choices = st.sampled_from(f.options) if f.options else bad_text()
    by_kind = {"number": numbers, "date": dates, "select": choices, "radio": choices}
    one = st.one_of(by_kind.get(f.kind, bad_text()), bad_text(), choices)
    if f.multiple:
        return draw(st.lists(one, max_size=4))
    return draw(one)


def fuzz(client, person, form: Form):
    typed = any(f.kind != "submit" for f in form.fields.values())

    # A form of buttons alone (move, delete, close) has little to vary.
    @settings(max_examples=settings.default.max_examples if typed else 2)
    @given(data=st.data())
    def send(data):
        posted, files = {}, {}
        for f in form.fields.values():
            if f.kind == "submit":
                if f.options:
                    posted[f.name] = data.draw(st.sampled_from(f.options))
                continue
            if data.draw(st.booleans(), label=f"leave out {f.name}") and f.kind != "file":
                continue
            if f.kind == "file":
                content = data.draw(st.binary(max_size=300))
                files[f.name] = SimpleUploadedFile("upload.csv", content)
                continue
            posted[f.name] = bad_value(data.draw, f)
        htmx = data.draw(st.booleans(), label="htmx")
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        with transaction.atomic():
            before = snapshot()
            response = client.post(form.action, {**posted, **files}, **headers)
            status = response.status_code
            assert status < 500, (form.action, posted)
            if status in REFUSED:
                assert snapshot() == before, f"{form.action} wrote while refusing ({status})"
            if status in {409, 422}:
                page = html.unescape(response.content.decode())
                for f in form.fields.values():
                    value = posted.get(f.name)
                    if (
                        f.kind in TYPED
                        and isinstance(value, str)
                        and value.strip()
                        and "\x00" not in value
                    ):
                        assert value.strip() in page, f"{form.action} lost {f.name}"
            transaction.set_rollback(True)

    client.force_login(person)
    send()


@pytest.fixture
def fuzz_world(world, editor):  # noqa: F811
    """The URL table's world, with a packet forwarded to the approver and a new draft."""
    plan = Plan.objects.get()
    packet = Packet.objects.get(plan=plan)
    recommendations.forward(packet, role="editor", by=editor, link="")
    goal = plan.goals.get()
    recommendations.draft(
        plan,
        role="editor",
        by=editor,
        action="change",
        item_kind="goal",
        item_id=goal.pk,
        item_label="Goal 1",
        rationale="Clearer.",
        proposed={"title": "Growth", "statement": goal.statement},
    )
    urls = [reverse(name, args=args) for name, (args, _) in world.items()]
    return plan, urls


def test_every_form_refuses_bad_input_without_a_500_or_a_write_and_keeps_the_text(
    client, fuzz_world, admin_user, approver
):
    _, urls = fuzz_world
    forms = forms_of_the_app(client, [(admin_user, urls), (approver, urls)])
    names = {resolve(path_of(form.action)).url_name for _, form in forms}
    assert {"item_edit", "part_edit", "assessment_edit", "recommendation_edit"} <= names
    assert {"making_entry_edit", "phase_edit", "result_edit", "packet_decide"} <= names
    for person, form in forms:
        fuzz(client, person, form)


CSV_CELLS = st.one_of(
    st.sampled_from(["1.M1", "1.1.1.M1", "Measure 1", "2022", "2022–23", "2031", "60", "58.5%"]),
    st.sampled_from(["", "x", "1e400", "NaN", "$-", "490:1", "measure", "year", "value", "group"]),
    st.text(max_size=12),
)
CSV_TEXT = st.builds(
    lambda header, rows: "\n".join(",".join(row) for row in [header, *rows]),
    st.one_of(
        st.just(["measure", "year", "value", "note", "group"]), st.lists(CSV_CELLS, max_size=6)
    ),
    st.lists(st.lists(CSV_CELLS, max_size=6), max_size=8),
)


@settings(max_examples=60)
@given(text=CSV_TEXT, confirm=st.booleans())
def test_the_results_import_refuses_bad_files_without_a_500_or_a_write(
    client, fuzz_world, editor, text, confirm
):
    plan, _ = fuzz_world
    client.force_login(editor)
    url = reverse("results_import", args=[plan.district.slug, plan.pk])
    if confirm:
        data = {"confirm": "1", "csv": text}
    else:
        data = {"file": SimpleUploadedFile("results.csv", text.encode())}
    with transaction.atomic():
        before = list(Result.objects.order_by("pk").values())
        response = client.post(url, data)
        assert response.status_code in {200, 302, 422}
        if response.status_code != 302:
            assert list(Result.objects.order_by("pk").values()) == before
        transaction.set_rollback(True)


def places(value, at=()) -> list[tuple]:
    """Every place of a JSON value: each key of each object, each element of each list."""
    found = [at]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += places(inner, (*at, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            found += places(inner, (*at, n))
    return found


GONE = object()
BAD_JSON = st.one_of(
    st.sampled_from(
        [
            GONE,
            None,
            True,
            0,
            -5,
            1.5,
            10**20,
            "",
            "x",
            "bogus",
            "85%",
            "NaN",
            "1e400",
            "2023-02-30",
        ]
    ),
    st.sampled_from(
        ["a\x00b", "\ud800", "<meta http-equiv=refresh>", "x" * 5000, [], {}, [1], {"a": 1}]
    ),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=6,
    ),
)


def spoil(data: dict, place: tuple, value) -> dict:
    data = copy.deepcopy(data)
    if not place:
        return value if value is not GONE else {}
    here = data
    for step in place[:-1]:
        here = here[step]
    if value is GONE:
        del here[place[-1]]
    else:
        here[place[-1]] = value
    return data


@pytest.fixture
def plan_file(fuzz_world):
    plan, _ = fuzz_world
    return plan, export_plan(plan)


def upload(client, plan, raw: bytes):
    """Posts the file to the import page; asserts no 500, and nothing written if refused."""
    url = reverse("plan_import", args=[plan.district.slug])
    with transaction.atomic():
        before = snapshot()
        response = client.post(url, {"file": SimpleUploadedFile("plan.json", raw)})
        assert response.status_code in {302, 422}, raw[:300]
        if response.status_code == 422:
            assert snapshot() == before
            assert "field-error" in response.content.decode()
        transaction.set_rollback(True)


@settings(max_examples=max(40, settings.default.max_examples))
@given(data=st.data())
def test_the_plan_import_refuses_a_spoiled_file_without_a_500_or_a_write(
    client, plan_file, admin_user, data
):
    plan, good = plan_file
    client.force_login(admin_user)
    spoiled, where = good, places(good)
    for _ in range(data.draw(st.integers(1, 3), label="spoils")):
        place = data.draw(st.sampled_from(where), label="place")
        try:
            spoiled = spoil(spoiled, place, data.draw(BAD_JSON, label="value"))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier spoil took this place away
    upload(client, plan, json.dumps(spoiled).encode())


@settings(max_examples=max(20, settings.default.max_examples))
@given(
    raw=st.one_of(
        st.binary(max_size=200), BAD_JSON.map(lambda v: json.dumps(v, default=str).encode())
    )
)
def test_the_plan_import_refuses_a_file_that_is_barely_json_without_a_500(
    client, plan_file, admin_user, raw
):
    plan, _ = plan_file
    client.force_login(admin_user)
    upload(client, plan, raw)
