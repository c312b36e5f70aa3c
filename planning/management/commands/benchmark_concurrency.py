"""Twenty editors saving at once, for `manage.py benchmark --concurrency`.

A throwaway database (a new PostgreSQL database beside the DATABASE_URL one, or a temporary
copy of the SQLite file) is migrated and given the benchmark's large plan and twenty
editors; gunicorn serves it with four workers, as in production; twenty threads log in
through the login page and save in-place edits of one strategy each, as the browser does
(open the edit form with HX-Request, post it back with its fingerprint). Afterwards each
strategy must hold what its editor last saved, and each acknowledged save must be in the
change log exactly once. The database is only ever opened by processes of its own.
"""

import http.client
import json
import os
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "benchmark-only-password"
SETTINGS = "config.benchmark_settings"


def run_concurrency(
    stdout,
    *,
    editors: int = 20,
    seconds: float = 30.0,
    saves: int | None = None,
    goals: int = 8,
    workers: int = 4,
    database_url: str | None = None,
) -> dict:
    """Figures of editors saving at once, each until seconds have passed or it has saved saves
    times, on the large plan cut to goals goals, through gunicorn with workers workers."""
    source = database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{ROOT / 'db.sqlite3'}"
    with (
        tempfile.TemporaryDirectory(prefix="concurrency-") as folder,
        throwaway_database(source, Path(folder)) as url,
    ):
        env = environment(url)
        engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
        stdout.write(f"Building a plan of {goals} goals and {editors} editors on {engine}…")
        made = json.loads(inside(env, f"prepare({editors}, {goals})"))
        log = Path(folder) / "gunicorn.log"
        with gunicorn(env, workers, log) as address:
            stdout.write(
                f"{editors} editors saving for {seconds:g} s"
                + (f" or {saves} saves each" if saves else "")
                + f" through gunicorn ({workers} workers)…"
            )
            sessions, wall_s = edit_at_once(address, made, seconds, saves)
        held = json.loads(inside(env, f"held({made['strategies']})"))
        figures = tally(sessions, held, wall_s)
        if figures["concurrency_errors"]:
            kinds = Counter(error for session in sessions for error in session.errors)
            stdout.write(f"Errors {dict(kinds)}; the end of gunicorn's log:")
            stdout.write(log.read_text()[-3000:])
    return figures


# The throwaway database and the processes around it ------------------------------------


@contextmanager
def throwaway_database(source: str, folder: Path):
    """The URL of a new, empty database, dropped at the end."""
    if source.startswith(("postgres://", "postgresql://")):
        parts = urllib.parse.urlsplit(source)
        name = f"{parts.path.lstrip('/')[:30] or 'plans'}_concurrency_{secrets.token_hex(4)}"
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield parts._replace(path=f"/{name}").geturl()
        finally:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
    elif source.startswith("sqlite"):
        copy = folder / "concurrency.sqlite3"  # goes with the folder
        original = Path(dj_database_url.parse(source)["NAME"])
        if original.is_file():
            with closing(sqlite3.connect(original)) as read, closing(sqlite3.connect(copy)) as made:
                read.backup(made)
        yield f"sqlite:///{copy}"
    else:
        raise ValueError(f"The benchmark runs on PostgreSQL or SQLite, not {source.split(':')[0]}")


def environment(url: str) -> dict:
    """Production's settings (DEBUG off) on the throwaway database, over plain HTTP."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TASKS_"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> str:
    """What manage.py prints last, run in a process of its own."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args, "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def inside(env: dict, call: str) -> str:
    """What a call of this module prints, made in a process on the throwaway database."""
    return manage(env, "shell", "--no-imports", "-c", f"from {__name__} import *; {call}")


@contextmanager
def gunicorn(env: dict, workers: int, log: Path):
    """The address of gunicorn serving the app, once its health check answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with log.open("w") as output:
        server = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers)]
        process = subprocess.Popen(
            [*server, "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_health(process, port, log)
            yield ("127.0.0.1", port)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for_health(process: subprocess.Popen, port: int, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer /health/ within a minute:\n{log.read_text()}")


# What runs inside the throwaway database's own processes (manage.py shell -c) -----------


def prepare(editors: int, goals: int) -> None:
    """The database migrated, the large plan cut to goals goals, editors editors in a district
    of their own, and which strategy each of them edits; printed as JSON."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction

    from districts.models import District, Membership, Role
    from planning.management.commands.benchmark import large_plan_data
    from planning.models import Strategy
    from planning.plan_file import create_plan

    call_command("migrate", interactive=False, verbosity=0)
    User = get_user_model()
    tag = secrets.token_hex(3)  # a copied database may hold an earlier run's
    with transaction.atomic():
        district = District.objects.create(name="Concurrency benchmark", slug=f"concurrency-{tag}")
        data = large_plan_data()
        data["items"] = data["items"][:goals]
        data["status"] = "draft"  # its words are edited in place, as a draft's are
        plan = create_plan(district, data)
        hashed = make_password(PASSWORD)  # once: hashing is slow on purpose
        names = [f"concurrency-{tag}-editor-{n}" for n in range(1, editors + 1)]
        for name in names:
            user = User.objects.create(username=name, password=hashed)
            Membership.objects.create(user=user, district=district, role=Role.EDITOR)
        strategies = list(
            Strategy.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True)
        )
    if len(strategies) < editors:
        raise ValueError(f"{goals} goals have {len(strategies)} strategies, for {editors} editors")
    # Spread over the plan, so that the editors are not all in one goal.
    step = len(strategies) // editors
    chosen = strategies[::step][:editors]
    made = {"district": district.slug, "plan": plan.pk, "editors": names, "strategies": chosen}
    print(json.dumps(made))


def held(strategies: list[int]) -> None:
    """Each strategy's text now, and the texts its recorded changes set, oldest first."""
    from planning.models import Change, Strategy

    texts = dict(Strategy.objects.filter(pk__in=strategies).values_list("pk", "text"))
    logged = {pk: [] for pk in strategies}
    changes = Change.objects.filter(
        item_kind="strategy", action=Change.Action.CHANGED, item_id__in=strategies
    ).order_by("pk")
    for item_id, after in changes.values_list("item_id", "after"):
        logged[item_id].append((after or {}).get("text"))
    print(json.dumps({"texts": texts, "logged": logged}))


# The editors -----------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The name and value pairs a browser would post for the first form of a page."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.done = False
        self.textarea: list[str] | None = None
        self.select: dict | None = None

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        attrs = dict(attrs)
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if tag == "input" and name and kind not in ("submit", "button", "reset", "image", "file"):
            if kind not in ("checkbox", "radio") or "checked" in attrs:
                unset = "on" if kind == "checkbox" else ""
                self.fields.append((name, attrs.get("value", unset) or ""))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs}
            self.select |= {"chosen": [], "first": None}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"].append(value)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            # A browser drops the one newline that follows <textarea>.
            self.fields.append((name, text.removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]
            self.fields += [(self.select["name"], value) for value in chosen]
            self.select = None
        elif tag == "form":
            self.done = True


def form_fields(page: str) -> list[tuple[str, str]]:
    reader = FormFields()
    reader.feed(page)
    return reader.fields


@dataclass
class Session:
    """One editor's visit: what they saved (acknowledged), tried to save, and how long each
    answer took."""

    strategy: int
    saved: list[tuple[int, str]] = field(default_factory=list)  # (which save, its text)
    unanswered: list[tuple[int, str]] = field(default_factory=list)  # answered with an error
    save_ms: list[float] = field(default_factory=list)
    open_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Editor:
    """Just enough of a browser: one connection per request, its own cookies (secure ones
    included: the server is production's, reached over plain HTTP on localhost)."""

    def __init__(self, address: tuple[str, int]):
        self.address = address
        self.cookies: dict[str, str] = {}

    def ask(self, method: str, path: str, fields=None, htmx=False) -> tuple[int, str, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        connection = http.client.HTTPConnection(*self.address, timeout=300)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            content = response.read().decode()
        finally:
            connection.close()
        spent = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, content, spent

    def log_in(self, username: str) -> None:
        status, page, _ = self.ask("GET", "/accounts/login/")
        fields = dict(form_fields(page)) | {"username": username, "password": PASSWORD}
        status, _, _ = self.ask("POST", "/accounts/login/", fields)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not log in ({status})")


def edit_at_once(address, made: dict, seconds: float, saves: int | None):
    """Each editor saving their own strategy again and again, all at the same time."""
    plan = f"/d/{made['district']}/plans/{made['plan']}"
    editors = []
    for username in made["editors"]:
        editor = Editor(address)
        editor.log_in(username)
        editors.append(editor)
    sessions = [Session(strategy) for strategy in made["strategies"]]
    together = threading.Barrier(len(editors) + 1)
    deadline = [0.0]

    def edit(n: int, editor: Editor, session: Session) -> None:
        path = f"{plan}/strategy/{session.strategy}/edit/"
        together.wait()
        count = 0
        while time.perf_counter() < deadline[0] and (saves is None or count < saves):
            count += 1
            try:
                status, page, spent = editor.ask("GET", path, htmx=True)
            except (OSError, http.client.HTTPException) as error:
                status, page, spent = repr(error), "", None
            if status != 200:
                session.errors.append(f"GET {status}")
                continue
            session.open_ms.append(spent)
            text = f"Editor {n}, save {count}: implement a strategy of some length."
            fields = [(k, v) for k, v in form_fields(page) if k != "text"] + [("text", text)]
            try:
                status, answer, spent = editor.ask("POST", path, fields, htmx=True)
                session.save_ms.append(spent)
            except (OSError, http.client.HTTPException) as error:  # no answer: an error too
                status, answer = repr(error), ""
            if status == 200 and text in answer:
                session.saved.append((count, text))
            else:
                session.unanswered.append((count, text))
                session.errors.append(f"POST {status}")

    threads = [
        threading.Thread(target=edit, args=(n, editor, session))
        for n, (editor, session) in enumerate(zip(editors, sessions, strict=True), start=1)
    ]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    deadline[0] = started + seconds
    together.wait()
    for thread in threads:
        thread.join()
    return sessions, time.perf_counter() - started


def tally(sessions: list[Session], held: dict, wall_s: float) -> dict:
    """The figures; lost counts acknowledged saves that the database does not hold (a later
    save of the same editor aside) or that the change log lacks or holds twice."""
    lost = 0
    for session in sessions:
        key = str(session.strategy)
        logged = held["logged"][key]
        lost += sum(logged.count(text) != 1 for _, text in session.saved)
        if session.saved:
            last = session.saved[-1]
            # A save answered with an error may still have been made.
            maybe = [text for count, text in session.unanswered if count > last[0]]
            lost += held["texts"][key] not in (last[1], *maybe)
    save_ms = sorted(ms for session in sessions for ms in session.save_ms)
    open_ms = [ms for session in sessions for ms in session.open_ms]
    acknowledged = sum(len(session.saved) for session in sessions)
    return {
        "concurrency_editors": len(sessions),
        "concurrency_saves": acknowledged,
        "concurrency_saves_per_s": round(acknowledged / wall_s, 2),
        "concurrency_p50_ms": round(statistics.median(save_ms), 1) if save_ms else None,
        "concurrency_p95_ms": round(_percentile(save_ms, 95), 1) if save_ms else None,
        "concurrency_open_p50_ms": round(statistics.median(open_ms), 1) if open_ms else None,
        "concurrency_errors": sum(len(session.errors) for session in sessions),
        "concurrency_lost": lost,
        "concurrency_logged": sum(
            len(held["logged"][str(session.strategy)]) for session in sessions
        ),
    }


def _percentile(ordered: list[float], percent: int) -> float:
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]
