"""The plan page is kept rendered piece by piece (planning/plan_page.py): whatever is
changed through the app, the page shown next is the page as it is now, and only the
pieces a change touched are rendered again."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from planning import plan_page
from planning.models import Change, Goal, Objective, Plan, Strategy
from tests.conftest import structure_data, without_tokens
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


class FormReader(HTMLParser):
    """What a browser sends back from the first form of a page, untouched."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea, self.done = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if self.done or (not name and tag != "option"):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.setdefault(self.select, []).append(attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] = [self.data[self.textarea][0] + data]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.done = True


def form_of(client, address, **changes) -> dict:
    reader = FormReader()
    reader.feed(client.get(address, **HTMX).content.decode())
    data = {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}
    data.pop("csrfmiddlewaretoken", None)
    return data | changes


def page_of(client, plan) -> str:
    response = client.get(url(plan, "plan"))
    assert response.status_code == 200
    return without_tokens(response.content.decode())


def fresh_page_of(client, plan) -> str:
    cache.clear()
    return page_of(client, plan)


@pytest.fixture
def plan(district):
    return build_plan(district, goals=3, objectives=2, strategies=2, status="draft")


def edits(client, plan):
    """Each kind of change an editor makes, through the app's own pages."""
    goal = plan.goals.get(order=2)
    objective = Objective.objects.filter(goal=goal).first()
    strategy = Strategy.objects.filter(objective=objective).first()
    measure = strategy.measures.get()

    def edit_strategy():
        address = url(plan, "item_edit", "strategy", strategy.pk)
        return client.post(
            address, form_of(client, address, text="Coaches in every school"), **HTMX
        )

    def edit_measure_targets():
        address = url(plan, "item_edit", "measure", measure.pk)
        data = form_of(client, address, name="Readers on grade level", target_2023="64")
        return client.post(address, data, **HTMX)

    def add_measure():
        address = url(plan, "item_add", "objective", objective.pk, "measure")
        data = form_of(client, address, name="Days attended", target_form="to_be_set")
        return client.post(address, data, **HTMX)

    def delete_objective():
        return client.post(url(plan, "item_delete", "objective", objective.pk), **HTMX)

    def undo_it():
        deleted = Change.objects.filter(action=Change.Action.DELETED).latest("pk")
        return client.post(url(plan, "undo", deleted.pk), **HTMX)

    def move_goal_up():
        return client.post(url(plan, "item_move", "goal", goal.pk), {"direction": "up"}, **HTMX)

    def add_goal():
        address = url(plan, "item_add", "plan", plan.pk, "goal")
        data = form_of(client, address, title="Belonging", statement="Every student belongs.")
        return client.post(address, data, **HTMX)

    def edit_mission():
        address = url(plan, "part_edit", "mission")
        return client.post(address, form_of(client, address, mission="All of us."), **HTMX)

    def add_value():
        address = url(plan, "item_add", "plan", plan.pk, "value")
        data = form_of(client, address, name="Courage", definition="We try.")
        return client.post(address, data, **HTMX)

    def rename_goals():
        address = url(plan, "plan_structure")
        data = structure_data(client.get(address))
        data["goal-singular"], data["goal-plural"] = "Aim", "Aims"
        return client.post(address, data)

    return [
        edit_strategy,
        edit_measure_targets,
        add_measure,
        delete_objective,
        undo_it,
        move_goal_up,
        add_goal,
        edit_mission,
        add_value,
        rename_goals,
    ]


def test_after_each_kind_of_change_the_page_is_the_page_as_it_is_now(client, admin_user, plan):
    client.force_login(admin_user)
    page_of(client, plan)
    for edit in edits(client, plan):
        answer = edit()
        assert answer.status_code in (200, 302), (edit.__name__, answer.content[:300])
        if answer.status_code == 302:
            client.get(answer.url)  # where the browser goes, with the message it shows once
        shown = page_of(client, plan)
        assert shown == fresh_page_of(client, plan), edit.__name__
    assert "Coaches in every school" in shown and "Days attended" in shown
    assert "All of us." in shown and "Courage" in shown and "Aim 1" in shown


def test_an_edit_renders_again_only_the_goal_it_is_in(client, editor, plan, monkeypatch):
    client.force_login(editor)
    page_of(client, plan)
    strategy = Strategy.objects.filter(objective__goal__order=3).first()
    address = url(plan, "item_edit", "strategy", strategy.pk)
    client.post(address, form_of(client, address, text="Tutoring after school"), **HTMX)
    rendered = []
    real = plan_page.render_to_string
    monkeypatch.setattr(
        plan_page,
        "render_to_string",
        lambda name, context: rendered.append((name, context.get("node"))) or real(name, context),
    )

    shown = page_of(client, plan)

    assert "Tutoring after school" in shown
    assert [(name, node.item) for name, node in rendered] == [
        ("planning/plan_detail.html#node", plan.goals.get(order=3))
    ]


def test_what_is_kept_holds_no_ones_csrf_token(client, admin_user, plan):
    client.force_login(admin_user)
    page_of(client, plan)
    kept = cache.get(f"plan-page:{plan.pk}")
    assert kept["pieces"]
    for _, html in kept["pieces"].values():
        assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html


def test_each_role_sees_its_own_head_of_the_same_kept_page(client, editor, viewer, plan):
    client.force_login(editor)
    assert 'Edit<span class="visually-hidden"> mission' in page_of(client, plan)
    client.force_login(viewer)
    page = page_of(client, plan)
    assert "Edit<span" not in page and 'id="item-controls"' not in page
    assert plan.goals.get(order=1).title in page


def test_a_new_day_renders_the_page_again(client, viewer, plan, monkeypatch):
    client.force_login(viewer)
    page_of(client, plan)
    Goal.objects.filter(pk=plan.goals.get(order=1).pk).update(title="Changed outside the app")
    assert "Changed outside the app" not in page_of(client, plan)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(plan_page.timezone, "localdate", lambda: tomorrow)
    assert "Changed outside the app" in page_of(client, plan)


def test_a_change_to_another_plan_leaves_this_one_kept(client, editor, district, plan):
    other = build_plan(district, goals=1, objectives=1, strategies=1, status="draft")
    client.force_login(editor)
    page_of(client, plan)
    kept = cache.get(f"plan-page:{plan.pk}")
    client.post(url(other, "part_edit", "mission"), {"mission": "Theirs."}, **HTMX)
    page_of(client, plan)
    assert cache.get(f"plan-page:{plan.pk}") == kept


def test_a_change_in_the_admin_shows_on_the_page_and_in_the_history(
    client, django_user_model, viewer, plan
):
    strategy = Strategy.objects.filter(objective__goal__order=1).first()
    client.force_login(viewer)
    page_of(client, plan)
    staff = django_user_model.objects.create_superuser("staff", "staff@example.org", "pw")
    client.force_login(staff)
    address = reverse("admin:planning_strategy_change", args=[strategy.pk])
    page = client.get(address).content.decode()
    reader = FormReader()
    reader.feed(page[page.index('id="strategy_form"') - 30 :])
    data = {name: values[0] for name, values in reader.data.items()} | {"text": "Fixed by staff"}

    assert client.post(address, data).status_code == 302

    client.force_login(viewer)
    assert "Fixed by staff" in page_of(client, plan)
    assert plan.changes.filter(item_kind="strategy", item_id=strategy.pk).exists()


def test_a_level_above_goals_is_added_to_and_edited_within_in_place(client, admin_user, plan):
    client.force_login(admin_user)
    address = url(plan, "plan_structure")
    data = structure_data(client.get(address)) | {
        "pillar-used": "on",
        "pillar-singular": "Priority",
    }
    assert client.post(address, data).status_code == 302
    page_of(client, plan)

    added = client.post(
        url(plan, "item_add", "plan", plan.pk, "pillar"), {"title": "Belonging"}, **HTMX
    )

    assert added.status_code == 200
    pillar = plan.pillars.get()
    assert f'data-focus-on="pillar-{pillar.pk}"' in added.content.decode()
    goal_address = url(plan, "item_add", "pillar", pillar.pk, "goal")
    data = form_of(client, goal_address, title="Safe schools", statement="Every student is safe.")
    assert client.post(goal_address, data, **HTMX).status_code == 200
    shown = page_of(client, plan)
    assert "Belonging" in shown and "Safe schools" in shown
    assert shown == fresh_page_of(client, plan)


def test_the_public_page_is_kept_until_the_plan_changes(client, editor, district, monkeypatch):
    adopted = build_plan(district, goals=2, objectives=1, strategies=1)
    Plan.objects.filter(pk=adopted.pk).update(published=True)
    public = reverse("public_plan", args=[district.slug, adopted.pk])
    first = without_tokens(client.get(public).content.decode())
    made = []
    real = plan_page.tight
    monkeypatch.setattr(plan_page, "tight", lambda html: made.append(1) or real(html))
    assert without_tokens(client.get(public).content.decode()) == first and made == []  # kept

    client.force_login(editor)  # a result, entered all year on an adopted plan
    measure = Strategy.objects.filter(plan=adopted).first().measures.get()
    address = url(adopted, "result_edit", measure.pk, 2023, "all")
    assert client.post(address, {"value": "77", "note": ""}, **HTMX).status_code == 200
    client.logout()

    assert "77% in 2023–24" in client.get(public).content.decode()
