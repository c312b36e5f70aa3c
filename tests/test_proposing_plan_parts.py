"""The plan's own parts (its title and period, mission, vision, theory of action, graduate
profile heading) on an adopted plan: proposed like its items, with the form that edits
them on a draft, and changed only once the proposal is approved."""

import json

import pytest
from django.urls import reverse

from districts.models import Membership
from planning import versions
from planning.cycle.proposals import as_data
from planning.exchange import export_plan, import_plan
from planning.kinds import KINDS
from planning.models import Change, Plan, Recommendation, Section
from tests.conftest import error_beside, fingerprint_in
from tests.factories import DistrictFactory, build_plan

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(district):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    Plan.objects.filter(pk=plan.pk).update(mission="Every student learns.")
    plan.refresh_from_db()
    versions.first_version(plan)  # as adoption makes it
    return plan


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def propose(client, plan, part, **data):
    return client.post(url(plan, "recommend_part", part), data)


def forward_and_approve_all(client, plan, editor, approver):
    client.force_login(editor)
    packet = plan.packets.get(state="drafting")
    assert client.post(url(plan, "packet_forward", packet.pk)).status_code == 302
    client.force_login(approver)
    decisions = {f"decision_{r.pk}": "approve" for r in packet.recommendations.all()}
    response = client.post(url(plan, "packet_decide", packet.pk), decisions)
    assert response.status_code == 302
    return packet


def test_an_editor_sees_propose_a_change_on_each_part_of_an_adopted_plan(client, editor, plan):
    client.force_login(editor)
    page = client.get(url(plan, "plan")).content.decode()
    for part, words in [
        ("header", "title and period"),
        ("mission", "mission"),
        ("vision", "vision statement"),
        ("theory", "theory of action"),
        ("profile", "graduate profile heading"),
    ]:
        link = f'href="{url(plan, "recommend_part", part)}">Propose a change'
        assert link in page, part
        assert f"to the {words}</span>" in page
        assert f'href="{url(plan, "part_edit", part)}"' not in page
    # The notes are implementation: still edited in place, never proposed.
    assert f'href="{url(plan, "part_edit", "notes")}"' in page
    assert url(plan, "recommend_part", "notes") not in page


def test_a_draft_plan_shows_edit_not_propose_and_a_viewer_sees_neither(
    client, editor, viewer, plan
):
    client.force_login(viewer)
    page = client.get(url(plan, "plan")).content.decode()
    assert url(plan, "recommend_part", "mission") not in page
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    client.force_login(editor)
    page = client.get(url(plan, "plan")).content.decode()
    assert url(plan, "recommend_part", "mission") not in page
    assert f'href="{url(plan, "part_edit", "mission")}"' in page


@pytest.mark.parametrize("how", [HTMX, {}], ids=["htmx", "page"])
def test_editing_a_part_of_an_adopted_plan_leads_to_its_proposal(client, editor, plan, how):
    client.force_login(editor)
    for method in (client.get, client.post):
        response = method(url(plan, "part_edit", "mission"), {"mission": "Changed"}, **how)
        assert response.status_code == 409
        page = response.content.decode()
        assert "The plan is adopted" in page
        assert f'href="{url(plan, "recommend_part", "mission")}">Propose a change' in page
    if how:
        assert response["HX-Retarget"] == "#notices"
    plan.refresh_from_db()
    assert plan.mission == "Every student learns."
    assert not Change.objects.filter(plan=plan).exists()


def test_the_proposal_form_starts_from_the_part_as_it_is(client, editor, plan):
    client.force_login(editor)
    response = client.get(url(plan, "recommend_part", "mission"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Recommend: Change the plan’s mission" in page
    assert "Every student learns.</textarea>" in page
    assert 'name="why-rationale"' in page
    # Adopting and publishing are steps of their own, never proposed with the title.
    header = client.get(url(plan, "recommend_part", "header")).content.decode()
    assert 'name="title"' in header and 'name="status"' not in header


def test_a_proposal_without_a_rationale_keeps_the_text_and_saves_nothing(client, editor, plan):
    client.force_login(editor)
    response = propose(client, plan, "mission", mission="Every student thrives.")
    assert response.status_code == 422
    page = response.content.decode()
    assert "nothing was saved" in page
    assert error_beside(page, "why-rationale") == "This field is required."
    assert "Every student thrives.</textarea>" in page
    assert not Recommendation.objects.exists()


def test_a_proposed_mission_changes_nothing_until_approved(client, editor, approver, plan):
    client.force_login(editor)
    response = propose(
        client,
        plan,
        "mission",
        mission="Every student thrives.",
        **{"why-rationale": "The board's retreat chose a plainer word."},
    )
    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert (recommendation.item_kind, recommendation.item_id) == ("plan:mission", plan.pk)
    assert str(recommendation) == "Change the plan’s mission"
    assert recommendation.changes == [
        ["Mission", "Every student learns.", "Every student thrives."]
    ]
    plan.refresh_from_db()
    assert plan.mission == "Every student learns."  # a draft changes nothing yet
    spring = client.get(url(plan, "spring")).content.decode()
    assert "Change the plan’s mission" in spring and "Every student thrives." in spring

    forward_and_approve_all(client, plan, editor, approver)

    plan.refresh_from_db()
    assert plan.mission == "Every student thrives."
    change = Change.objects.get(plan=plan, recommendation=recommendation)
    assert change.after == {"mission": "Every student thrives."}
    assert change.item_label == "Plan: mission" and change.actor == approver


def test_the_version_and_comparison_list_the_parts_approved_and_a_correction_apart(
    client, editor, approver, admin_user, plan
):
    client.force_login(admin_user)
    page = client.get(url(plan, "part_correct", "vision")).content.decode()
    corrected = {
        "vision": "A community of learners.",
        "fingerprint": fingerprint_in(page),
        "why-reason": "Fixes a misspelling.",
    }
    assert client.post(url(plan, "part_correct", "vision"), corrected).status_code == 302
    client.force_login(editor)
    why = {"why-rationale": "Agreed at the retreat."}
    propose(client, plan, "mission", mission="Every student thrives.", **why)
    header = {"title": "Riverbend Forward", "tagline": "", "start_year": plan.start_year}
    propose(client, plan, "header", **header, end_year=plan.end_year, **why)

    forward_and_approve_all(client, plan, editor, approver)

    version = plan.versions.get(number=2)
    assert version.label.endswith(": 2 approved changes, then 1 correction")
    page = client.get(url(plan, "versions_compare") + "?a=1&b=2").content.decode()
    made = page.split('id="made-heading"')[1].split("</section>")[0]
    assert made.count("<li>") == 3
    assert "Change the plan’s mission" in made and "Change the plan’s title and period" in made
    assert "Fixes a misspelling." in made
    itself = page.split("<h2>The plan itself</h2>")[1].split("</section>")[0]
    assert "Approved: “Change the plan’s mission”" in itself
    assert "Approved: “Change the plan’s title and period”" in itself
    assert "A correction: Fixes a misspelling." in itself
    assert "<ins>thrives.</ins>" in itself and "<ins>Riverbend Forward</ins>" in itself
    assert "<ins>A community of learners.</ins>" in itself


def test_a_part_changed_since_it_was_proposed_is_not_applied(
    client, editor, approver, admin_user, plan
):
    client.force_login(editor)
    propose(client, plan, "mission", mission="Proposed words", **{"why-rationale": "Why."})
    client.force_login(admin_user)
    page = client.get(url(plan, "part_correct", "mission")).content.decode()
    data = {"mission": "Corrected", "fingerprint": fingerprint_in(page), "why-reason": "Typo."}
    client.post(url(plan, "part_correct", "mission"), data)
    client.force_login(editor)
    packet = plan.packets.get()
    client.post(url(plan, "packet_forward", packet.pk))
    client.force_login(approver)
    recommendation = packet.recommendations.get()
    response = client.post(
        url(plan, "packet_decide", packet.pk),
        {f"decision_{recommendation.pk}": "approve"},
        follow=True,
    )
    assert "can no longer be applied: it has been changed since it was drafted" in (
        response.content.decode()
    )
    plan.refresh_from_db()
    recommendation.refresh_from_db()
    assert plan.mission == "Corrected" and recommendation.state == "forwarded"


def test_the_picker_offers_each_part_and_leads_to_its_proposal(client, editor, plan):
    client.force_login(editor)
    page = client.get(url(plan, "spring")).content.decode()
    assert '<option value="change:plan:mission">Change the plan’s mission</option>' in page
    assert "change:plan:notes" not in page
    response = client.get(url(plan, "recommend_pick") + "?what=change:plan:theory")
    assert response.url == url(plan, "recommend_part", "theory")


def test_a_part_proposal_is_edited_as_a_draft(client, editor, plan):
    client.force_login(editor)
    propose(client, plan, "vision", vision="First words", **{"why-rationale": "Why."})
    recommendation = Recommendation.objects.get()
    page = client.get(url(plan, "recommendation_edit", recommendation.pk)).content.decode()
    assert "First words</textarea>" in page
    data = {
        "vision": "Second words",
        "why-rationale": "Why, again.",
        "why-fingerprint": fingerprint_in(page, "why-fingerprint"),
    }
    assert client.post(url(plan, "recommendation_edit", recommendation.pk), data).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.proposed["vision"] == "Second words"
    assert recommendation.changes[0][2] == "Second words"


def test_only_an_editor_of_the_district_proposes(client, viewer, outsider, plan):
    data = {"mission": "Sneaked in", "why-rationale": "Because."}
    client.force_login(viewer)
    assert client.post(url(plan, "recommend_part", "mission"), data).status_code == 403
    client.force_login(outsider)
    assert client.post(url(plan, "recommend_part", "mission"), data).status_code == 404
    assert not Recommendation.objects.exists()


def test_the_notes_are_not_proposed(client, editor, plan):
    client.force_login(editor)
    assert client.get(url(plan, "recommend_part", "notes")).status_code == 404


def test_a_part_proposal_travels_in_the_plan_file(client, editor, plan):
    client.force_login(editor)
    propose(client, plan, "theory", theory_of_action="If we… then…", **{"why-rationale": "Why."})
    exported = export_plan(plan)
    recommendation = exported["plan"]["packets"][0]["recommendations"][0]
    assert (recommendation["item_kind"], recommendation["item"]) == ("plan:theory", "plan")
    moved_to = DistrictFactory(name=plan.district.name, slug="copy")  # as on another site
    Membership.objects.create(user=editor, district=moved_to, role="editor")  # who drafted it
    copy = import_plan(moved_to, json.loads(json.dumps(exported)))
    assert export_plan(copy) == exported
    assert copy.packets.get().recommendations.get().item_id == copy.pk


def test_the_proposal_page_asks_a_constant_number_of_queries(
    client, editor, district, django_assert_max_num_queries
):
    small = build_plan(district, goals=1, objectives=1, strategies=1)
    large = build_plan(district, goals=6, objectives=3, strategies=3)
    client.force_login(editor)
    client.get(url(small, "recommend_part", "mission"))  # warms the session and caches
    with django_assert_max_num_queries(12):
        assert client.get(url(small, "recommend_part", "mission")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(url(large, "recommend_part", "mission")).status_code == 200


# A level of the plan's structure ------------------------------------------------------


def test_a_level_is_proposed_from_the_picker_and_applied_once_approved(
    client, editor, approver, plan
):
    client.force_login(editor)
    page = client.get(url(plan, "plan")).content.decode()
    assert f'href="{url(plan, "plan_structure")}">Propose a change' in page
    structure = client.get(url(plan, "plan_structure")).content.decode()
    assert f'href="{url(plan, "recommend_level", "goal")}">Propose a change' in structure
    spring = client.get(url(plan, "spring")).content.decode()
    assert '<option value="change:level:goal">Change what the plan calls its goals' in spring
    response = client.get(url(plan, "recommend_pick") + "?what=change:level:goal")
    assert response.url == url(plan, "recommend_level", "goal")
    form = client.get(response.url).content.decode()
    assert "Recommend: Change what the plan calls its goals" in form

    data = {
        "used": "on",
        "singular": "Aim",
        "plural": "",
        "numbering": "outline",
        "style": "upper",
        "why-rationale": "The board speaks of aims.",
    }
    assert client.post(response.url, data).status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.item_kind == "level:goal"
    assert ["Called", "Goal", "Aim"] in recommendation.changes
    assert ["Numbers", "1, 2, 3", "A, B, C"] in recommendation.changes
    assert plan.level("goal").singular == "Goal"  # not until approved

    forward_and_approve_all(client, plan, editor, approver)

    plan = Plan.objects.get(pk=plan.pk)
    assert (plan.level("goal").singular, plan.level("goal").plural) == ("Aim", "Aims")
    assert Change.objects.get(recommendation=recommendation).item_label == "Plan: structure"
    page = client.get(url(plan, "versions_compare") + "?a=1&b=2").content.decode()
    itself = page.split("<h2>The plan itself</h2>")[1].split("</section>")[0]
    assert "Approved: “Change what the plan calls its goals”" in itself
    row = '<th scope="row">Goals: called</th><td><del>Goal</del></td><td><ins>Aim</ins></td>'
    assert row in itself
    assert "<td><del>1, 2, 3</del></td><td><ins>A, B, C</ins></td>" in itself
    assert "Aim A" in client.get(url(plan, "plan")).content.decode()


def test_a_level_proposal_travels_in_the_plan_file(client, editor, plan):
    client.force_login(editor)
    data = {"used": "on", "singular": "Aim", "numbering": "outline", "style": "digits"}
    client.post(url(plan, "recommend_level", "goal"), {**data, "why-rationale": "Why."})
    exported = export_plan(plan)
    recommendation = exported["plan"]["packets"][0]["recommendations"][0]
    assert (recommendation["item_kind"], recommendation["item"]) == ("level:goal", "plan")
    moved_to = DistrictFactory(name=plan.district.name, slug="copy")
    Membership.objects.create(user=editor, district=moved_to, role="editor")  # who drafted it
    copy = import_plan(moved_to, json.loads(json.dumps(exported)))
    assert export_plan(copy) == exported


def test_no_such_level_is_proposed(client, editor, plan):
    client.force_login(editor)
    assert client.get(url(plan, "recommend_level", "chapter")).status_code == 404


def test_a_sections_own_names_are_proposed_from_the_picker_and_applied_once_approved(
    client, editor, approver, plan
):
    section = Section.objects.create(
        plan=plan, order=1, name="Guardrails", item_label="Guardrail", measure_label="Measure"
    )
    versions.new_version(plan, "As adopted, with its section")  # version 2
    client.force_login(editor)
    spring = client.get(url(plan, "spring")).content.decode()
    assert f'<option value="change:section:{section.pk}">Change the section Guardrails' in spring
    response = client.get(url(plan, "recommend_pick") + f"?what=change:section:{section.pk}")
    assert response.url == url(plan, "recommend", "change", "section", section.pk)
    data = as_data(KINDS["section"].form_for(plan, instance=section)) | {
        "name": "Superintendent Constraints",
        "item_label": "Constraint",
        "why-rationale": "The board's own words.",
    }
    assert client.post(response.url, data).status_code == 302
    section.refresh_from_db()
    assert section.name == "Guardrails"  # not until approved

    forward_and_approve_all(client, plan, editor, approver)
    section.refresh_from_db()
    assert (section.name, section.item_label) == ("Superintendent Constraints", "Constraint")
    page = client.get(url(plan, "plan")).content.decode()
    assert "Superintendent Constraints</a></h2>" in page
    compared = client.get(url(plan, "versions_compare") + "?a=2&b=3").content.decode()
    assert "(approved: “Change Section: Guardrails”)" in compared
    row = '<th scope="row">Heading</th><td><del>Guardrails</del></td>'
    assert row + "<td><ins>Superintendent Constraints</ins></td>" in compared
