"""An adopted plan's commitments change only by an approved recommendation: every route
that edits a plan in place refuses them, and leaves the plan as it was. Its
implementation (a strategy's status, owner, years) is still updated directly."""

import json

import pytest
from django.urls import reverse

from planning import versions
from planning.models import Change, Goal, Level, Objective, Plan, Recommendation, Strategy
from tests.conftest import decide, fingerprint_in, structure_data
from tests.factories import build_plan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LOCKED = "The plan is adopted"


@pytest.fixture
def plan(district):
    plan = build_plan(district, goals=2, objectives=2, strategies=2)
    assert plan.status == Plan.Status.ADOPTED
    return plan


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def goal_form(goal, **changes):
    return {
        "title": goal.title,
        "statement": goal.statement,
        "rationale": "\n".join(goal.rationale),
        "graduate_attributes": [a.pk for a in goal.graduate_attributes.all()],
        **changes,
    }


def _refused(response):
    assert response.status_code == 409
    assert LOCKED in response.content.decode()


@pytest.mark.parametrize("how", [HTMX, {}], ids=["htmx", "page"])
def test_renaming_a_goal_of_an_adopted_plan_is_refused(client, editor, plan, how):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    response = client.post(
        url(plan, "item_edit", "goal", goal.pk), goal_form(goal, title="Renamed"), **how
    )
    _refused(response)
    assert "Propose a change" in response.content.decode()
    goal.refresh_from_db()
    assert goal.title != "Renamed"
    assert not Change.objects.filter(plan=plan).exists()


@pytest.mark.parametrize("how", [HTMX, {}], ids=["htmx", "page"])
def test_adding_deleting_and_moving_on_an_adopted_plan_are_refused(client, editor, plan, how):
    goal = plan.goals.get(order=1)
    objective = goal.objectives.get(order=1)
    client.force_login(editor)
    before = sorted(Objective.objects.filter(plan=plan).values_list("pk", "order", "title"))

    _refused(
        client.post(
            url(plan, "item_add", "goal", goal.pk, "objective"), {"title": "New one"}, **how
        )
    )
    _refused(client.post(url(plan, "item_delete", "objective", objective.pk), **how))
    _refused(
        client.post(url(plan, "item_move", "objective", objective.pk), {"direction": "down"}, **how)
    )
    ids = [f"objective-{o.pk}" for o in goal.objectives.order_by("-order")]
    _refused(client.post(url(plan, "item_reorder", "goal", goal.pk, "item"), {"ids": ids}, **how))

    assert sorted(Objective.objects.filter(plan=plan).values_list("pk", "order", "title")) == before
    assert not Change.objects.filter(plan=plan).exists()


def test_undoing_a_deletion_made_before_adoption_is_refused(client, editor, plan):
    goal = plan.goals.get(order=2)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    client.force_login(editor)
    client.post(url(plan, "item_delete", "goal", goal.pk), **HTMX)
    change = Change.objects.get(action="deleted")
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)

    _refused(client.post(url(plan, "undo", change.pk), **HTMX))

    assert not Goal.objects.filter(pk=goal.pk).exists()
    change.refresh_from_db()
    assert not change.undone


def test_the_mission_of_an_adopted_plan_is_refused_and_its_notes_are_not(client, editor, plan):
    client.force_login(editor)
    response = client.post(url(plan, "part_edit", "mission"), {"mission": "Anything else"})
    _refused(response)
    plan.refresh_from_db()
    assert plan.mission != "Anything else"

    page = client.get(url(plan, "part_edit", "notes"), **HTMX).content.decode()
    data = {"notes": "Met in May.", "fingerprint": fingerprint_in(page)}
    response = client.post(url(plan, "part_edit", "notes"), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.notes == "Met in May."


def test_the_structure_of_an_adopted_plan_is_refused_even_to_an_administrator(
    client, admin_user, plan
):
    client.force_login(admin_user)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    opened = structure_data(client.get(url(plan, "plan_structure")))
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    shown = client.get(url(plan, "plan_structure")).content.decode()
    assert "is adopted" in shown and "<form" not in shown.split("<main")[1].split("</main>")[0]
    response = client.post(url(plan, "plan_structure"), {**opened, "goal-singular": "Aim"})
    assert response.status_code == 403
    assert not Level.objects.filter(plan=plan, singular="Aim").exists()
    assert not Change.objects.filter(plan=plan).exists()


def test_a_strategys_status_and_owner_are_still_updated_but_not_its_words(client, editor, plan):
    strategy = Strategy.objects.filter(plan=plan).first()
    client.force_login(editor)
    page = client.get(url(plan, "item_edit", "strategy", strategy.pk), **HTMX).content.decode()
    data = {
        "text": "Words changed without approval",
        "status": "in_progress",
        "owner": "Ms. Ortiz",
        "fingerprint": fingerprint_in(page),
    }
    response = client.post(url(plan, "item_edit", "strategy", strategy.pk), data)
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert (strategy.status, strategy.owner) == ("in_progress", "Ms. Ortiz")
    assert strategy.text != "Words changed without approval"
    change = Change.objects.get(plan=plan)
    assert set(change.after) == {"status", "owner"}


def test_opening_edit_add_or_delete_of_a_commitment_leads_to_its_proposal(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    response = client.get(url(plan, "item_edit", "goal", goal.pk))
    assert response.url == url(plan, "recommend", "change", "goal", goal.pk)
    response = client.get(url(plan, "item_delete", "goal", goal.pk))
    assert response.url == url(plan, "recommend", "retire", "goal", goal.pk)
    response = client.get(url(plan, "item_add", "goal", goal.pk, "objective"), **HTMX)
    assert response["HX-Redirect"] == url(plan, "recommend_add", "goal", goal.pk, "objective")


def test_the_plan_page_offers_proposals_on_an_adopted_plan_and_edits_on_a_draft(
    client, editor, plan
):
    client.force_login(editor)
    page = client.get(url(plan, "plan")).content.decode()
    template = page.split('<template id="item-controls">')[1].split("</template>")[0]
    assert "Propose a change" in template and "Propose deleting" in template
    assert 'data-do="edit"' not in template and "Move up" not in template
    assert f'data-propose="{url(plan, "spring")}recommend/"' in template

    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    page = client.get(url(plan, "plan")).content.decode()
    template = page.split('<template id="item-controls">')[1].split("</template>")[0]
    assert "Propose" not in template and 'data-do="edit"' in template


def test_an_items_own_page_offers_proposals_on_an_adopted_plan(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    page = client.get(url(plan, "item_detail", "goal", goal.pk)).content.decode()
    assert f'href="{url(plan, "recommend", "change", "goal", goal.pk)}">Propose a change' in page
    assert f'href="{url(plan, "recommend", "retire", "goal", goal.pk)}">Propose deleting' in page
    assert url(plan, "recommend_add", "goal", goal.pk, "objective") in page
    assert f'href="{url(plan, "item_edit", "goal", goal.pk)}"' not in page


def test_a_draft_plan_is_edited_freely(client, editor, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    page = client.get(url(plan, "item_edit", "goal", goal.pk), **HTMX).content.decode()
    form = goal_form(goal, title="Renamed", fingerprint=fingerprint_in(page))
    response = client.post(url(plan, "item_edit", "goal", goal.pk), form)
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Renamed"


def test_an_approved_recommendation_changes_the_adopted_plan(client, editor, approver, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    form = {f"{k}": v for k, v in goal_form(goal, title="Renamed by approval").items()}
    form["why-rationale"] = "The board asked for clearer words."
    response = client.post(url(plan, "recommend", "change", "goal", goal.pk), form)
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    goal.refresh_from_db()
    assert goal.title != "Renamed by approval"  # a draft proposal changes nothing yet
    packet = recommendation.packet
    client.post(url(plan, "packet_forward", packet.pk))
    client.force_login(approver)
    decide(client, recommendation, "approve")
    goal.refresh_from_db()
    assert goal.title == "Renamed by approval"


# Corrections -------------------------------------------------------------------------


def test_an_administrator_corrects_a_typo_with_a_reason(client, admin_user, plan):
    goal = plan.goals.get(order=1)
    client.force_login(admin_user)
    page = client.get(url(plan, "item_correct", "goal", goal.pk))
    assert page.status_code == 200
    data = goal_form(goal, title="Student Achievment".replace("Achievment", "Achievement"))
    data["fingerprint"] = fingerprint_in(page.content.decode())

    response = client.post(url(plan, "item_correct", "goal", goal.pk), data)
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()
    goal.refresh_from_db()
    assert goal.title != "Student Achievement"

    data["why-reason"] = "Fixes a misspelling."
    response = client.post(url(plan, "item_correct", "goal", goal.pk), data)
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Student Achievement"
    change = Change.objects.get(plan=plan)
    assert change.correction == "Fixes a misspelling." and change.actor == admin_user
    assert change.recommendation is None


def test_an_administrator_corrects_the_mission(client, admin_user, plan):
    client.force_login(admin_user)
    page = client.get(url(plan, "part_correct", "mission")).content.decode()
    data = {
        "mission": "Every student, every day.",
        "fingerprint": fingerprint_in(page),
        "why-reason": "A word was missing.",
    }
    response = client.post(url(plan, "part_correct", "mission"), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.mission == "Every student, every day."
    assert Change.objects.get(plan=plan).correction == "A word was missing."


def test_only_an_administrator_corrects(client, editor, plan):
    goal = plan.goals.get(order=1)
    client.force_login(editor)
    data = goal_form(goal, title="Sneaked in", **{"why-reason": "typo"})
    response = client.post(url(plan, "item_correct", "goal", goal.pk), data)
    assert response.status_code == 403
    goal.refresh_from_db()
    assert goal.title != "Sneaked in"


def test_the_history_shows_a_correction_as_a_correction(client, admin_user, plan):
    goal = plan.goals.get(order=1)
    client.force_login(admin_user)
    page = client.get(url(plan, "item_correct", "goal", goal.pk)).content.decode()
    data = goal_form(goal, title="Corrected title", fingerprint=fingerprint_in(page))
    data["why-reason"] = "Fixes a misspelling."
    client.post(url(plan, "item_correct", "goal", goal.pk), data)
    page = client.get(url(plan, "item_history", "goal", goal.pk)).content.decode()
    assert "corrected" in page and "Fixes a misspelling." in page


# Versions tell the truth ---------------------------------------------------------------


def _propose_and_approve(client, plan, editor, approver, goal, title):
    client.force_login(editor)
    form = goal_form(goal, title=title)
    form["why-rationale"] = "Clearer for families."
    assert client.post(url(plan, "recommend", "change", "goal", goal.pk), form).status_code == 302
    recommendation = Recommendation.objects.get(item_id=goal.pk)
    client.post(url(plan, "packet_forward", recommendation.packet_id))
    client.force_login(approver)
    decide(client, recommendation, "approve", "Agreed.")
    return recommendation


def test_a_version_lists_exactly_what_was_approved_then_the_corrections(
    client, editor, approver, admin_user, plan
):
    versions.first_version(plan)
    first, second = plan.goals.order_by("order")
    strategy = Strategy.objects.filter(plan=plan).first()
    # Tried directly by an editor: refused, so it cannot appear in the next version.
    client.force_login(editor)
    client.post(url(plan, "item_edit", "goal", second.pk), goal_form(second, title="Unapproved"))
    # Implementation is updated directly, and is not a change of the version.
    Strategy.objects.filter(pk=strategy.pk).update(status="in_progress")
    client.force_login(admin_user)
    page = client.get(url(plan, "item_correct", "goal", second.pk)).content.decode()
    data = goal_form(second, title=second.title + "s", fingerprint=fingerprint_in(page))
    data["why-reason"] = "Fixes a misspelling."
    assert client.post(url(plan, "item_correct", "goal", second.pk), data).status_code == 302

    _propose_and_approve(client, plan, editor, approver, first, "Every student grows")

    version = plan.versions.get(number=2)
    assert version.label.endswith(": 1 approved change, then 1 correction")
    client.force_login(editor)
    page = client.get(url(plan, "versions_compare") + "?a=1&b=2").content.decode()
    made = page.split('id="made-heading"')[1].split("</section>")[0]
    assert made.count("<li>") == 2
    assert "Change Goal 1" in made and "approved by" in made
    assert "Fixes a misspelling." in made and "Corrected by" in made
    assert "Unapproved" not in page and "In progress" not in page and "in_progress" not in page
    assert "(approved: “Change Goal 1" in page
    assert "(a correction: Fixes a misspelling.)" in page


# Amendments out of cycle ---------------------------------------------------------------


def test_an_administrator_opens_an_amendment_that_makes_its_own_version(
    client, admin_user, editor, approver, plan
):
    versions.first_version(plan)
    client.force_login(editor)
    assert client.post(url(plan, "amendment_open")).status_code == 403
    client.force_login(admin_user)
    page = client.get(url(plan, "spring")).content.decode()
    assert "Open an amendment out of cycle" in page

    response = client.post(url(plan, "amendment_open"), follow=True)

    assert "An amendment out of cycle is open" in response.content.decode()
    assert "Being drafted: an amendment out of cycle" in response.content.decode()
    goal = plan.goals.get(order=1)
    recommendation = _propose_and_approve(client, plan, editor, approver, goal, "Amended")
    assert recommendation.packet.out_of_cycle
    goal.refresh_from_db()
    assert goal.title == "Amended"
    version = plan.versions.get(number=2)
    assert version.packet == recommendation.packet
    assert version.label.startswith("Amendment out of cycle, ")
    assert version.label.endswith(": 1 approved change")


def test_an_amendment_waits_for_the_spring_drafts_to_be_forwarded(client, admin_user, plan):
    goal = plan.goals.get(order=1)
    client.force_login(admin_user)
    form = goal_form(goal, title="Spring idea")
    form["why-rationale"] = "Because."
    client.post(url(plan, "recommend", "change", "goal", goal.pk), form)

    response = client.post(url(plan, "amendment_open"), follow=True)

    assert "must be forwarded before an amendment is opened" in response.content.decode()
    assert not plan.packets.filter(out_of_cycle=True).exists()


def test_moving_is_proposed_and_applied_once_approved(client, editor, approver, plan):
    goal = plan.goals.get(order=1)
    first, second = goal.objectives.order_by("order")
    client.force_login(editor)
    page = client.get(url(plan, "item_detail", "objective", first.pk)).content.decode()
    move = url(plan, "recommend", "move_down", "objective", first.pk)
    assert f'href="{move}">Propose moving down' in page
    page = client.get(move).content.decode()
    assert "recommends moving Objective 1.1" in page and "one place down" in page

    response = client.post(move, {"why-rationale": "The second comes first in practice."})

    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert str(recommendation).startswith("Move down Objective 1.1")
    assert list(goal.objectives.order_by("order")) == [first, second]  # not yet
    client.post(url(plan, "packet_forward", recommendation.packet_id))
    client.force_login(approver)
    decide(client, recommendation, "approve")
    assert list(goal.objectives.order_by("order")) == [second, first]
    assert Change.objects.get(action="moved").recommendation == recommendation


# Every route at once -------------------------------------------------------------------


def test_no_route_changes_an_adopted_plans_commitments_without_approval(
    client, editor, admin_user, approver, plan, django_user_model
):
    """Page, htmx, the plan's own parts, its structure, undo, a plan file uploaded over
    it, the Django admin, and a recommendation not (yet) approved: the plan is as it was."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from planning.exchange import export_plan
    from planning.plan_file import plan_data
    from tests.test_admin_lock import form_data

    goal = plan.goals.get(order=1)
    second = plan.goals.get(order=2)
    objective = goal.objectives.get(order=1)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    client.force_login(editor)
    client.post(url(plan, "item_delete", "goal", second.pk), **HTMX)
    deleted = Change.objects.get(action="deleted")
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    plan.refresh_from_db()
    before, changes = plan_data(plan), Change.objects.count()

    for how in (HTMX, {}):  # the plan page's htmx, and plain pages without JavaScript
        client.post(url(plan, "item_edit", "goal", goal.pk), goal_form(goal, title="X"), **how)
        client.post(url(plan, "item_add", "goal", goal.pk, "objective"), {"title": "X"}, **how)
        client.post(url(plan, "item_delete", "objective", objective.pk), **how)
        client.post(url(plan, "item_move", "goal", goal.pk), {"direction": "down"}, **how)
        for part, data in [
            ("mission", {"mission": "X"}),
            ("vision", {"vision": "X"}),
            ("theory", {"theory_of_action": "X"}),
            ("profile", {"graduate_profile_title": "X"}),
            ("header", {"title": "X", "start_year": 2020, "end_year": 2030}),
        ]:
            client.post(url(plan, "part_edit", part), data, **how)
        client.post(url(plan, "undo", deleted.pk), **how)
    client.force_login(admin_user)
    client.post(url(plan, "plan_structure"), {"goal-singular": "Aim"})
    # A plan file uploaded over it, changed: it becomes a plan of its own.
    changed = export_plan(plan)
    changed["plan"]["mission"] = "X"
    upload = SimpleUploadedFile("plan.json", json.dumps(changed).encode())
    client.post(reverse("plan_import", args=[plan.district.slug]), {"file": upload})
    # The Django admin, by the platform's operator.
    client.force_login(django_user_model.objects.create_superuser("op", "op@x.org", "x"))
    page = client.get(f"/admin/planning/plan/{plan.pk}/change/")
    client.post(f"/admin/planning/plan/{plan.pk}/change/", form_data(page) | {"mission": "X"})
    page = client.get(f"/admin/planning/goal/{goal.pk}/change/")
    client.post(f"/admin/planning/goal/{goal.pk}/change/", form_data(page) | {"title": "X"})
    # Proposals, forwarded and declined, or still waiting.
    client.force_login(editor)
    why = {"why-rationale": "Because."}
    client.post(url(plan, "recommend", "change", "goal", goal.pk), goal_form(goal, title="X") | why)
    client.post(url(plan, "recommend_part", "mission"), {"mission": "X", **why})
    packet = plan.packets.get()
    client.post(url(plan, "packet_forward", packet.pk))
    client.force_login(approver)
    first, waiting = packet.recommendations.order_by("pk")
    client.post(url(plan, "packet_decide", packet.pk), {f"decision_{first.pk}": "decline"})
    assert waiting.state == "forwarded"

    plan.refresh_from_db()
    assert plan_data(plan) == before
    assert Change.objects.filter(plan=plan).count() == changes
    assert Plan.objects.filter(district=plan.district).count() == 2  # the upload's own plan
