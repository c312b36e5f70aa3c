"""A whole plan to one JSON file and back, without loss; bad files create nothing."""

import copy
import html
import io
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from districts.models import District, Invitation
from measures.models import Result, Revision, StudentGroup, Target
from planning.exchange import FORMAT, PlanFileError, export_plan, import_plan, read
from planning.models import GraduateAttribute, Plan, Review
from tests.conftest import decide
from tests.factories import DistrictFactory, MembershipFactory, build_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_history(samples, client):
    """Belén with a result, a closed review and a decided packet, made through the pages."""
    plan = Plan.objects.get(district__slug="belen")
    goal = plan.goals.get(order=1)
    client.login(username="belen-editor", password="plans-demo")
    # Its measure is added as to a draft: an adopted plan's would be proposed first.
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    client.post(
        reverse("item_add", args=["belen", plan.pk, "goal", goal.pk, "measure"]),
        {
            "name": "Third grade reading proficiency",
            "kind": "quantitative",
            "unit": "percent",
            "decimals": 1,
            "direction": "increase",
            "baseline_value": "41.5",
            "baseline_year": "2018",
            "target_form": "yearly",
            "target_2019": "45",
            "target_2020": "48",
            "breakdown_names": "English learners",
        },
    )
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    measure = plan.measures.get()
    client.post(
        reverse("result_edit", args=["belen", plan.pk, measure.pk, 2019, "all"]),
        {"value": "44.2", "note": "State data", "fingerprint": ""},
    )
    client.post(reverse("reviews", args=["belen", plan.pk]), {"year": "2019"})
    client.post(
        reverse("assessment_edit", args=["belen", plan.pk, 2019, "goal", goal.pk]),
        {"rating": "steady", "text": "Reading rose.", "meeting_date": "2020-10-12"},
    )
    client.post(
        reverse("recommend", args=["belen", plan.pk, "retire", "goal", plan.goals.get(order=4).pk]),
        {"why-rationale": "Folded into goal 3."},
    )
    client.post(reverse("packet_forward", args=["belen", plan.pk, plan.packets.get().pk]))
    client.login(username="belen-admin", password="plans-demo")
    client.post(reverse("review_close", args=["belen", plan.pk, 2019]))
    client.login(username="belen-approver", password="plans-demo")
    decide(client, plan.packets.get().recommendations.get(), "return", "Discuss in May.")
    return Plan.objects.get(pk=plan.pk)


@pytest.mark.parametrize("slug", ["butler53", "district62", "belen", "clayton"])
def test_export_import_export_gives_the_same_file(samples, slug):
    plan = Plan.objects.get(district__slug=slug)
    exported = export_plan(plan)
    moved_to = DistrictFactory(name=plan.district.name, slug=f"copy-{slug}")  # as on another site
    copy = import_plan(moved_to, json.loads(json.dumps(exported)))
    assert export_plan(copy) == exported


def test_a_plan_with_results_reviews_and_recommendations_round_trips(with_history):
    exported = export_plan(with_history)
    plan_part = exported["plan"]
    assert plan_part["reviews"][0]["state"] == "closed"
    assert plan_part["reviews"][0]["assessments"][0]["item"] == "G1"
    assert plan_part["packets"][0]["recommendations"][0]["item"] == "G4"
    measure = plan_part["items"][0]["measures"][0]
    assert measure["results"][0]["value"] == "44.2" and measure["breakdown"] == ["English learners"]
    moved_to = DistrictFactory(name=with_history.district.name, slug="copy")
    for membership in with_history.district.memberships.all():  # who entered its results
        MembershipFactory(district=moved_to, user=membership.user, role=membership.role)
    copy = import_plan(moved_to, json.loads(json.dumps(exported)))
    assert export_plan(copy) == exported


def test_an_admin_downloads_and_uploads_a_plan_through_the_pages(client, samples):
    from django.core.files.uploadedfile import SimpleUploadedFile

    plan = Plan.objects.get(district__slug="clayton")
    client.login(username="clayton-admin", password="plans-demo")
    download = client.get(reverse("plan_export", args=["clayton", plan.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    upload = SimpleUploadedFile("plan.json", download.content, content_type="application/json")
    response = client.post(reverse("plan_import", args=["clayton"]), {"file": upload})
    assert response.status_code == 302
    assert Plan.objects.filter(district__slug="clayton").count() == 2


def test_only_administrators_export_and_import(client, samples):
    plan = Plan.objects.get(district__slug="clayton")
    client.login(username="clayton-editor", password="plans-demo")
    assert client.get(reverse("plan_export", args=["clayton", plan.pk])).status_code == 403
    assert client.post(reverse("plan_import", args=["clayton"])).status_code == 403
    client.login(username="belen-admin", password="plans-demo")
    assert client.get(reverse("plan_export", args=["clayton", plan.pk])).status_code == 404


def spoiled(data: dict, place: str, value) -> dict:
    """A copy of the file with the value at place (plan.items.0.title) set, or taken out
    when value is GONE."""
    data = copy.deepcopy(data)
    *steps, last = [int(step) if step.isdigit() else step for step in place.split(".")]
    here = data
    for step in steps:
        here = here[step]
    if value is GONE:
        del here[last]
    else:
        here[last] = value
    return data


GONE = object()
CLOSED_REVIEW = {"year": 2021, "state": "closed", "record": None, "closed_at": None}
ASSESSMENT = {"rating": "steady", "text": "x", "meeting_date": "2021-10-01"}
RECORD_GOAL = {
    "goal_id": "G1",
    "number": "1",
    "title": "A goal",
    "statement": "",
    "counts": [],
    "assessment": None,
    "measures": [],
}
RECOMMENDATION = {
    "action": "adjust_targets",
    "item_kind": "measure",
    "item": "G1.M9",
    "item_label": "A measure",
    "rationale": "x",
    "state": "draft",
}


def nested(depth: int) -> bytes:
    return b'{"format": "district-plans/2", "plan": ' + b"[" * depth + b"]" * depth + b"}"


# Each bad file of issue 14, with the place its message names and what it says there.
BAD_FILES = [
    (lambda d: b"{not json", "", "This is not a JSON file"),
    (lambda d: b" " * 5_000_001, "", "plan files of up to 5,000 KB are read"),
    (lambda d: nested(100_000), "", "nests lists and objects more than 64 deep"),
    (lambda d: b'{"plan": {"start_year": 1' + b"0" * 5000 + b"}}", "", "This is not a JSON"),
    (lambda d: {**d, "format": "district-plans/0"}, "", "not a plan file of this version"),
    (lambda d: spoiled(d, "plan.title", GONE), "plan.title", "is missing"),
    (lambda d: spoiled(d, "plan.title", "x" * 5000), "plan.title", "at most 2,000 are kept"),
    (lambda d: spoiled(d, "plan.items.0.title", "x" * 5000), "plan.items[0].title", "at most 200"),
    (
        lambda d: spoiled(d, "plan.graduate_attributes", ["x"]),
        "plan.graduate_attributes[0]",
        "should be an object",
    ),
    (lambda d: spoiled(d, "plan.items.0.ref", [1]), "plan.items[0].ref", "should be text"),
    (lambda d: spoiled(d, "plan.reviews", [1]), "plan.reviews[0]", "should be an object"),
    (lambda d: spoiled(d, "plan.items", 5), "plan.items", "should be a list"),
    (
        lambda d: spoiled(d, "plan.items.0.children", 5),
        "plan.items[0].children",
        "should be a list",
    ),
    (lambda d: spoiled(d, "plan.start_year", -5), "plan.start_year", "should be at least 1990"),
    (lambda d: spoiled(d, "plan.start_year", 70000), "plan.start_year", "should be at most 2100"),
    (lambda d: spoiled(d, "plan.end_year", 10**20), "plan.end_year", "should be at most 2100"),
    (
        lambda d: spoiled(d, "plan.end_year", 2019),
        "plan.end_year",
        "end_year must come after its start_year",
    ),
    (lambda d: spoiled(d, "plan.end_year", 2031), "plan.end_year", "spans at most 10 years"),
    (lambda d: spoiled(d, "plan.notes", None), "plan.notes", "should be text"),
    (
        lambda d: spoiled(d, "plan.status", None),
        "plan.status",
        "should be one of 'draft', 'adopted' or 'archived'",
    ),
    (
        lambda d: spoiled(d, "plan.status", "bogus"),
        "plan.status",
        "should be one of 'draft', 'adopted' or 'archived', not \"bogus\"",
    ),
    (lambda d: spoiled(d, "plan.published", None), "plan.published", "should be true or false"),
    (lambda d: spoiled(d, "plan.published", "x"), "plan.published", "should be true or false"),
    (lambda d: spoiled(d, "plan.mission", ["a", "b"]), "plan.mission", "should be text"),
    (
        lambda d: spoiled(d, "plan.items.0.level", "bogus"),
        "plan.items[0]",
        "“level” should be one of pillar, goal",
    ),
    (
        lambda d: spoiled(d, "plan.items.0.level", []),
        "plan.items[0]",
        "“level” should be one of pillar, goal",
    ),
    (
        lambda d: spoiled(d, "plan.items.0.children", [{"level": "pillar", "title": "x"}]),
        "plan.items[0].children[0].level",
        "a pillar cannot hang under a goal",
    ),
    (
        lambda d: spoiled(d, "plan.items.0.graduate_attributes", ["Kind"]),
        "plan.items[0].graduate_attributes",
        "“Kind” is not a graduate attribute of the plan",
    ),
    (
        lambda d: spoiled(d, "plan.items.0.measures.0.targets", {"2024": "85%"}),
        "plan.items[0].measures[0].targets.2024",
        "“85%” is not a number: write it as 85 or 85.5",
    ),
    (
        lambda d: spoiled(d, "plan.items.0.measures.0.targets", {"2024": "1e400"}),
        "plan.items[0].measures[0].targets.2024",
        "more than 4 decimals|too large",
    ),
    (
        lambda d: spoiled(d, "plan.items.0.measures.0.targets", {"12024": "1"}),
        "plan.items[0].measures[0].targets.12024",
        "should be a year from 1990 to 2100",
    ),
    (
        lambda d: spoiled(d, "plan.items.0.measures.0.kind", "bogus"),
        "plan.items[0].measures[0].kind",
        "should be one of 'quantitative'",
    ),
    (lambda d: spoiled(d, "plan.items.0.title", "a\x00b"), "plan.items[0].title", "NUL character"),
    (
        lambda d: spoiled(
            d,
            "plan.items.0.measures.0.results",
            [{"year": 2021, "group": "ELL", "value": "1"}, {"year": 2021, "group": "ell"}],
        ),
        "plan.items[0].measures[0].results[1]",
        "a second result for 2021, ell",
    ),
    (
        lambda d: spoiled(
            d, "plan.items.0.measures.0.group_targets", {"ELL": {"2024": "1"}, "ell": {}}
        ),
        "plan.items[0].measures[0].group_targets.ell",
        "is the student group ELL again",
    ),
    (
        lambda d: spoiled(
            d, "plan.reviews", [{"year": 2021, "opened_at": "9999-12-31T23:00:00-05:00"}]
        ),
        "plan.reviews[0].opened_at",
        "should be a date and time such as",
    ),
    (
        lambda d: spoiled(d, "plan.reviews", [CLOSED_REVIEW]),
        "plan.reviews[0].closed_at",
        "a closed review needs it",
    ),
    (
        lambda d: spoiled(d, "plan.reviews", [{"state": "open"}]),
        "plan.reviews[0].year",
        "is missing",
    ),
    (
        lambda d: spoiled(d, "plan.reviews", [{"year": 2021}, {"year": 2021}]),
        "plan.reviews[1].year",
        "another review of 2021",
    ),
    (
        lambda d: spoiled(
            d, "plan.reviews", [{"year": 2021, "assessments": [{"goal": "G9", **ASSESSMENT}]}]
        ),
        "plan.reviews[0].assessments[0].item",
        "points to G9, which is not in the plan",
    ),
    (
        lambda d: spoiled(
            d,
            "plan.reviews",
            [
                {
                    "year": 2021,
                    "record": {
                        "year": 2021,
                        "year_label": "x",
                        "labels": {},
                        "goals": [{**RECORD_GOAL, "svg": "<meta http-equiv=refresh>"}],
                    },
                }
            ],
        ),
        "plan.reviews[0].record.goals[0].svg",
        "is not a field a plan file has here",
    ),
    (
        lambda d: spoiled(
            d, "plan.packets", [{"state": "drafting", "recommendations": [RECOMMENDATION]}]
        ),
        "plan.packets[0].recommendations[0].item",
        "points to G1.M9, which is not in the plan",
    ),
]


@pytest.mark.parametrize(("spoil", "place", "words"), BAD_FILES)
def test_a_bad_file_is_refused_with_the_place_and_the_problem_and_nothing_is_created(
    client, samples, spoil, place, words
):
    source = export_plan(Plan.objects.get(district__slug="clayton"))
    bad = spoil(source)
    raw = bad if isinstance(bad, bytes) else json.dumps(bad).encode()
    before = Plan.objects.count()
    with pytest.raises(PlanFileError) as refused:
        read(raw)
    problem = refused.value.problems[0]
    assert re.search(words, problem), problem
    if place:
        assert problem.startswith(f"{place}: "), problem
    client.login(username="clayton-admin", password="plans-demo")
    response = client.post(
        reverse("plan_import", args=["clayton"]), {"file": SimpleUploadedFile("plan.json", raw)}
    )
    assert response.status_code == 422
    assert html.escape(problem[:60]) in response.content.decode()
    assert Plan.objects.count() == before


def test_import_plan_refuses_a_bad_file_given_as_data_and_creates_nothing(samples):
    """Data that did not come through read() is checked as a file is."""
    source = export_plan(Plan.objects.get(district__slug="clayton"))
    before = Plan.objects.count()
    with pytest.raises(PlanFileError, match=r"plan.items\[0\].measures\[0\].targets.2024"):
        import_plan(
            District.objects.get(slug="clayton"),
            spoiled(source, "plan.items.0.measures.0.targets", {"2024": "85%"}),
        )
    assert Plan.objects.count() == before


def test_a_file_wrong_in_many_places_is_told_a_few_of_them(samples):
    source = export_plan(Plan.objects.get(district__slug="clayton"))
    for item in source["plan"]["items"]:
        for measure in item["measures"]:
            measure["name"] = None
    with pytest.raises(PlanFileError) as refused:
        read(json.dumps(source).encode())
    assert refused.value.problems[:2] == [
        "plan.items[0].measures[0].name: should be text",
        "plan.items[0].measures[1].name: should be text",
    ]
    assert len(refused.value.problems) == 5 + 1
    assert refused.value.problems[-1] == "… and 13 more problems."


def test_a_version_1_file_is_upgraded_and_imported(samples):
    sample = json.loads(Path("fixtures/belen.json").read_text())
    data = read(json.dumps({"format": "district-plans/1", "plan": sample["plan"]}).encode())
    plan = import_plan(DistrictFactory(slug="elsewhere"), data)
    goals = Plan.objects.get(district__slug="belen").goals
    assert plan.goals.count() == goals.count() > 0
    assert list(plan.objectives.order_by("pk").values_list("title", flat=True)) == list(
        Plan.objects.get(district__slug="belen")
        .objectives.order_by("pk")
        .values_list("title", flat=True)
    )


def test_the_import_command_says_what_is_wrong_and_where(samples, tmp_path):
    path = tmp_path / "bad.json"
    source = export_plan(Plan.objects.get(district__slug="clayton"))
    path.write_text(json.dumps(spoiled(source, "plan.status", "bogus")))
    before = Plan.objects.count()
    with pytest.raises(CommandError, match=r"plan\.status: should be one of"):
        call_command("import_plan", "clayton", str(path))
    path.write_bytes(nested(100_000))
    with pytest.raises(CommandError, match="more than 64 deep"):
        call_command("import_plan", "clayton", str(path))
    assert Plan.objects.count() == before


def test_operators_export_and_import_with_manage_py(samples, tmp_path):
    path = tmp_path / "belen.json"
    call_command(
        "export_plan", "belen", str(Plan.objects.get(district__slug="belen").pk), str(path)
    )
    assert json.loads(path.read_text())["format"] == FORMAT
    District.objects.create(name="Elsewhere", slug="elsewhere")
    call_command("import_plan", "elsewhere", str(path))
    assert Plan.objects.filter(district__slug="elsewhere").count() == 1


def test_an_invited_owner_goes_with_the_plan_by_email(client, district, admin_user, outsider):
    plan = build_plan(district, goals=1, objectives=1, strategies=2, status="draft")
    invited = Invitation.objects.create(
        district=district, email="nina@example.org", role="editor", token="nina"
    )
    plan.strategies.filter(order=1).update(owner_invitation=invited)
    exported = export_plan(plan)

    copy = import_plan(district, json.loads(json.dumps(exported)))
    strategy = copy.strategies.get(order=1, objective__goal__order=1)
    assert strategy.owner_invitation == invited and strategy.owner == ""
    assert export_plan(copy) == exported

    Invitation.objects.create(  # expired: no longer someone to give work to
        district=outsider.memberships.get().district,
        email="nina@example.org",
        role="editor",
        token="old",
    )
    Invitation.objects.filter(token="old").update(created_at=timezone.now() - timedelta(days=15))
    client.force_login(outsider)
    upload = SimpleUploadedFile("plan.json", json.dumps(exported).encode())
    address = reverse("plan_import", args=["hillcrest"])
    response = client.post(address, {"file": upload}, follow=True)
    assert "are written by their email: nina@example.org." in response.content.decode()
    moved = Plan.objects.get(district__slug="hillcrest").strategies.get(
        order=1, objective__goal__order=1
    )
    assert moved.owner_invitation is None and moved.owner_name == "nina@example.org"


def test_a_file_names_who_entered_results_only_among_the_importing_districts_members(
    client, district, editor, outsider, tmp_path
):
    plan = build_plan(district, goals=1, objectives=1, strategies=1)
    by_editor = plan.measures.get(goal__isnull=False)
    by_editor.results.update(entered_by=editor)
    Revision.objects.create(
        measure=by_editor, field="baseline", new_value="2", reason="Restated", changed_by=editor
    )
    plan.measures.get(strategy__isnull=False).results.update(entered_by=outsider)
    Review.objects.create(plan=plan, year=2022, opened_by=editor)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(export_plan(plan)))

    client.force_login(outsider)
    upload = SimpleUploadedFile("plan.json", path.read_bytes())
    response = client.post(
        reverse("plan_import", args=["hillcrest"]), {"file": upload}, follow=True
    )
    told = "kept without a name: eddie-editor."
    assert Review.objects.get(plan__district__slug="hillcrest").opened_by is None
    assert told in response.content.decode()
    moved = Plan.objects.get(district__slug="hillcrest")
    results = Result.objects.filter(measure__plan=moved)
    assert results.get(measure__goal__isnull=False).entered_by is None
    assert results.get(measure__strategy__isnull=False).entered_by == outsider
    assert Revision.objects.get(measure__plan=moved).changed_by is None

    said = io.StringIO()
    call_command("import_plan", "hillcrest", str(path), stdout=said)
    assert told in said.getvalue()


def test_the_import_command_says_which_invited_owners_it_wrote_by_email(district, tmp_path):
    plan = build_plan(district, goals=1, objectives=1, strategies=1, status="draft")
    invited = Invitation.objects.create(
        district=district, email="nina@example.org", role="editor", token="nina"
    )
    plan.strategies.update(owner_invitation=invited)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(export_plan(plan)))
    District.objects.create(name="Elsewhere", slug="elsewhere")

    said = io.StringIO()
    call_command("import_plan", "elsewhere", str(path), stdout=said)
    assert "are written by their email: nina@example.org." in said.getvalue()
    assert Plan.objects.get(district__slug="elsewhere").strategies.get().owner == "nina@example.org"


def a_file_of(district, goals: int, entered_by) -> dict:
    """A plan file of that many goals, each with its graduate attributes, and each measure
    with a student group, its target and result and a revision."""
    plan = build_plan(district, goals=goals, objectives=1, strategies=2)
    GraduateAttribute.objects.create(plan=plan, order=2, name="Kind")
    for goal in plan.goals.all():
        goal.graduate_attributes.add(*plan.graduate_attributes.all())
    for n, measure in enumerate(plan.measures.all()):
        group = StudentGroup.objects.named(district, f"Group {n}")
        measure.breakdown.add(group)
        Target.objects.create(measure=measure, group=group, year=2022, value=50)
        Result.objects.create(measure=measure, group=group, year=2022, value=48)
        Revision.objects.create(
            measure=measure,
            field="baseline",
            new_value="2",
            reason="Restated",
            changed_by=entered_by,
        )
    Result.objects.filter(measure__plan=plan).update(entered_by=entered_by)
    return json.loads(json.dumps(export_plan(plan)))


@pytest.mark.parametrize("goals", [2, 8])
def test_an_import_costs_the_same_queries_for_2_goals_as_for_8(
    district, editor, goals, django_assert_max_num_queries
):
    data = a_file_of(district, goals, entered_by=editor)
    elsewhere = DistrictFactory(name="Elsewhere", slug="elsewhere")
    MembershipFactory(district=elsewhere, user=editor)
    with django_assert_max_num_queries(64):
        copy = import_plan(elsewhere, data)
    assert export_plan(copy)["plan"] == data["plan"]


def test_a_plan_copied_keeps_groups_whose_names_differ_only_in_case_apart(
    client, district, admin_user
):
    plan = build_plan(district, goals=1, objectives=0, strategies=0)
    measure = plan.measures.get()
    upper = StudentGroup.objects.create(district=district, name="ELL")
    lower = StudentGroup.objects.create(district=district, name="ell")  # as the admin allows
    Target.objects.create(measure=measure, year=2023, group=upper, value=30)
    Target.objects.create(measure=measure, year=2023, group=lower, value=35)
    client.force_login(admin_user)
    response = client.post(
        reverse("plan_new", args=[district.slug]),
        {"title": "Next plan", "start_year": 2022, "end_year": 2027, "copy_from": plan.pk},
    )
    assert response.status_code == 302
    copied = Target.objects.filter(measure__plan__title="Next plan", group__isnull=False)
    assert sorted(copied.values_list("group__name", "value")) == [("ELL", 30), ("ell", 35)]
    assert StudentGroup.objects.filter(district=district).count() == 2
