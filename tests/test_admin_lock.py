"""The Django admin obeys the rule the plan's pages do: on an adopted plan its
commitments are shown but not editable, nothing is added to it or deleted from it, and
its implementation (a strategy's status and owner, the plan's notes) is still edited. A
platform operator may still delete a whole plan, after Django's confirmation."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission

from planning.editing import LOCKED
from planning.models import Change, Goal, Plan, Strategy
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """The admin's change form as a browser sends it back unchanged."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.setdefault(name, []).append(a.get("value", "on"))
            else:
                self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(response) -> dict:
    parser = _Form()
    parser.feed(response.content.decode())
    return parser.data


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser("operator", "op@example.org", "x")


@pytest.fixture
def plan(district):
    plan = build_plan(district, goals=2, objectives=1, strategies=1)
    assert plan.status == Plan.Status.ADOPTED
    return plan


def test_an_adopted_goal_is_read_only_in_the_admin_and_a_forged_change_is_not_saved(
    client, operator, plan
):
    goal = plan.goals.get(order=1)
    client.force_login(operator)
    page = client.get(f"/admin/planning/goal/{goal.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="title"' not in html and goal.title in html  # shown, not editable
    assert 'name="objectives-MAX_NUM_FORMS" value="0"' in html  # none can be added
    assert 'href="/admin/planning/goal/' + str(goal.pk) + '/delete/"' not in html

    data = form_data(page) | {"title": "Renamed in the admin"}
    response = client.post(f"/admin/planning/goal/{goal.pk}/change/", data)

    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title != "Renamed in the admin"
    assert not Change.objects.filter(plan=plan).exists()


def test_a_strategys_status_and_owner_stay_editable_in_the_admin(client, operator, plan):
    strategy = Strategy.objects.filter(plan=plan).first()
    client.force_login(operator)
    page = client.get(f"/admin/planning/strategy/{strategy.pk}/change/")
    html = page.content.decode()
    assert 'name="status"' in html and 'name="owner"' in html
    assert 'name="text"' not in html and 'name="cost"' not in html

    data = form_data(page) | {"status": "in_progress", "owner": "Ms. Ortiz", "text": "Forged"}
    response = client.post(f"/admin/planning/strategy/{strategy.pk}/change/", data)

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert (strategy.status, strategy.owner) == ("in_progress", "Ms. Ortiz")
    assert strategy.text != "Forged"
    assert Change.objects.get(plan=plan).item_label.endswith("(in the admin)")


def test_the_plan_in_the_admin_keeps_its_mission_and_goals_but_not_its_notes(
    client, operator, plan
):
    goal = plan.goals.get(order=1)
    client.force_login(operator)
    page = client.get(f"/admin/planning/plan/{plan.pk}/change/")
    html = page.content.decode()
    assert 'name="mission"' not in html and 'name="status"' not in html
    assert 'name="notes"' in html
    assert 'name="goals-0-title"' not in html
    assert 'name="goals-MAX_NUM_FORMS" value="0"' in html
    assert 'name="goals-0-DELETE"' not in html

    data = form_data(page) | {
        "notes": "Met in May.",
        "mission": "Forged mission",
        "status": "draft",
        "goals-0-title": "Forged goal",
        "goals-0-DELETE": "on",
    }
    response = client.post(f"/admin/planning/plan/{plan.pk}/change/", data)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.notes == "Met in May."
    assert plan.mission != "Forged mission" and plan.status == Plan.Status.ADOPTED
    goal.refresh_from_db()
    assert goal.title != "Forged goal"


def test_a_goal_is_not_added_to_an_adopted_plan_through_the_admin(client, operator, plan):
    client.force_login(operator)
    page = client.get("/admin/planning/goal/add/")
    data = form_data(page) | {
        "plan": str(plan.pk),
        "order": "9",
        "title": "Added in the admin",
        "statement": "",
    }
    response = client.post("/admin/planning/goal/add/", data)

    assert response.status_code == 200
    assert LOCKED.replace("'", "&#x27;") in response.content.decode()
    assert not Goal.objects.filter(title="Added in the admin").exists()


def test_an_adopted_goal_is_not_deleted_through_the_admin(client, operator, plan):
    goal = plan.goals.get(order=2)
    client.force_login(operator)
    assert client.get(f"/admin/planning/goal/{goal.pk}/delete/").status_code == 403
    assert client.post(f"/admin/planning/goal/{goal.pk}/delete/", {"post": "yes"}).status_code == (
        403
    )
    response = client.post(
        "/admin/planning/goal/",
        {"action": "delete_selected", "_selected_action": [goal.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_a_measures_targets_are_read_only_but_its_results_are_not(client, operator, plan):
    measure = plan.goals.get(order=1).measures.get()
    client.force_login(operator)
    html = client.get(f"/admin/measures/measure/{measure.pk}/change/").content.decode()
    assert 'name="name"' not in html
    assert 'name="targets-0-value"' not in html
    assert 'name="results-0-value"' in html


def test_a_draft_plan_is_edited_freely_in_the_admin(client, operator, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    goal = plan.goals.get(order=1)
    client.force_login(operator)
    page = client.get(f"/admin/planning/goal/{goal.pk}/change/")
    assert 'name="title"' in page.content.decode()
    data = form_data(page) | {"title": "Renamed on a draft"}
    assert client.post(f"/admin/planning/goal/{goal.pk}/change/", data).status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Renamed on a draft"


def test_an_operator_deletes_a_whole_adopted_plan_after_djangos_confirmation(
    client, operator, plan
):
    goal = plan.goals.get(order=1)
    client.force_login(operator)
    change = client.get(f"/admin/planning/plan/{plan.pk}/change/").content.decode()
    assert f'href="/admin/planning/plan/{plan.pk}/delete/"' in change
    assert 'name="goals-0-DELETE"' not in change  # its goals still not one by one

    confirm = client.get(f"/admin/planning/plan/{plan.pk}/delete/")
    page = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Are you sure you want to delete the plan" in page
    assert goal.title in page  # what goes with it is listed
    assert "permission to delete" not in page
    assert Plan.objects.filter(pk=plan.pk).exists()  # nothing gone before confirming

    response = client.post(f"/admin/planning/plan/{plan.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_an_operator_deletes_adopted_plans_from_the_list(client, operator, plan):
    client.force_login(operator)
    chosen = {"action": "delete_selected", "_selected_action": [plan.pk]}
    page = client.post("/admin/planning/plan/", chosen).content.decode()
    assert "Are you sure you want to delete the selected plan?" in page
    assert "permission to delete" not in page
    assert Plan.objects.filter(pk=plan.pk).exists()
    response = client.post("/admin/planning/plan/", chosen | {"post": "yes"})
    assert response.status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()


def test_a_staff_member_who_is_not_an_operator_cannot_delete_an_adopted_plan(
    client, django_user_model, plan
):
    staff = django_user_model.objects.create_user("staff", "staff@example.org", "x")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="planning"))
    client.force_login(staff)
    assert client.get(f"/admin/planning/plan/{plan.pk}/delete/").status_code == 403
    assert client.post(f"/admin/planning/plan/{plan.pk}/delete/", {"post": "yes"}).status_code == (
        403
    )
    assert Plan.objects.filter(pk=plan.pk).exists()
