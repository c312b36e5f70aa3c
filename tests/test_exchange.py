"""A whole plan to one JSON file and back, without loss; bad files create nothing."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from districts.models import District
from planning.exchange import FORMAT, PlanFileError, export_plan, import_plan, read
from planning.models import Plan
from tests.factories import DistrictFactory

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
    client.post(
        reverse(
            "recommendation_decide",
            args=["belen", plan.pk, plan.packets.get().recommendations.get().pk],
        ),
        {"decision": "return", "note": "Discuss in May."},
    )
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


def good_file(samples_plan) -> dict:
    return export_plan(samples_plan)


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda d: b"{not json", "This is not a JSON file"),
        (lambda d: {**d, "format": "district-plans/0"}, "not a plan file of this version"),
        (
            lambda d: {**d, "plan": {k: v for k, v in d["plan"].items() if k != "title"}},
            "lacks “title”",
        ),
        (lambda d: {**d, "plan": {**d["plan"], "end_year": 1990}}, "end_year must come after"),
        (
            lambda d: {
                **d,
                "plan": {
                    **d["plan"],
                    "reviews": [
                        {
                            "year": 2020,
                            "state": "open",
                            "assessments": [
                                {
                                    "goal": "G9",
                                    "rating": "steady",
                                    "text": "x",
                                    "meeting_date": "2020-01-01",
                                }
                            ],
                        }
                    ],
                },
            },
            "which is not in the plan",
        ),
        (
            lambda d: {
                **d,
                "plan": {
                    **d["plan"],
                    "packets": [
                        {
                            "state": "drafting",
                            "recommendations": [
                                {
                                    "action": "adjust_targets",
                                    "item_kind": "measure",
                                    "item": "G1.M9",
                                    "item_label": "A measure",
                                    "rationale": "x",
                                    "state": "draft",
                                }
                            ],
                        }
                    ],
                },
            },
            "points to G1.M9, which is not in the plan",
        ),
        (lambda d: b" " * 5_000_001, "plan files of up to 5,000 KB are read"),
    ],
)
def test_a_bad_file_is_refused_with_what_is_wrong_and_nothing_is_created(
    client, samples, spoil, message
):
    source = Plan.objects.get(district__slug="belen")
    spoiled = spoil(good_file(source))
    raw = spoiled if isinstance(spoiled, bytes) else json.dumps(spoiled).encode()
    before = Plan.objects.count()
    with pytest.raises(PlanFileError, match=message.replace("(", "\\(")):
        read(raw)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.login(username="belen-admin", password="plans-demo")
    response = client.post(
        reverse("plan_import", args=["belen"]), {"file": SimpleUploadedFile("plan.json", raw)}
    )
    assert response.status_code == 422
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
