"""More hosts, not bigger ones: two app servers and a worker over one PostgreSQL
database share sessions, edits and kept PDFs, because nothing lives on one host."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("CI_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database():
    name = f"plans_two_servers_{uuid.uuid4().hex[:8]}"
    admin = SERVER.rsplit("/", 1)[0]
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    url = f"{admin}/{name}"
    try:
        yield url
    finally:
        with psycopg.connect(f"{admin}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(url: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env=environment(url),
        timeout=300,
    )


def environment(url: str) -> dict:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "TASKS_"))}
    return {
        **keep,
        "DATABASE_URL": url,
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


class Browser:
    """Just enough of a browser: cookies, forms with their CSRF token."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str):
        try:
            response = self.opener.open(url, timeout=60)
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read()
        return response.status, response.read()

    def post(self, url: str, fields: dict):
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, body, headers={"Referer": url})
        try:
            return self.opener.open(request, timeout=60).status
        except urllib.error.HTTPError as answer:
            return answer.code


def test_two_app_servers_share_sessions_edits_and_kept_pdfs(database):
    run(database, "migrate", "--noinput")
    run(database, "load_samples")
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=environment(database),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    processes.append(
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=ROOT,
            env=environment(database),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    )
    one, two = (f"http://127.0.0.1:{port}" for port in ports)
    try:
        for base in (one, two):
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/health/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
        browser = Browser()
        browser.get(f"{one}/accounts/login/")
        assert (
            browser.post(
                f"{one}/accounts/login/", {"username": "belen-editor", "password": "plans-demo"}
            )
            == 200
        )

        status, page = browser.get(f"{two}/d/belen/")  # the session made on one, read on two
        assert status == 200 and b"Strategic Plan" in page
        plan_id = re.search(rb"/d/belen/plans/(\d+)/", page).group(1).decode()
        plan = f"/d/belen/plans/{plan_id}"

        # Belén is adopted: its notes are edited in place, its mission only proposed.
        _, form = browser.get(f"{one}{plan}/part/notes/edit/")
        fingerprint = re.search(rb'name="fingerprint" value="([^"]*)"', form).group(1).decode()
        assert (
            browser.post(
                f"{one}{plan}/part/notes/edit/",
                {"notes": "Edited through server one.", "fingerprint": fingerprint},
            )
            == 200
        )
        assert b"Edited through server one." in browser.get(f"{two}{plan}/")[1]

        for _ in range(150):  # made by the worker, asked through server one
            status, body = browser.get(f"{one}{plan}/documents/plan.pdf")
            if status == 200:
                break
            time.sleep(0.2)
        assert status == 200 and body.startswith(b"%PDF")
        status_two, body_two = browser.get(f"{two}{plan}/documents/plan.pdf")
        assert status_two == 200 and body_two == body  # kept once, served by both
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
