"""Spring recommendations: drafted by the committee, forwarded as a packet, decided by the
superintendent, applied all or nothing as a new version of the plan."""

import pytest
from django.core import mail
from django.urls import reverse

from districts.models import ABILITIES
from measures.models import Measure, Revision
from planning import versions
from planning.cycle import recommendations
from planning.models import Goal, Objective, Packet, PlanVersion, Recommendation, Strategy
from tests.conftest import decide, fingerprint_in
from tests.factories import build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(district):
    return build_plan(district, goals=2, objectives=1, strategies=1)


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


def draft_all_kinds(client, plan):
    goal = plan.goals.get(order=1)
    strategy = Strategy.objects.filter(objective__goal=goal).first()
    measure = Measure.objects.filter(plan=plan, goal=goal).first()
    responses = [
        client.post(
            url(plan, "recommend", "change", "goal", goal.pk),
            {
                "title": "Student Growth and Achievement",
                "statement": goal.statement,
                "graduate_attributes": [a.pk for a in goal.graduate_attributes.all()],
                "why-rationale": "Shorter titles read better in board reports.",
            },
        ),
        client.post(
            url(plan, "recommend_add", "goal", goal.pk, "objective"),
            {
                "title": "Close College Gaps",
                "description": "Support college entry.",
                "why-rationale": "The data show a gap in college entry.",
            },
        ),
        client.post(
            url(plan, "recommend", "retire", "strategy", strategy.pk),
            {"why-rationale": "Completed last year."},
        ),
        client.post(
            url(plan, "recommend", "adjust_targets", "measure", measure.pk),
            {
                "target_2022": "60",
                "target_2023": "72",
                "why-rationale": "The state raised the bar.",
            },
        ),
    ]
    assert [r.status_code for r in responses] == [302] * 4, [
        r.content[:3000] for r in responses if r.status_code != 302
    ]
    return goal, strategy, measure


def test_the_whole_spring_from_drafts_to_a_new_version(client, plan, editor, approver):
    client.force_login(editor)
    goal, strategy, measure = draft_all_kinds(client, plan)
    page = client.get(url(plan, "spring")).content.decode()
    assert "Change Goal 1" in page and "Student Growth and Achievement" in page
    assert "Add an objective to Goal 1" in page and "Close College Gaps" in page

    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    packet.refresh_from_db()
    assert packet.state == "forwarded"
    assert mail.outbox[0].to == [approver.email]
    assert f"/spring/{packet.pk}/" in mail.outbox[0].body

    client.force_login(approver)
    page = client.get(url(plan, "packet", packet.pk)).content.decode()
    assert "Record the decision" in page and "The state raised the bar." in page
    recommendations = list(packet.recommendations.order_by("pk"))
    for recommendation in recommendations[:3]:
        decide(client, recommendation, "approve", "Agreed.")
    assert not PlanVersion.objects.exists()  # not until the last decision
    decide(client, recommendations[3], "decline", "Keep this year's target.")

    packet.refresh_from_db()
    assert packet.state == "closed"
    goal.refresh_from_db()
    assert goal.title == "Student Growth and Achievement"
    assert goal.objectives.filter(title="Close College Gaps").exists()
    assert not Strategy.objects.filter(pk=strategy.pk).exists()
    assert not measure.targets.filter(year=2023).exists()  # that one was declined
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]
    assert "Spring recommendations decided" in mail.outbox[-1].subject

    compared = client.get(url(plan, "versions_compare") + "?a=1&b=2").content.decode()
    assert "<strong>Changed</strong> goal" in compared
    assert "<ins>Student Growth and Achievement</ins>" in compared
    assert "<strong>Added</strong> objective “Close College Gaps”" in compared
    assert "<strong>Retired</strong> strategy" in compared


def test_adjusted_targets_keep_the_old_value_and_the_rationale(client, plan, editor, approver):
    client.force_login(editor)
    measure = Measure.objects.filter(plan=plan).first()
    client.post(
        url(plan, "recommend", "adjust_targets", "measure", measure.pk),
        {"target_2022": "65", "why-rationale": "The state raised the bar."},
    )
    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    client.force_login(approver)
    decide(client, packet.recommendations.get(), "approve")
    assert measure.targets.get(year=2022).value == 65
    revision = Revision.objects.get(measure=measure)
    assert (revision.old_value, revision.new_value, revision.reason) == (
        "60",
        "65",
        "The state raised the bar.",
    )


def test_nothing_is_applied_when_one_recommendation_no_longer_fits(client, plan, editor, approver):
    client.force_login(editor)
    goal, strategy, _ = draft_all_kinds(client, plan)
    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    strategy.delete()  # someone removed it meanwhile

    client.force_login(approver)
    recommendations = list(packet.recommendations.order_by("pk"))
    for recommendation in recommendations[:3]:
        decide(client, recommendation, "approve")
    page = decide(client, recommendations[3], "approve", follow=True).content.decode()

    assert "can no longer be applied: the item has been deleted since it was drafted." in page
    assert "Retire Strategy 1.1.1" in page
    goal.refresh_from_db()
    assert goal.title != "Student Growth and Achievement"
    assert not Objective.objects.filter(title="Close College Gaps").exists()
    recommendations[3].refresh_from_db()
    assert recommendations[3].state == "forwarded"  # the last decision was not kept either
    assert not PlanVersion.objects.exists()

    decide(client, recommendations[2], "decline")
    assert Packet.objects.get(pk=packet.pk).state == "forwarded"  # 2 was decided already


def test_an_item_changed_since_drafting_stops_the_packet(client, plan, editor, approver):
    client.force_login(editor)
    goal = plan.goals.get(order=1)
    client.post(
        url(plan, "recommend", "change", "goal", goal.pk),
        {"title": "New title", "statement": goal.statement, "why-rationale": "Why not."},
    )
    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    Goal.objects.filter(pk=goal.pk).update(statement="Edited in the meantime")
    client.force_login(approver)
    page = decide(client, packet.recommendations.get(), "approve", follow=True).content.decode()
    assert "has been changed since it was drafted" in page
    assert Goal.objects.get(pk=goal.pk).title != "New title"


# Every step refused where it is not allowed ------------------------------------------


@pytest.fixture
def forwarded(client, plan, editor):
    client.force_login(editor)
    goal = plan.goals.get(order=1)
    client.post(url(plan, "recommend", "retire", "goal", goal.pk), {"why-rationale": "Done."})
    packet = Packet.objects.get(plan=plan)
    client.post(url(plan, "packet_forward", packet.pk))
    return packet.recommendations.get()


def test_a_forwarded_recommendation_cannot_be_edited_or_withdrawn(client, plan, forwarded):
    edit = client.get(url(plan, "recommendation_edit", forwarded.pk), follow=True)
    assert "A recommendation that is awaiting decision cannot be edited." in edit.content.decode()
    client.post(url(plan, "recommendation_withdraw", forwarded.pk))
    forwarded.refresh_from_db()
    assert forwarded.state == "forwarded"


def test_only_the_superintendent_decides(client, plan, forwarded, editor, admin_user):
    for person in (editor, admin_user):
        client.force_login(person)
        response = decide(client, forwarded, "approve")
        assert response.status_code == 403
        assert "Only the superintendent (approver) can do that." in response.content.decode()
    forwarded.refresh_from_db()
    assert forwarded.state == "forwarded"


def test_a_decided_recommendation_is_not_decided_again(client, plan, forwarded, approver):
    client.force_login(approver)
    decide(client, forwarded, "decline", "No.")
    page = decide(client, forwarded, "approve", follow=True).content.decode()
    assert "A recommendation that is declined cannot be approved." in page
    forwarded.refresh_from_db()
    assert (forwarded.state, forwarded.decision_note) == ("declined", "No.")


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("Agreed, from May.", "“Agreed, from May.”</span>"),
        ("Agreed, from May", "“Agreed, from May.”</span>"),
        ("At last!", "“At last!”</span>"),
        ("", ").</span>"),
    ],
)
def test_the_comparison_quotes_a_decision_note_with_one_full_stop(
    client, plan, forwarded, approver, note, shown
):
    client.force_login(approver)
    decide(client, forwarded, "approve", note)
    compared = client.get(url(plan, "versions_compare") + "?a=1&b=2").content.decode()
    assert shown in compared
    assert ".”." not in compared and "!”." not in compared


def test_a_draft_cannot_be_decided(client, plan, editor, approver):
    client.force_login(editor)
    client.post(
        url(plan, "recommend", "retire", "goal", plan.goals.first().pk), {"why-rationale": "x"}
    )
    recommendation = Recommendation.objects.get()
    client.force_login(approver)
    page = decide(client, recommendation, "approve", follow=True).content.decode()
    assert "A recommendation that is draft cannot be approved." in page


def test_viewers_and_approvers_cannot_draft_or_forward(client, plan, viewer, approver, editor):
    client.force_login(editor)
    client.post(
        url(plan, "recommend", "retire", "goal", plan.goals.first().pk), {"why-rationale": "x"}
    )
    packet = Packet.objects.get()
    for person in (viewer, approver):
        client.force_login(person)
        assert (
            client.post(
                url(plan, "recommend", "retire", "goal", plan.goals.first().pk),
                {"why-rationale": "y"},
            ).status_code
            == 403
        )
        assert client.post(url(plan, "packet_forward", packet.pk)).status_code == 403
    assert Packet.objects.get().state == "drafting"
    assert Recommendation.objects.count() == 1


def test_a_recommendation_without_rationale_is_refused_with_its_text_kept(client, plan, editor):
    client.force_login(editor)
    goal = plan.goals.first()
    response = client.post(
        url(plan, "recommend", "change", "goal", goal.pk),
        {"title": "Kept title", "statement": goal.statement, "why-rationale": ""},
    )
    assert response.status_code == 422
    assert 'value="Kept title"' in response.content.decode()
    assert not Recommendation.objects.exists()


def test_every_transition_in_the_table_and_none_outside_it():
    states = {"recommendation": list(Recommendation.State), "packet": list(Packet.State)}
    steps = {"edit", "withdraw", "forward", "approve", "decline", "return", "close"}
    for what, all_states in states.items():
        for state in all_states:
            for name in steps:
                for role in ("admin", "editor", "approver", "viewer"):
                    allowed = recommendations.STEPS.get((what, state, name))
                    if allowed and role in ABILITIES[allowed[1]]:
                        assert recommendations.step(what, state, name, role) == allowed[0]
                    else:
                        with pytest.raises(recommendations.StepRefused):
                            recommendations.step(what, state, name, role)


def test_outsider_gets_404_for_spring_pages(client, plan, forwarded, outsider):
    client.force_login(outsider)
    for page in (
        url(plan, "spring"),
        url(plan, "packet", forwarded.packet_id),
        url(plan, "versions"),
    ):
        assert client.get(page).status_code == 404


def test_a_goals_research_rationale_is_not_the_recommendations_rationale(client, plan, editor):
    client.force_login(editor)
    goal = plan.goals.first()
    client.post(
        url(plan, "recommend", "change", "goal", goal.pk),
        {
            "title": goal.title,
            "statement": goal.statement,
            "graduate_attributes": [a.pk for a in goal.graduate_attributes.all()],
            "rationale": "EFFECTIVE TEACHING IS THE MOST ESSENTIAL TO STUDENT LEARNING",
            "why-rationale": "The research behind the goal was missing.",
        },
    )
    recommendation = Recommendation.objects.get()
    assert recommendation.rationale == "The research behind the goal was missing."
    assert (
        recommendation.proposed["rationale"]
        == "EFFECTIVE TEACHING IS THE MOST ESSENTIAL TO STUDENT LEARNING"
    )
    assert recommendation.changes == [
        [
            "Research and practice rationale",
            "—",
            "EFFECTIVE TEACHING IS THE MOST ESSENTIAL TO STUDENT LEARNING",
        ]
    ]


def test_a_draft_is_edited_and_withdrawn_by_the_committee(client, plan, editor):
    client.force_login(editor)
    goal = plan.goals.first()
    client.post(url(plan, "recommend", "retire", "goal", goal.pk), {"why-rationale": "Done."})
    recommendation = Recommendation.objects.get()
    page = client.get(url(plan, "recommendation_edit", recommendation.pk)).content.decode()
    assert "Done." in page
    client.post(
        url(plan, "recommendation_edit", recommendation.pk),
        {
            "why-rationale": "Met two years early.",
            "why-fingerprint": fingerprint_in(page, "why-fingerprint"),
        },
    )
    recommendation.refresh_from_db()
    assert recommendation.rationale == "Met two years early."

    client.post(url(plan, "recommendation_withdraw", recommendation.pk))
    recommendation.refresh_from_db()
    assert recommendation.state == "withdrawn"
    refused = client.post(url(plan, "packet_forward", recommendation.packet_id), follow=True)
    assert "There is no draft recommendation to forward." in refused.content.decode()


def test_a_stale_save_of_a_draft_recommendation_is_caught_and_the_text_kept(client, plan, editor):
    client.force_login(editor)
    goal = plan.goals.first()
    proposal = {
        "title": "Student Growth",
        "statement": goal.statement,
        "graduate_attributes": [a.pk for a in goal.graduate_attributes.all()],
    }
    client.post(
        url(plan, "recommend", "change", "goal", goal.pk),
        {**proposal, "why-rationale": "Shorter titles read better."},
    )
    recommendation = Recommendation.objects.get()
    edit = url(plan, "recommendation_edit", recommendation.pk)
    opened = fingerprint_in(client.get(edit).content, "why-fingerprint")
    first = client.post(
        edit,
        {
            **proposal,
            "title": "Growth for Every Student",
            "why-rationale": "Shorter titles read better.",
            "why-fingerprint": opened,
        },
    )
    assert first.status_code == 302

    late = client.post(
        edit,
        {**proposal, "why-rationale": "My own reasons, typed late.", "why-fingerprint": opened},
    )
    page = late.content.decode()
    assert late.status_code == 409
    assert "Someone else saved this while you were editing" in page
    assert "My own reasons, typed late." in page  # the person's text, kept in the form
    assert "Growth for Every Student" in page  # what the other person saved
    recommendation.refresh_from_db()
    assert recommendation.proposed["title"] == "Growth for Every Student"
    assert recommendation.rationale == "Shorter titles read better."

    again = client.post(
        edit,
        {
            **proposal,
            "why-rationale": "My own reasons, typed late.",
            "why-fingerprint": fingerprint_in(page, "why-fingerprint"),
        },
    )
    assert again.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.rationale == "My own reasons, typed late."
    assert recommendation.proposed["title"] == "Student Growth"


def test_each_version_reads_as_it_was(client, plan, editor, approver):
    client.force_login(editor)
    goal = plan.goals.first()
    old_title = goal.title
    client.post(
        url(plan, "recommend", "change", "goal", goal.pk),
        {
            "title": "Renamed",
            "statement": goal.statement,
            "graduate_attributes": [a.pk for a in goal.graduate_attributes.all()],
            "why-rationale": "Clearer.",
        },
    )
    client.post(url(plan, "packet_forward", Packet.objects.get().pk))
    client.force_login(approver)
    decide(client, Recommendation.objects.get(), "approve")
    first = client.get(url(plan, "version", 1)).content.decode()
    second = client.get(url(plan, "version", 2)).content.decode()
    assert old_title in first and "Renamed" not in first
    assert "Renamed" in second
    listing = client.get(url(plan, "versions")).content.decode()
    assert (
        "Version 1</a>: As adopted" in listing
        and "1 approved change," in listing
        and "(s)" not in listing
    )


def test_comparing_the_belen_plan_after_known_changes(samples, django_user_model):
    """Belén's plan, changed in three known ways, compared with itself as adopted."""
    from planning.compare import compare
    from planning.models import Plan

    plan = Plan.objects.get(district__slug="belen")
    adopted = plan.versions.get(number=1)
    academic = Objective.objects.get(goal__plan=plan, title="Academic Growth")
    academic.description = "Ensure academic growth for every student by closing the achievement gap"
    academic.save()
    Strategy.objects.get(plan=plan, text__startswith="Increase college entry").delete()
    Objective.objects.create(plan=plan, goal=academic.goal, order=99, title="Attendance")
    changed = versions.new_version(plan, "Known changes")

    comparison = compare(adopted.snapshot, changed.snapshot)

    assert [goal.title[:6] for goal in comparison["goals"]] == ["Goal 1"]
    said = [(d.what, d.level, d.name) for d in comparison["goals"][0].differences]
    assert ("Changed", "Objective", "Academic Growth") in said
    assert ("Retired", "Implementation strategy", "Increase college entry rates") in said
    assert ("Added", "Objective", "Attendance") in said
    change = next(d for d in comparison["goals"][0].differences if d.what == "Changed")
    label, before, after = change.changes[0]
    assert label == "Description"
    assert "<del>all students</del>" in before and "<ins>every student</ins>" in after
    assert "by closing the achievement gap" in after


def test_an_add_cannot_name_another_plan_as_its_parent(client, plan, editor, other_district):
    elsewhere = build_plan(other_district, goals=1, objectives=0, strategies=0)
    client.force_login(editor)
    response = client.post(
        url(plan, "recommend_add", "plan", elsewhere.pk, "goal"),
        {"statement": "Somewhere else.", "why-rationale": "Because."},
    )
    assert response.status_code == 404
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize(
    ("drafts", "words"),
    [(1, "forwarded 1 recommendation for"), (2, "forwarded 2 recommendations for")],
)
def test_the_superintendents_mail_counts_the_recommendations_in_words(
    client, plan, editor, approver, drafts, words
):
    client.force_login(editor)
    for goal in plan.goals.all()[:drafts]:
        client.post(url(plan, "recommend", "retire", "goal", goal.pk), {"why-rationale": "Done."})
    client.post(url(plan, "packet_forward", Packet.objects.get().pk))
    assert words in mail.outbox[-1].body and "(s)" not in mail.outbox[-1].body
