"""Owners, dated progress updates, my work, update windows, reminders and the board's
progress update."""

import datetime
import importlib
import io
import json
import os
import re
import smtplib
import subprocess
import sys

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from districts.models import Role
from measures.models import Measure
from planning import reminders
from planning.exchange import PlanFileError, check, export_plan, import_plan
from planning.models import ProgressUpdate, ReminderSent, Strategy, UpdateWindow
from tests.factories import MembershipFactory, UserFactory, build_plan
from tests.test_documents import ROOT, database_url, pdf_of, text_of

pytestmark = pytest.mark.django_db


def member(district, role=Role.VIEWER, **names):
    return MembershipFactory(district=district, role=role, user=UserFactory(**names)).user


@pytest.fixture
def plan(district):
    return build_plan(district, goals=2, objectives=1, strategies=2)


@pytest.fixture
def draft(district):
    """A plan still being written, whose commitments its form edits too."""
    return build_plan(district, goals=1, objectives=1, strategies=1, status="draft")


@pytest.fixture
def owner(district):
    return member(district, first_name="Olive", last_name="Owner", username="olive")


@pytest.fixture
def strategy(plan, owner):
    item = Strategy.objects.filter(plan=plan).order_by("pk").first()
    item.owner_user = owner
    item.save()
    return item


def plan_url(plan):
    return reverse("plan", args=[plan.district.slug, plan.pk])


def edit_url(plan, item):
    return reverse("item_edit", args=[plan.district.slug, plan.pk, "strategy", item.pk])


def page_url(plan, item):
    return reverse("item_detail", args=[plan.district.slug, plan.pk, "strategy", item.pk])


def post_url(plan, item):
    return reverse("item_update", args=[plan.district.slug, plan.pk, "strategy", item.pk])


UPDATE = {
    "status": "in_progress",
    "percent": "40",
    "narrative": "Coaches trained in all nine schools.",
    "evidence_url": "https://example.org/coaching",
}


# Owners are people ---------------------------------------------------------------------


def test_an_editor_makes_a_member_the_owner_with_a_due_month(client, editor, plan, owner):
    item = Strategy.objects.filter(plan=plan).first()
    client.force_login(editor)
    form = client.get(edit_url(plan, item)).context["form"]
    assert "Olive Owner" in dict(form.fields["owner_user"].choices).values().__str__()
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {
        "text": item.text,
        "fingerprint": form.saved_fingerprint,
        "owner_user": owner.pk,
        "status": "in_progress",
        "percent": "25",
        "starts": "2026-01-15",
        "due": "2026-03",
    }
    response = client.post(edit_url(plan, item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.owner_user == owner and item.owner_name == "Olive Owner"
    assert item.start_on == datetime.date(2026, 1, 15)
    assert (item.due_on, item.due_precision) == (datetime.date(2026, 3, 31), "month")
    assert item.percent == 25
    page = client.get(page_url(plan, item)).content.decode()
    assert "Olive Owner" in page and "March 2026" in page and "25%" in page


def test_a_start_month_and_a_due_day_read_back_as_they_were_written(client, editor, plan):
    item = Strategy.objects.filter(plan=plan).first()
    client.force_login(editor)
    form = client.get(edit_url(plan, item)).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {"fingerprint": form.saved_fingerprint, "starts": "2026-04", "due": "2026-06-15"}
    assert client.post(edit_url(plan, item), data).status_code == 302
    item.refresh_from_db()
    assert (item.start_on, item.start_precision) == (datetime.date(2026, 4, 1), "month")
    assert (item.due_on, item.due_precision) == (datetime.date(2026, 6, 15), "day")
    page = client.get(page_url(plan, item)).content.decode()
    assert "<dd>April 2026</dd>" in page and "<dd>June 15, 2026</dd>" in page
    again = client.get(edit_url(plan, item)).content.decode()
    assert 'value="2026-04"' in again and 'value="2026-06-15"' in again


def test_someone_invited_owns_work_and_has_it_once_they_join(client, admin_user, editor, plan):
    client.force_login(admin_user)
    client.post(
        reverse("people", args=[plan.district.slug]),
        {"email": "nina@example.org", "role": "viewer"},
    )
    link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[-1].body).group(1)
    item = Strategy.objects.filter(plan=plan).order_by("pk").first()
    client.force_login(editor)
    form = client.get(edit_url(plan, item)).context["form"]
    assert (
        "nina@example.org (invited)"
        in dict(form.fields["owner_invitation"].choices).values().__str__()
    )
    data = {name: form.initial.get(name) or "" for name in form.fields}
    invitation = plan.district.invitations.get()
    data |= {"text": item.text, "fingerprint": form.saved_fingerprint, "starts": "", "due": ""}
    data |= {"owner_invitation": invitation.pk}
    assert client.post(edit_url(plan, item), data).status_code == 302
    assert "nina@example.org (invited)" in client.get(plan_url(plan)).content.decode()

    client.logout()
    passphrase = "a long passphrase 7"
    client.post(link, {"username": "nina", "password1": passphrase, "password2": passphrase})
    item.refresh_from_db()
    assert item.owner_user.username == "nina" and item.owner_invitation is None
    assert item.text in client.get(reverse("my_work")).content.decode()
    page = client.get(plan_url(plan)).content.decode()  # the kept page follows
    assert "<dt>Owner<dd>nina " in page
    assert "(invited)" not in page


def test_the_plan_pdf_names_a_member_owner(client, viewer, plan, strategy):
    client.force_login(viewer)
    reader = pdf_of(client.get(reverse("plan_pdf", args=[plan.district.slug, plan.pk])))
    assert "Owner: Olive Owner." in text_of(reader)


def test_a_member_and_someone_invited_cannot_both_own_it(client, admin_user, editor, plan, owner):
    client.force_login(admin_user)
    client.post(
        reverse("people", args=[plan.district.slug]),
        {"email": "nina@example.org", "role": "viewer"},
    )
    item = Strategy.objects.filter(plan=plan).order_by("pk").first()
    client.force_login(editor)
    form = client.get(edit_url(plan, item)).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {
        "text": item.text,
        "fingerprint": form.saved_fingerprint,
        "owner_user": owner.pk,
        "owner_invitation": plan.district.invitations.get().pk,
        "starts": "",
        "due": "",
    }
    response = client.post(edit_url(plan, item), data)
    assert response.status_code == 422
    assert "not both" in response.content.decode()
    item.refresh_from_db()
    assert item.owner_user is None and item.owner_invitation is None


def test_another_districts_invitation_cannot_own_work(client, editor, other_district, plan):
    from districts.models import Invitation

    elsewhere = Invitation.objects.create(
        district=other_district, email="x@example.org", role="viewer", token="t" * 40
    )
    item = Strategy.objects.filter(plan=plan).order_by("pk").first()
    client.force_login(editor)
    form = client.get(edit_url(plan, item)).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {"text": item.text, "fingerprint": form.saved_fingerprint, "starts": "", "due": ""}
    data |= {"owner_invitation": elsewhere.pk}
    response = client.post(edit_url(plan, item), data)
    assert response.status_code == 422 and "owner_invitation" in response.context["form"].errors
    item.refresh_from_db()
    assert item.owner_invitation is None


def test_bad_dates_and_percent_are_told_beside_their_fields(client, editor, draft):
    plan = draft
    item = Strategy.objects.filter(plan=plan).first()
    client.force_login(editor)
    form = client.get(edit_url(plan, item)).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {"text": "Changed text", "fingerprint": form.saved_fingerprint}
    for bad, field, message in (
        ({"due": "March"}, "due", "Write a day as 2026-03-15 or a month as 2026-03."),
        ({"starts": "2026-05", "due": "2026-03"}, "due", "due on or after"),
        ({"percent": "140"}, "percent", "less than or equal to 100"),
    ):
        response = client.post(edit_url(plan, item), data | bad)
        assert response.status_code == 422
        assert message in " ".join(response.context["form"].errors[field])
        assert "Changed text" in response.content.decode()  # what was typed is kept
    item.refresh_from_db()
    assert item.text != "Changed text"


def test_an_owner_from_another_district_cannot_be_chosen(client, editor, plan, outsider):
    item = Strategy.objects.filter(plan=plan).first()
    client.force_login(editor)
    form = client.get(edit_url(plan, item)).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {"text": item.text, "fingerprint": form.saved_fingerprint, "owner_user": outsider.pk}
    response = client.post(edit_url(plan, item), data)
    assert response.status_code == 422 and "owner_user" in response.context["form"].errors
    item.refresh_from_db()
    assert item.owner_user is None


@pytest.mark.parametrize("goals", [1, 3])
def test_a_plan_file_naming_owners_reads_the_district_members_once(district, owner, goals):
    plan = build_plan(district, goals=goals, objectives=1, strategies=2)
    Strategy.objects.filter(plan=plan).update(owner_user=owner)
    Measure.objects.filter(plan=plan).update(results_by=owner)
    named = export_plan(plan)
    unnamed = export_plan(plan)
    text = json.dumps(unnamed)
    for name in ("owner_username", "results_by"):
        text = re.sub(rf'"{name}": "olive"', f'"{name}": null', text)
    unnamed = json.loads(text)
    costs, owned = [], []
    for data in (unnamed, named):
        with CaptureQueriesContext(connection) as run:
            imported = import_plan(district, data)
        costs.append(len(run.captured_queries))
        owned.append(
            (
                Strategy.objects.filter(plan=imported, owner_user=owner).count(),
                Measure.objects.filter(plan=imported, results_by=owner).count(),
            )
        )
    assert owned == [(0, 0), (goals * 2, goals * 3)]
    assert costs[1] <= costs[0] + 1  # one read of the members, however many items


def test_the_plan_file_carries_owner_name_username_and_dates(district, plan, strategy):
    strategy.owner_user = None
    strategy.owner = "Pat Nobody"
    strategy.due_on, strategy.due_precision = datetime.date(2026, 6, 30), "month"
    strategy.save()
    other = Strategy.objects.filter(plan=plan).exclude(pk=strategy.pk).first()
    other.owner_user = strategy.plan.district.memberships.get(user__username="olive").user
    other.start_on, other.percent = datetime.date(2026, 2, 3), 60
    other.save()
    data = export_plan(plan)
    found = {}

    def walk(items):
        for item in items:
            found[item.get("text")] = item
            walk(item["children"])

    walk(data["plan"]["items"])
    assert (
        found[strategy.text]["owner"] == "Pat Nobody"
        and found[strategy.text]["due_on"] == "2026-06"
    )
    assert "owner_username" not in found[strategy.text]
    assert found[other.text]["owner"] == "Olive Owner"
    assert found[other.text]["owner_username"] == "olive"
    assert found[other.text]["start_on"] == "2026-02-03" and found[other.text]["percent"] == 60
    copy = import_plan(district, data)
    again = Strategy.objects.filter(plan=copy)
    assert again.get(text=strategy.text).due_on == datetime.date(2026, 6, 30)
    assert again.get(text=other.text).owner_user.username == "olive"


def test_a_username_outside_the_district_is_kept_as_a_name_only(other_district, plan, strategy):
    copy = import_plan(other_district, export_plan(plan))  # olive is no member there
    item = Strategy.objects.get(plan=copy, text=strategy.text)
    assert item.owner_user is None and item.owner == "Olive Owner"


def test_the_plan_file_carries_who_enters_a_measures_results(district, other_district, plan, owner):
    measure = Measure.objects.filter(plan=plan).order_by("pk").first()
    measure.results_by = owner
    measure.save()
    data = export_plan(plan)
    measures = [m for goal in data["plan"]["items"] for m in goal["measures"]]
    by_name = {m["name"]: m for m in measures}
    assert by_name[measure.name]["results_by"] == "olive"
    assert sum("results_by" in m for m in measures) == 1
    copy = import_plan(district, data)
    assert Measure.objects.get(plan=copy, name=measure.name).results_by == owner
    elsewhere = import_plan(other_district, export_plan(plan))  # olive is no member there
    assert Measure.objects.get(plan=elsewhere, name=measure.name).results_by is None


def test_a_plan_file_with_a_too_long_results_by_is_refused(plan):
    data = export_plan(plan)
    data["plan"]["items"][0]["measures"][0]["results_by"] = "x" * 151
    with pytest.raises(PlanFileError) as refused:
        check(data)
    assert "results_by" in str(refused.value)


def test_a_plan_file_with_a_bad_date_is_refused_with_a_message(plan, strategy):
    data = export_plan(plan)
    data["plan"]["items"][0]["children"][0]["children"][0]["due_on"] = "2026-13"
    with pytest.raises(PlanFileError, match="not a real date"):
        check(data)


# Progress updates ---------------------------------------------------------------------


def test_the_owner_posts_an_update_and_it_becomes_the_items_status(client, plan, strategy, owner):
    client.force_login(owner)
    response = client.post(post_url(plan, strategy), UPDATE)
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert (strategy.status, strategy.percent) == ("in_progress", 40)
    page = client.get(page_url(plan, strategy)).content.decode()
    assert "Coaches trained in all nine schools." in page
    assert "Olive Owner" in page and 'href="https://example.org/coaching"' in page
    assert plan.changes.filter(item_kind="strategy", item_id=strategy.pk).exists()


def test_the_history_of_updates_stays_newest_first(client, editor, plan, strategy):
    client.force_login(editor)
    client.post(post_url(plan, strategy), UPDATE | {"narrative": "First"})
    client.post(post_url(plan, strategy), UPDATE | {"narrative": "Second", "percent": "70"})
    page = client.get(page_url(plan, strategy)).content.decode()
    assert page.index("Second") < page.index("First")
    strategy.refresh_from_db()
    assert strategy.percent == 70


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", "ftp://example.org/x", "file:///etc/passwd"]
)
def test_an_evidence_link_must_be_http(client, editor, plan, strategy, bad):
    client.force_login(editor)
    response = client.post(post_url(plan, strategy), UPDATE | {"evidence_url": bad})
    assert response.status_code == 422
    assert "http:// or https://" in response.content.decode()
    assert UPDATE["narrative"] in response.content.decode()  # kept in the form
    assert not ProgressUpdate.objects.exists()
    strategy.refresh_from_db()
    assert strategy.percent == 0


def test_a_percent_over_100_is_refused(client, editor, plan, strategy):
    client.force_login(editor)
    response = client.post(post_url(plan, strategy), UPDATE | {"percent": "101"})
    assert response.status_code == 422 and "0 to 100" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_viewer_who_owns_nothing_may_not_post(client, viewer, plan, strategy):
    client.force_login(viewer)
    assert "Post an update" not in client.get(page_url(plan, strategy)).content.decode()
    assert client.post(post_url(plan, strategy), UPDATE).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_another_district_gets_404(client, outsider, plan, strategy):
    client.force_login(outsider)
    assert client.post(post_url(plan, strategy), UPDATE).status_code == 404
    assert client.get(page_url(plan, strategy)).status_code == 404


def test_only_work_takes_updates(client, editor, plan):
    goal = plan.goals.first()
    client.force_login(editor)
    url = reverse("item_update", args=[plan.district.slug, plan.pk, "goal", goal.pk])
    assert client.post(url, UPDATE).status_code == 404


# My work ------------------------------------------------------------------------------


def test_my_work_shows_what_i_own_what_is_overdue_and_my_measures(client, plan, strategy, owner):
    strategy.due_on = timezone.localdate() - datetime.timedelta(days=3)
    strategy.save()
    measure = Measure.objects.filter(plan=plan).first()
    measure.results_by = owner
    measure.save()
    client.force_login(owner)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("my_work")}"' in home
    page = client.get(reverse("my_work")).content.decode()
    assert strategy.text[:40] in page and "Overdue" in page and "1 overdue" in page
    assert measure.name[:40] in page


def test_my_work_shows_nothing_of_others(client, viewer, plan, strategy):
    client.force_login(viewer)
    page = client.get(reverse("my_work")).content.decode()
    assert "You own no strategy or action step here." in page
    assert strategy.text[:40] not in page


def test_my_work_needs_a_login(client):
    assert client.get(reverse("my_work")).status_code == 302


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_my_work_queries_do_not_grow_with_the_plan(client, district, owner):
    small = build_plan(district, goals=1, objectives=1, strategies=1)
    Strategy.objects.filter(plan=small).update(owner_user=owner)
    client.force_login(owner)
    few = queries_for(client, reverse("my_work"))
    big = build_plan(district, goals=3, objectives=2, strategies=3)
    Strategy.objects.filter(plan=big).update(owner_user=owner)
    Measure.objects.filter(plan=big).update(results_by=owner)
    assert queries_for(client, reverse("my_work")) == few


# Update windows and the board's progress update -------------------------------------------


def windows_url(plan):
    return reverse("update_windows", args=[plan.district.slug, plan.pk])


WINDOW = {"name": "Quarter 1", "opens_on": "2026-09-01", "closes_on": "2026-10-15"}


def test_an_administrator_sets_an_update_window(client, admin_user, plan):
    client.force_login(admin_user)
    response = client.post(windows_url(plan), WINDOW | {"remind_days_before": "7"})
    assert response.status_code == 302
    window = plan.update_windows.get()
    assert window.closes_on == datetime.date(2026, 10, 15)
    assert "Quarter 1" in client.get(windows_url(plan)).content.decode()


def test_a_window_closing_before_it_opens_is_refused(client, admin_user, plan):
    client.force_login(admin_user)
    response = client.post(
        windows_url(plan), WINDOW | {"closes_on": "2026-08-01", "remind_days_before": "7"}
    )
    assert response.status_code == 422
    assert "closes on or after the day it opens" in response.content.decode()
    assert 'value="Quarter 1"' in response.content.decode()
    assert not UpdateWindow.objects.exists()


@pytest.mark.parametrize("who", ["editor", "viewer"])
def test_only_an_administrator_sets_windows(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(windows_url(plan)).status_code == 200
    response = client.post(windows_url(plan), WINDOW | {"remind_days_before": "7"})
    assert response.status_code == 403 and not UpdateWindow.objects.exists()


def test_windows_of_another_district_are_hidden(client, outsider, plan):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    client.force_login(outsider)
    assert client.get(windows_url(plan)).status_code == 404
    url = reverse("board_update", args=[plan.district.slug, plan.pk, window.pk])
    assert client.get(url).status_code == 404


def window_url(plan, window, action):
    return reverse(f"window_{action}", args=[plan.district.slug, plan.pk, window.pk])


def test_an_administrator_changes_a_window(client, admin_user, plan):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    client.force_login(admin_user)
    page = client.get(windows_url(plan)).content.decode()
    assert window_url(plan, window, "edit") in page and window_url(plan, window, "delete") in page
    form = client.get(window_url(plan, window, "edit")).content.decode()
    assert 'value="Quarter 1"' in form and 'value="2026-10-15"' in form
    changed = WINDOW | {"name": "Fall update", "closes_on": "2026-10-31", "remind_days_before": "3"}
    response = client.post(window_url(plan, window, "edit"), changed)
    assert response.status_code == 302
    window.refresh_from_db()
    assert (window.name, window.closes_on, window.remind_days_before) == (
        "Fall update",
        datetime.date(2026, 10, 31),
        3,
    )


def test_a_window_changed_to_close_before_it_opens_is_refused_beside_the_field(
    client, admin_user, plan
):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    client.force_login(admin_user)
    response = client.post(
        window_url(plan, window, "edit"),
        WINDOW | {"name": "Renamed", "closes_on": "2026-08-01", "remind_days_before": "7"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="id_closes_on_error"' in page and "closes on or after the day it opens" in page
    assert 'value="Renamed"' in page
    window.refresh_from_db()
    assert window.name == "Quarter 1" and window.closes_on == datetime.date(2026, 10, 15)


def test_an_administrator_deletes_a_window_once_asked(client, admin_user, plan, strategy):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    ProgressUpdate.objects.create(
        plan=plan, strategy=strategy, status="in_progress", percent=10, narrative="Begun."
    )
    client.force_login(admin_user)
    asked = client.get(window_url(plan, window, "delete"))
    assert asked.status_code == 200 and "Delete the window Quarter 1?" in asked.content.decode()
    assert UpdateWindow.objects.filter(pk=window.pk).exists()
    response = client.post(window_url(plan, window, "delete"))
    assert response.status_code == 302
    assert not UpdateWindow.objects.filter(pk=window.pk).exists()
    assert ProgressUpdate.objects.filter(strategy=strategy).count() == 1


@pytest.mark.parametrize("who", ["editor", "viewer"])
def test_only_an_administrator_changes_or_deletes_windows(client, plan, who, request):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    client.force_login(request.getfixturevalue(who))
    assert window_url(plan, window, "edit") not in client.get(windows_url(plan)).content.decode()
    changed = WINDOW | {"name": "Hijacked", "remind_days_before": "7"}
    assert client.post(window_url(plan, window, "edit"), changed).status_code == 403
    assert client.post(window_url(plan, window, "delete")).status_code == 403
    window.refresh_from_db()
    assert window.name == "Quarter 1"


def test_another_districts_administrator_cannot_change_a_window(client, outsider, plan):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    client.force_login(outsider)
    changed = WINDOW | {"name": "Hijacked", "remind_days_before": "7"}
    assert client.post(window_url(plan, window, "edit"), changed).status_code == 404
    assert client.post(window_url(plan, window, "delete")).status_code == 404
    assert UpdateWindow.objects.get(pk=window.pk).name == "Quarter 1"


def board_url(plan, window):
    return reverse("board_update", args=[plan.district.slug, plan.pk, window.pk])


def test_the_board_update_shows_the_windows_updates_and_measures(client, viewer, plan, strategy):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    at = timezone.make_aware(datetime.datetime(2026, 10, 1, 12))
    ProgressUpdate.objects.create(
        plan=plan, strategy=strategy, at=at, status="in_progress", percent=40, narrative="Halfway"
    )
    later = timezone.make_aware(datetime.datetime(2026, 11, 1, 12))
    ProgressUpdate.objects.create(
        plan=plan, strategy=strategy, at=later, status="complete", percent=100, narrative="After"
    )
    client.force_login(viewer)
    page = client.get(board_url(plan, window)).content.decode()
    assert page.index("Summary") < page.index("Halfway")
    assert "Halfway" in page and "After" not in page  # as it stood when the window closed
    assert "1 of 2" in page and "No update in this window." in page
    assert "Olive Owner" in page
    assert "Latest result" in page and "58" in page


def test_a_window_of_another_plan_is_404(client, viewer, district, plan):
    other = build_plan(district, goals=1, objectives=1, strategies=1)
    window = UpdateWindow.objects.create(plan=other, **WINDOW)
    client.force_login(viewer)
    url = reverse("board_update", args=[district.slug, plan.pk, window.pk])
    assert client.get(url).status_code == 404


def test_the_board_update_queries_do_not_grow_with_the_plan(client, viewer, district, owner):
    counts = []
    for goals, strategies in ((1, 1), (3, 3)):
        plan = build_plan(district, goals=goals, objectives=2, strategies=strategies)
        window = UpdateWindow.objects.create(plan=plan, **WINDOW)
        at = timezone.make_aware(datetime.datetime(2026, 10, 1, 12))
        Strategy.objects.filter(plan=plan).update(owner_user=owner)
        for item in Strategy.objects.filter(plan=plan):
            ProgressUpdate.objects.create(
                plan=plan, strategy=item, at=at, status="in_progress", percent=5, narrative="x"
            )
        client.force_login(viewer)
        counts.append(queries_for(client, board_url(plan, window)))
    assert counts[0] == counts[1]


def test_the_board_update_pdf_opens_with_its_summary(client, viewer, plan, strategy):
    window = UpdateWindow.objects.create(plan=plan, **WINDOW)
    at = timezone.make_aware(datetime.datetime(2026, 10, 1, 12))
    ProgressUpdate.objects.create(
        plan=plan,
        strategy=strategy,
        at=at,
        status="in_progress",
        percent=40,
        narrative="<img src='file:///etc/passwd'> Halfway there",
    )
    client.force_login(viewer)
    url = reverse("board_update_pdf", args=[plan.district.slug, plan.pk, window.pk])
    reader = pdf_of(client.get(url))
    first = text_of(type("One", (), {"pages": reader.pages[:1]}))
    assert "Progress update: Quarter 1" in first and "Summary" in first
    assert "Halfway there" not in first  # the summary has the first page to itself
    assert "Halfway there" in text_of(reader) and "Olive Owner" in text_of(reader)


# Reminders ----------------------------------------------------------------------------


def test_reminders_go_to_owners_once_before_the_window_closes(plan, strategy, owner):
    today = timezone.localdate()
    UpdateWindow.objects.create(
        plan=plan,
        name="Q1",
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=5),
        remind_days_before=7,
    )
    UpdateWindow.objects.create(
        plan=plan, name="Q2", opens_on=today, closes_on=today + datetime.timedelta(days=60)
    )
    assert reminders.send_window_reminders(today) == 1
    assert reminders.send_window_reminders(today) == 0  # no duplicate
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert "Q1" in mail.outbox[0].body and strategy.text[:30] in mail.outbox[0].body
    assert ReminderSent.objects.get().kind == "reminder"


def test_a_weekly_digest_lists_what_is_overdue_once_a_week(plan, strategy, owner):
    today = datetime.date(2026, 11, 30)
    strategy.due_on = today - datetime.timedelta(days=10)
    strategy.save()
    assert reminders.send_overdue_digests(today) == 1
    assert reminders.send_overdue_digests(today + datetime.timedelta(days=2)) == 0  # same week
    assert reminders.send_overdue_digests(today + datetime.timedelta(days=7)) == 1
    assert "overdue" in mail.outbox[0].subject and strategy.text[:30] in mail.outbox[0].body
    Strategy.objects.filter(pk=strategy.pk).update(status="complete")
    assert reminders.send_overdue_digests(today + datetime.timedelta(days=14)) == 0


def test_the_reminder_and_the_digest_say_a_due_month_as_a_month(plan, owner):
    today = datetime.date(2026, 11, 30)
    by_month, by_day = Strategy.objects.filter(plan=plan).order_by("pk")[:2]
    Strategy.objects.filter(pk=by_month.pk).update(
        owner_user=owner, due_on=datetime.date(2026, 10, 31), due_precision="month"
    )
    Strategy.objects.filter(pk=by_day.pk).update(
        owner_user=owner, due_on=datetime.date(2026, 10, 15), due_precision="day"
    )
    UpdateWindow.objects.create(
        plan=plan, name="Q2", opens_on=today, closes_on=today + datetime.timedelta(days=3)
    )
    assert reminders.send_window_reminders(today) == 1
    assert reminders.send_overdue_digests(today) == 1
    for sent in mail.outbox:
        assert "due October 2026" in sent.body and "due October 15, 2026" in sent.body
        assert "Oct 31" not in sent.body and "October 31" not in sent.body


@pytest.mark.parametrize("owners", [3, 30])
def test_the_weekly_digests_read_as_much_for_3_owners_as_for_30(
    district, owners, django_assert_max_num_queries
):
    today = datetime.date(2026, 11, 30)
    plan = build_plan(district, goals=1, objectives=1, strategies=owners + 1)
    people = [member(district) for _ in range(owners)]
    items = Strategy.objects.filter(plan=plan).order_by("pk")
    for item, person in zip(items, [*people, people[0]], strict=True):
        item.owner_user, item.due_on = person, today - datetime.timedelta(days=10)
        item.save()
    with CaptureQueriesContext(connection) as run:
        assert reminders.send_overdue_digests(today) == owners
    reads = [query for query in run.captured_queries if query["sql"].startswith("SELECT")]
    assert len(reads) <= 3  # the mails' records are written one by one, each with its mail
    assert mail.outbox[0].to == [people[0].email] and "2 overdue" in mail.outbox[0].subject
    with django_assert_max_num_queries(3):
        assert reminders.send_overdue_digests(today + datetime.timedelta(days=2)) == 0


@pytest.mark.parametrize(("windows", "owners"), [(1, 3), (10, 30)])
def test_the_reminders_read_as_much_for_1_window_and_3_owners_as_for_10_and_30(
    district, windows, owners, django_assert_max_num_queries
):
    today = datetime.date(2026, 11, 30)
    people = [member(district) for _ in range(owners)]
    each = owners // windows
    for index in range(windows):
        plan = build_plan(district, goals=1, objectives=1, strategies=each + 1)
        UpdateWindow.objects.create(
            plan=plan, name=f"Q{index}", opens_on=today, closes_on=today + datetime.timedelta(3)
        )
        group = people[index * each : (index + 1) * each]
        items = Strategy.objects.filter(plan=plan).order_by("pk")
        for item, person in zip(items, [*group, group[0]], strict=True):
            Strategy.objects.filter(pk=item.pk).update(owner_user=person)
    with CaptureQueriesContext(connection) as run:
        assert reminders.send_window_reminders(today) == owners
    reads = [query for query in run.captured_queries if query["sql"].startswith("SELECT")]
    assert len(reads) <= 4  # the mails' records are written one by one, each with its mail
    assert len(mail.outbox) == owners and mail.outbox[0].to == [people[0].email]
    assert mail.outbox[0].body.count("\n- ") == 2
    with django_assert_max_num_queries(4):
        assert reminders.send_window_reminders(today + datetime.timedelta(days=1)) == 0
    assert ReminderSent.objects.filter(kind="reminder").count() == owners


@pytest.mark.django_db(transaction=True)
def test_the_real_db_worker_sends_the_reminders(district, owner):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    today = timezone.localdate()
    Strategy.objects.filter(plan=plan).update(
        owner_user=owner, due_on=today - datetime.timedelta(days=1)
    )
    UpdateWindow.objects.create(
        plan=plan, name="Q1", opens_on=today, closes_on=today + datetime.timedelta(days=3)
    )
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        started = io.StringIO()
        for _ in range(2):  # as the worker starts: set going once
            call_command("send_reminders", stdout=started)
        assert "already queued" in started.getvalue()
        reminders.send_reminders.enqueue()  # and asked for again: two runs, sent once
        worker = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            env={
                **os.environ,
                "DATABASE_URL": database_url(),
                "DATABASE_POOL": "false",
                "DJANGO_SETTINGS_MODULE": "config.test_settings",
                "TASKS_BACKEND": "database",
            },
        )
    assert worker.returncode == 0, worker.stderr[-2000:]
    sent = ReminderSent.objects.filter(user=owner)
    assert sorted(sent.values_list("kind", flat=True)) == ["digest", "reminder"]
    # Each run queued the next morning's, once: one run waits, for tomorrow at six.
    waiting = DBTaskResult.objects.filter(status="READY")
    assert [result.run_after for result in waiting] == [reminders.next_morning(timezone.now())]
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2


def test_reminders_set_going_again_queue_nothing_twice(district):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        call_command("send_reminders", stdout=io.StringIO())
        assert reminders.keep_scheduled(reminders.next_morning(timezone.now())) is None
        assert DBTaskResult.objects.filter(status="READY").count() == 1
    # With the tests' backend, which runs a task as it is queued, a run queues no next.
    assert reminders.send_reminders.enqueue().return_value == 0
    assert DBTaskResult.objects.count() == 1


class RefusesOneAddress(locmem.EmailBackend):
    """A mail server that refuses one address, as for a mailbox that is no more, and
    delivers the others."""

    refused = "gone@example.org"

    def send_messages(self, messages):
        for message in messages:
            if self.refused in message.recipients():
                raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"No such user")})
        return super().send_messages(messages)


@pytest.fixture
def one_address_refused(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusesOneAddress"


def three_owners(district, today: datetime.date):
    """Three owners of a plan's overdue work, with a window closing in three days; the
    second one's address is the one the mail server refuses."""
    plan = build_plan(district, goals=1, objectives=1, strategies=3)
    people = [
        member(district, username="first"),
        member(district, username="gone", email=RefusesOneAddress.refused),
        member(district, username="last"),
    ]
    for item, person in zip(Strategy.objects.filter(plan=plan).order_by("pk"), people, strict=True):
        Strategy.objects.filter(pk=item.pk).update(
            owner_user=person, due_on=today - datetime.timedelta(days=10)
        )
    UpdateWindow.objects.create(
        plan=plan, name="Q1", opens_on=today, closes_on=today + datetime.timedelta(days=3)
    )
    return people


def test_a_refused_mail_is_logged_and_the_other_owners_still_get_theirs(
    district, one_address_refused, caplog, settings
):
    today = datetime.date(2026, 11, 30)  # a Monday: the next day's run is in the same week
    first, gone, last = three_owners(district, today)
    assert reminders.send_window_reminders(today) == 2
    assert reminders.send_overdue_digests(today) == 2
    assert [sent.to for sent in mail.outbox] == [[first.email], [last.email]] * 2
    assert not ReminderSent.objects.filter(user=gone).exists()
    refusals = [record for record in caplog.records if record.name == "planning.reminders"]
    assert [record.levelname for record in refusals] == ["WARNING", "WARNING"]
    assert "reminder" in refusals[0].getMessage() and "digest" in refusals[1].getMessage()
    for record in refusals:
        assert "gone <gone@example.org> was not sent" in record.getMessage()
    for item in Strategy.objects.filter(owner_user=gone):
        assert item.text[:30] not in caplog.text  # what the mail said stays out of the log

    # The next day the server takes it, and only the mails not sent yet go.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    tomorrow = today + datetime.timedelta(days=1)
    assert reminders.send_window_reminders(tomorrow) == 1
    assert reminders.send_overdue_digests(tomorrow) == 1
    assert [sent.to for sent in mail.outbox[4:]] == [[gone.email]] * 2
    assert sorted(ReminderSent.objects.filter(user=gone).values_list("kind", flat=True)) == [
        "digest",
        "reminder",
    ]


def test_a_refused_mail_stops_neither_the_days_run_nor_the_next_mornings(
    district, one_address_refused
):
    three_owners(district, timezone.localdate())
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        assert reminders.send_reminders.call() == 4  # as the worker runs it
    assert len(mail.outbox) == 4
    waiting = DBTaskResult.objects.filter(status="READY")
    assert [result.run_after for result in waiting] == [reminders.next_morning(timezone.now())]


def test_results_are_entered_by_a_member_of_the_district_only(client, editor, draft, owner):
    plan = draft
    measure = Measure.objects.filter(plan=plan).first()
    client.force_login(editor)
    url = reverse("item_edit", args=[plan.district.slug, plan.pk, "measure", measure.pk])
    field = client.get(url).context["form"].fields["results_by"]
    assert owner in field.queryset and editor in field.queryset
    assert not field.queryset.exclude(memberships__district=plan.district).exists()


def test_free_text_owners_that_name_one_member_become_that_member(district, plan, owner):
    from django.apps import apps

    migration = importlib.import_module("planning.migrations.0020_owners_named_are_members")
    named, unknown = Strategy.objects.filter(plan=plan).order_by("pk")[:2]
    Strategy.objects.filter(pk=named.pk).update(owner="olive owner ")
    Strategy.objects.filter(pk=unknown.pk).update(owner="Dr. Someone Else")
    migration.owners_to_members(apps, None)
    named.refresh_from_db()
    unknown.refresh_from_db()
    assert named.owner_user == owner and named.owner_name == "Olive Owner"
    assert unknown.owner_user is None and unknown.owner_name == "Dr. Someone Else"
