"""Making a plan: its phases, the diagnostic (SWOT and gap analysis), stakeholder input,
ranked priorities traced to their sources, the adoption, and the one-page summary."""

import html
import io
import json
from unittest import mock

import pypdf
import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from making import adoption, entries
from making.diagnostic import gap_analysis, swot_codes
from making.entries import ENTRIES
from making.models import Making, Outreach, Phase, Priority, StrategicArea, SwotEntry, Theme
from measures.models import Measure, Result, Revision
from planning.documents import STATIC_ROOT_URL, SafeFetcher
from planning.exchange import PlanFileError, export_plan, import_plan
from planning.models import Change, Goal, Plan, PlanVersion
from tests.conftest import error_beside, fingerprint_in
from tests.factories import MembershipFactory, build_plan

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(plan, name, *args):
    return reverse(name, args=[plan.district.slug, plan.pk, *args])


@pytest.fixture
def previous(district):
    """The district's adopted plan for 2022–2027: one goal, objective and strategy, each
    measure 58% against a 2022–23 target of 60%."""
    return build_plan(district, goals=1, objectives=1, strategies=1)


@pytest.fixture
def making_plan(client, admin_user, previous):
    client.force_login(admin_user)
    response = client.post(
        reverse("making_new", args=["riverside"]),
        {"title": "Strategic Plan", "start_year": 2027, "end_year": 2032, "follows": previous.pk},
    )
    plan = Plan.objects.get(district__slug="riverside", status="draft")
    assert response.url == reverse("making", args=["riverside", plan.pk])
    return plan


@pytest.fixture
def draft(client, admin_user):
    """A plan being made that replaces no earlier one."""
    client.force_login(admin_user)
    client.post(
        reverse("making_new", args=["riverside"]),
        {"title": "Strategic Plan", "start_year": 2026, "end_year": 2031},
    )
    return Plan.objects.get(district__slug="riverside")


def add(client, plan, entry, data, query="", **headers):
    return client.post(url(plan, "making_entry_add", entry) + query, data, **headers)


# Starting, and the phases ------------------------------------------------------------


def test_an_admin_starts_a_plan_in_development_with_the_five_phases(client, draft):
    assert draft.status == "draft"
    making = Making.objects.get(plan=draft)
    assert list(making.phases.values_list("name", flat=True)) == list(Phase.PHASES)
    assert list(making.areas.values_list("name", flat=True)) == list(StrategicArea.STARTING)
    page = client.get(reverse("making", args=["riverside", draft.pk])).content.decode()
    assert "Phase 1" in page and "Diagnostic analysis" in page and "Not started" in page
    district = client.get(reverse("district", args=["riverside"])).content.decode()
    assert "How it is being made" in district


def test_the_plan_it_replaces_is_offered_first_and_named_on_the_workspace(
    client, admin_user, previous, making_plan
):
    form = client.get(reverse("making_new", args=["riverside"])).content.decode()
    assert f'<option value="{previous.pk}" selected>' in form
    page = client.get(url(making_plan, "making")).content.decode()
    assert f'It replaces <a href="{url(previous, "plan")}">{previous}</a>' in page


def test_a_period_that_ends_before_it_starts_is_refused_beside_the_field(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("making_new", args=["riverside"]),
        {"title": "Kept title", "start_year": 2030, "end_year": 2027},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "The last year must come after the first year." in page and "Kept title" in page
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (1900, 1905, "start_year", "Choose a year from 1990 to 2100."),
        (2026, 32767, "end_year", "Choose a year from 1990 to 2100."),
        (2026, 2046, "end_year", "A plan's period can be at most 10 years; 2026–2046 is 20."),
    ],
)
def test_a_plan_to_make_with_years_out_of_bounds_is_refused_beside_the_field(
    client, admin_user, start, end, field, message
):
    client.force_login(admin_user)
    response = client.post(
        reverse("making_new", args=["riverside"]),
        {"title": "Kept title", "start_year": start, "end_year": end},
    )
    assert response.status_code == 422
    assert html.unescape(error_beside(response.content, field)) == message
    assert "Kept title" in response.content.decode()
    assert not Plan.objects.exists()


def edit_phase(client, draft, phase, data, **headers):
    """Post a phase's form as a browser does: with the fingerprint of what it showed."""
    edit = reverse("phase_edit", args=["riverside", draft.pk, phase.pk])
    fingerprint = fingerprint_in(client.get(edit, **headers).content)
    return client.post(edit, {**data, "fingerprint": fingerprint}, **headers)


def test_a_phase_is_edited_in_place_with_its_dates_status_and_lead(client, draft, editor):
    phase = Phase.objects.get(making__plan=draft, order=1)
    client.force_login(editor)
    response = edit_phase(
        client,
        draft,
        phase,
        {
            "status": "under_way",
            "lead": "Dr. Ortiz",
            "planned_start": "2025-09-01",
            "planned_end": "2025-09-30",
            "actual_start": "2025-09-03",
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<li class="phase phase-under_way" id="phase-{phase.pk}"')
    assert "Under way" in page and "Dr. Ortiz" in page and "September 1, 2025" in page
    assert draft.changes.filter(item_kind="phase", item_id=phase.pk).exists()


def test_a_stale_save_of_a_phase_is_caught_and_the_text_kept(client, draft, editor):
    phase = Phase.objects.get(making__plan=draft, order=1)
    edit = reverse("phase_edit", args=["riverside", draft.pk, phase.pk])
    client.force_login(editor)
    opened = fingerprint_in(client.get(edit, **HTMX).content)
    edit_phase(client, draft, phase, {"status": "under_way", "lead": "First lead"}, **HTMX)
    late = {"status": "not_started", "lead": "Second lead", "fingerprint": opened}
    response = client.post(edit, late, **HTMX)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this while you were editing" in page
    assert 'value="Second lead"' in page and "First lead" in page
    phase.refresh_from_db()
    assert phase.lead == "First lead"


def test_a_phase_edited_without_javascript_goes_back_to_the_timeline(client, draft, editor):
    phase = Phase.objects.get(making__plan=draft, order=5)
    client.force_login(editor)
    form = client.get(reverse("phase_edit", args=["riverside", draft.pk, phase.pk]))
    assert "<h1>Phase 5: Implementation</h1>" in form.content.decode()
    response = edit_phase(client, draft, phase, {"status": "done"})
    assert response.url.endswith(f"/making/#phase-{phase.pk}")
    phase.refresh_from_db()
    assert phase.status == "done"


def test_an_end_before_its_start_is_refused_beside_the_field(client, draft, editor):
    phase = Phase.objects.get(making__plan=draft, order=2)
    client.force_login(editor)
    response = edit_phase(
        client,
        draft,
        phase,
        {
            "status": "not_started",
            "lead": "Kept lead",
            "planned_start": "2025-11-01",
            "planned_end": "2025-10-01",
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "The planned end cannot come before its start." in page and "Kept lead" in page
    phase.refresh_from_db()
    assert phase.lead == ""


def test_a_phase_that_starts_or_ends_takes_todays_date_unless_given_one(client, draft, editor):
    phase = Phase.objects.get(making__plan=draft, order=1)
    client.force_login(editor)
    today = timezone.localdate()
    edit_phase(client, draft, phase, {"status": "under_way"})
    phase.refresh_from_db()
    assert (phase.actual_start, phase.actual_end) == (today, None)
    edit_phase(client, draft, phase, {"status": "done", "actual_start": "2025-09-03"})
    phase.refresh_from_db()
    assert (str(phase.actual_start), phase.actual_end) == ("2025-09-03", today)


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"status": "not_started", "actual_start": "2025-09-03"},
            "status",
            "A phase with actual dates has started: choose under way or done.",
        ),
        (
            {"status": "under_way", "actual_start": "2025-09-03", "actual_end": "2025-10-01"},
            "actual_end",
            "A phase under way has not ended: choose done, or clear the end.",
        ),
    ],
)
def test_a_status_that_contradicts_the_dates_is_refused_beside_the_field(
    client, draft, editor, data, field, message
):
    phase = Phase.objects.get(making__plan=draft, order=1)
    client.force_login(editor)
    response = edit_phase(client, draft, phase, data, **HTMX)
    assert response.status_code == 422
    assert f'id="id_{field}_error">{message}' in response.content.decode()
    phase.refresh_from_db()
    assert (phase.status, phase.actual_start) == ("not_started", None)


def test_the_database_refuses_an_end_before_a_start_too(draft):
    phase = Phase.objects.get(making__plan=draft, order=3)
    phase.actual_start, phase.actual_end = "2026-02-01", "2026-01-01"
    with pytest.raises(IntegrityError), transaction.atomic():
        phase.save()


# The SWOT ----------------------------------------------------------------------------

WEAKNESS = {
    "kind": "weakness",
    "text": "Grade 3 reading lags the state",
    "evidence": "42% proficient against 51% statewide",
    "source": "State assessment, 2024–25",
}


def test_a_swot_entry_is_added_in_place_and_listed_under_its_kind(client, draft, editor):
    client.force_login(editor)
    response = add(client, draft, "swot", WEAKNESS, "?kind=weakness", **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#swot-list-weakness"
    assert response["HX-Reswap"] == "outerHTML"
    assert page.lstrip().startswith(
        '<section class="list-block swot-group" id="swot-list-weakness"'
    )
    entry = SwotEntry.objects.get()
    assert (entry.kind, entry.text, entry.source) == (
        "weakness",
        WEAKNESS["text"],
        WEAKNESS["source"],
    )
    assert '<span class="code">W1</span> Grade 3 reading lags the state' in page
    assert "42% proficient against 51% statewide" in page
    assert draft.changes.get(item_kind="swot").action == Change.Action.ADDED


def test_the_add_form_asks_for_the_kind_it_was_opened_for(client, draft, editor):
    client.force_login(editor)
    response = client.get(url(draft, "making_entry_add", "swot") + "?kind=threat", **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="swot-list-threat-add"' in page
    assert '<option value="threat" selected>Threat</option>' in page


def test_without_javascript_an_added_entry_goes_back_to_the_page_with_a_message(
    client, draft, editor
):
    client.force_login(editor)
    response = add(client, draft, "swot", WEAKNESS)
    entry = SwotEntry.objects.get()
    assert response.url == url(draft, "making_diagnostic") + f"#swot-{entry.pk}"
    page = client.get(response.url).content.decode()
    assert "Added the SWOT entry" in page and "W1" in page


def test_a_swot_entry_without_its_text_is_refused_and_the_rest_is_kept(client, draft, editor):
    client.force_login(editor)
    response = add(client, draft, "swot", {**WEAKNESS, "text": ""}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 422
    assert (
        '<span class="error" id="swot-list-strength-add-text_error">This field is required.' in page
    )
    assert "42% proficient against 51% statewide" in page
    assert not SwotEntry.objects.exists()


def test_a_swot_entry_is_edited_in_place_and_a_stale_save_is_caught(client, draft, editor):
    client.force_login(editor)
    add(client, draft, "swot", WEAKNESS)
    entry = SwotEntry.objects.get()
    edit = url(draft, "making_entry_edit", "swot", entry.pk)
    opened = fingerprint_in(client.get(edit, **HTMX).content)

    saved = client.post(edit, {**WEAKNESS, "source": "NAEP", "fingerprint": opened}, **HTMX)
    assert saved.status_code == 200 and "NAEP" in saved.content.decode()
    entry.refresh_from_db()
    assert entry.source == "NAEP"

    stale = client.post(edit, {**WEAKNESS, "text": "My own words", "fingerprint": opened}, **HTMX)
    page = stale.content.decode()
    assert stale.status_code == 409
    assert "Someone else saved this while you were editing" in page and "My own words" in page
    entry.refresh_from_db()
    assert entry.text == WEAKNESS["text"]
    assert 'name="kind"' not in page  # an entry keeps its kind, and the code priorities cite


def test_a_swot_entry_is_removed_in_place_or_after_a_confirmation_page(client, draft, editor):
    client.force_login(editor)
    add(client, draft, "swot", WEAKNESS)
    add(client, draft, "swot", {**WEAKNESS, "text": "Chronic absence"})
    first, second = SwotEntry.objects.order_by("order")

    response = client.post(url(draft, "making_entry_delete", "swot", first.pk), **HTMX)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="swot-{first.pk}"' not in page
    assert '<span class="code">W1</span> Chronic absence' in page

    confirm = client.get(url(draft, "making_entry_delete", "swot", second.pk))
    assert "Remove the SWOT entry “Weakness: Chronic absence”?" in confirm.content.decode()
    gone = client.post(url(draft, "making_entry_delete", "swot", second.pk))
    assert gone.url == url(draft, "making_diagnostic") + "#swot-list-weakness"
    assert not SwotEntry.objects.exists()
    assert draft.changes.filter(item_kind="swot", action="deleted").count() == 2


def test_a_removed_entry_is_not_offered_as_an_undo_of_the_plan(client, draft, editor):
    client.force_login(editor)
    add(client, draft, "swot", WEAKNESS)
    entry = SwotEntry.objects.get()
    client.post(url(draft, "making_entry_delete", "swot", entry.pk))
    change = draft.changes.get(action="deleted")
    assert client.post(url(draft, "undo", change.pk)).status_code == 404


# Every kind of entry, the same way ------------------------------------------------------

ENTRY_DATA = {
    "swot": ({"kind": "threat", "text": "Enrollment decline"}, "text", "Enrollment falls"),
    "area": ({"name": "Wellness"}, "name", "Well-being"),
    "outreach": (
        {
            "kind": "forum",
            "held_on": "2025-11-04",
            "audience": "community",
            "reached": "60",
            "description": "Evening forum at the high school",
        },
        "description",
        "Forum at the library",
    ),
    "theme": ({"text": "More arts"}, "text", "Music in every school"),
    "priority": ({"title": "Attendance"}, "title", "Chronic absence"),
}


@pytest.mark.parametrize("entry", list(ENTRY_DATA))
def test_each_kind_of_entry_is_added_edited_and_removed_in_place(client, draft, editor, entry):
    client.force_login(editor)
    data, field, changed = ENTRY_DATA[entry]
    query = ""
    if entry == "theme":
        activity = Outreach.objects.create(
            making=draft.making,
            order=1,
            kind="interview",
            held_on="2025-10-01",
            audience="principals",
            reached=4,
        )
        query = f"?outreach={activity.pk}"
    model = ENTRIES[entry].model
    before = model.objects.count()

    added = add(client, draft, entry, data, query, **HTMX)
    assert added.status_code == 200 and data[field] in added.content.decode()
    item = model.objects.latest("pk")
    edit = url(draft, "making_entry_edit", entry, item.pk)
    opened = fingerprint_in(client.get(edit, **HTMX).content)

    saved = client.post(edit, {**data, field: changed, "fingerprint": opened})  # no JavaScript
    assert saved.status_code == 302 and saved.url.endswith(f"#{entry}-{item.pk}")
    item.refresh_from_db()
    assert getattr(item, field) == changed
    cancelled = client.get(url(draft, "making_entry", entry, item.pk), **HTMX)
    assert changed in cancelled.content.decode()

    removed = client.post(url(draft, "making_entry_delete", entry, item.pk), **HTMX)
    assert removed.status_code == 200
    assert f'id="{entry}-{item.pk}"' not in removed.content.decode()
    assert f"Removed {draft.changes.get(action='deleted').item_label}." in removed.content.decode()
    assert model.objects.count() == before
    actions = draft.changes.filter(item_kind=entry).order_by("pk").values_list("action", flat=True)
    assert list(actions) == ["added", "changed", "deleted"]


# The gap analysis --------------------------------------------------------------------


def test_the_gap_analysis_sets_each_measure_latest_result_against_its_last_target(
    client, making_plan, previous
):
    page = client.get(url(making_plan, "making_diagnostic")).content.decode()
    measure = Measure.objects.get(plan=previous, goal__isnull=False)
    row = page.split(f'id="gap-{measure.pk}"')[1].split("</tr>")[0]
    assert "58% in 2022–23" in row and "60% in 2022–23" in row
    assert '<td class="gap-number">2 points short</td>' in row
    assert "At risk" not in row and "On track" in row  # 2 short of 60 is within 5%
    assert page.count('class="gap-number"') == Measure.objects.filter(plan=previous).count()


def test_a_met_target_and_a_missing_result_read_plainly(making_plan, previous):
    measure = Measure.objects.get(plan=previous, goal__isnull=False)
    Result.objects.filter(measure=measure).update(value=63)
    other = Measure.objects.filter(plan=previous).exclude(pk=measure.pk).get()
    Result.objects.filter(measure=other).delete()
    gaps = {gap.measure.pk: gap for gap in gap_analysis(making_plan.making)}
    assert gaps[measure.pk].gap_text == "Met, 3 points beyond"
    assert gaps[other.pk].gap_text == "—" and gaps[other.pk].latest is None


def test_a_result_left_blank_does_not_hide_the_latest_one(client, making_plan, previous):
    measure = Measure.objects.get(plan=previous, goal__isnull=False)
    Result.objects.create(measure=measure, year=2023, value=None, note="Not reported")
    page = client.get(url(making_plan, "making_diagnostic"))
    row = page.content.decode().split(f'id="gap-{measure.pk}"')[1].split("</tr>")[0]
    assert page.status_code == 200
    assert "58% in 2022–23" in row and "2 points short" in row


def test_a_maintained_measure_reads_its_gap_as_a_distance(making_plan, previous):
    measure = Measure.objects.get(plan=previous, goal__isnull=False)
    Measure.objects.filter(pk=measure.pk).update(direction="maintain")
    gap = next(g for g in gap_analysis(making_plan.making) if g.measure.pk == measure.pk)
    assert gap.gap_text == "2 points off the target"


def test_a_lower_is_better_measure_counts_its_gap_the_other_way(making_plan, previous):
    measure = Measure.objects.get(plan=previous, goal__isnull=False)
    Measure.objects.filter(pk=measure.pk).update(direction="decrease", unit="count")
    gap = next(g for g in gap_analysis(making_plan.making) if g.measure.pk == measure.pk)
    assert gap.shortfall == -2 and gap.gap_text == "Met, 2 beyond"


def test_a_measure_is_carried_into_the_draft_with_its_history(client, making_plan, previous):
    goal = Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    source = Measure.objects.get(plan=previous, goal__isnull=False)
    response = client.post(
        url(making_plan, "making_carry", source.pk), {"under": f"goal-{goal.pk}"}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith(f'<tr id="gap-{source.pk}"')
    assert "Carried into the draft just now." in page

    carried = Measure.objects.get(plan=making_plan)
    assert (carried.goal, carried.carried_from, carried.name) == (goal, source, source.name)
    assert (carried.baseline_value, carried.baseline_year) == (58, 2022)
    assert carried.target_form == "to_be_set" and not carried.targets.exists()
    assert not carried.results.exists()  # they stay with the plan they were reported in
    revision = Revision.objects.get(measure=carried)
    assert (revision.old_value, revision.new_value) == ("50", "58")
    assert revision.reason.startswith(f"Carried over from {previous}")

    plan_page = client.get(url(making_plan, "plan")).content.decode()
    assert f"Carried over from<dd>{previous}, where it was 58% in 2022–23" in plan_page


def test_a_measure_carried_twice_is_carried_once(client, making_plan, previous):
    goal = Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    source = Measure.objects.get(plan=previous, goal__isnull=False)
    carry = url(making_plan, "making_carry", source.pk)
    client.post(carry, {"under": f"goal-{goal.pk}"})
    client.post(carry, {"under": f"goal-{goal.pk}"})
    assert Measure.objects.filter(plan=making_plan, carried_from=source).count() == 1


def test_a_measure_carried_without_a_place_is_refused_beside_the_field(
    client, making_plan, previous
):
    Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    source = Measure.objects.filter(plan=previous).first()
    response = client.post(url(making_plan, "making_carry", source.pk), {"under": ""}, **HTMX)
    page = response.content.decode()
    assert response.status_code == 422
    assert f'id="under-{source.pk}-error">This field is required.' in page
    assert not Measure.objects.filter(plan=making_plan).exists()


def test_only_the_replaced_plans_measures_can_be_carried(client, making_plan, district):
    goal = Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    stranger = build_plan(district, goals=1, objectives=0, strategies=0).measures.get()
    response = client.post(
        url(making_plan, "making_carry", stranger.pk), {"under": f"goal-{goal.pk}"}
    )
    assert response.status_code == 404


def test_a_measure_cannot_be_carried_under_another_plans_goal(client, making_plan, previous):
    Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    source = Measure.objects.filter(plan=previous).first()
    elsewhere = previous.goals.get()
    response = client.post(
        url(making_plan, "making_carry", source.pk), {"under": f"goal-{elsewhere.pk}"}, **HTMX
    )
    assert response.status_code == 422
    assert "Choose one of the draft" in response.content.decode()
    assert not Measure.objects.filter(plan=making_plan).exists()


# Stakeholder input -------------------------------------------------------------------

SURVEY = {
    "kind": "survey",
    "held_on": "2025-10-14",
    "audience": "families",
    "reached": "412",
    "description": "Online family survey in English and Spanish",
}


def test_outreach_and_its_themes_are_recorded_and_counted_per_audience_and_area(
    client, draft, editor
):
    client.force_login(editor)
    response = add(client, draft, "outreach", SURVEY, **HTMX)
    assert response.status_code == 200 and response["HX-Retarget"] == "#outreach-list"
    activity = Outreach.objects.get()
    assert (activity.reached, str(activity.held_on)) == (412, "2025-10-14")
    academics, equity = StrategicArea.objects.filter(name__in=["Academics", "Equity"]).order_by(
        "order"
    )

    response = add(
        client,
        draft,
        "theme",
        {"text": "Reading help after school", "areas": [academics.pk, equity.pk]},
        f"?outreach={activity.pk}",
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200 and response["HX-Retarget"] == f"#theme-list-{activity.pk}"
    assert "Reading help after school" in page
    # The counts follow, out of band.
    assert (
        '<section id="counts" class="counts" aria-labelledby="counts-heading" hx-swap-oob="true">'
        in page
    )
    theme = Theme.objects.get()
    assert set(theme.areas.all()) == {academics, equity}

    page = client.get(url(draft, "making_input")).content.decode()
    assert "1 activity reached 412 people." in page
    families = page.split('<th scope="row">Parents and families</th>')[1].split("</tr>")[0]
    assert "<td>1</td><td>412</td><td>1</td>" in families
    students = page.split('<th scope="row">Students</th>')[1].split("</tr>")[0]
    assert "Not heard yet" in students
    assert "<strong>Not heard yet:</strong> Students, Teachers and staff" in page
    area_row = page.split('<th scope="row">Academics</th>')[1].split("</tr>")[0]
    assert "<td>1</td>" in area_row and "<td>Parents and families</td>" in area_row
    operations = page.split('<th scope="row">Operations</th>')[1].split("</tr>")[0]
    assert "No one yet" in operations


def test_outreach_with_a_bad_date_or_a_negative_reach_is_refused_beside_the_fields(
    client, draft, editor
):
    client.force_login(editor)
    response = add(client, draft, "outreach", {**SURVEY, "held_on": "14/31/2025", "reached": "-3"})
    page = response.content.decode()
    assert response.status_code == 422
    assert 'id="outreach-list-add-held_on_error">Enter a valid date.' in page
    assert (
        'id="outreach-list-add-reached_error">Ensure this value is greater than or equal to 0.'
        in page
    )
    assert "Online family survey in English and Spanish" in page
    assert not Outreach.objects.exists()


def test_a_theme_goes_only_under_an_activity_of_this_plan(client, draft, editor, other_district):
    client.force_login(editor)
    other = build_plan(other_district, goals=1, objectives=0, strategies=0)
    foreign = Outreach.objects.create(
        making=Making.objects.create(plan=other),
        order=1,
        kind="survey",
        held_on="2025-01-01",
        audience="students",
        reached=5,
    )
    response = add(client, draft, "theme", {"text": "Sneaky"}, f"?outreach={foreign.pk}")
    assert response.status_code == 404
    assert not Theme.objects.exists()


def test_renaming_an_area_renames_the_tags_of_its_themes_in_place(client, draft, editor):
    client.force_login(editor)
    add(client, draft, "outreach", SURVEY)
    activity = Outreach.objects.get()
    equity = StrategicArea.objects.get(name="Equity")
    add(
        client,
        draft,
        "theme",
        {"text": "Fair access", "areas": [equity.pk]},
        f"?outreach={activity.pk}",
    )
    edit = url(draft, "making_entry_edit", "area", equity.pk)
    opened = fingerprint_in(client.get(edit, **HTMX).content)
    response = client.post(edit, {"name": "Equity and access", "fingerprint": opened}, **HTMX)
    page = response.content.decode()
    assert response["HX-Retarget"] == "#area-list"
    oob = page.split('<div class="list-block" id="outreach-list" hx-swap-oob="true">')[1]
    assert '<span class="tag">Equity and access</span>' in oob


def test_after_adding_an_activity_focus_goes_to_it_and_not_to_a_theme(client, draft, editor):
    client.force_login(editor)
    add(client, draft, "outreach", SURVEY)
    first = Outreach.objects.get()
    add(client, draft, "theme", {"text": "Arts"}, f"?outreach={first.pk}")
    response = add(client, draft, "outreach", {**SURVEY, "audience": "students"}, **HTMX)
    page = response.content.decode()
    second = Outreach.objects.latest("pk")
    assert page.count("data-focus") == 1
    assert f'id="outreach-{second.pk}" data-focus="edit"' in page


def test_an_outreach_id_that_is_not_a_number_is_not_found(client, draft, editor):
    client.force_login(editor)
    assert client.get(url(draft, "making_entry_add", "theme") + "?outreach=²").status_code == 404
    assert client.get(url(draft, "making_entry_add", "theme")).status_code == 404


def test_two_areas_cannot_share_a_name(client, draft, editor):
    client.force_login(editor)
    response = add(client, draft, "area", {"name": "equity"}, **HTMX)
    assert response.status_code == 422
    assert "There is already an area called “equity”." in response.content.decode()
    assert StrategicArea.objects.count() == len(StrategicArea.STARTING)


# Priorities and where they come from -------------------------------------------------


@pytest.fixture
def sources(client, draft, editor):
    """A weakness, an opportunity and a theme from a family survey."""
    client.force_login(editor)
    add(client, draft, "swot", WEAKNESS)
    add(
        client,
        draft,
        "swot",
        {"kind": "opportunity", "text": "State literacy grant", "source": "State budget"},
    )
    add(client, draft, "outreach", SURVEY)
    activity = Outreach.objects.get()
    add(client, draft, "theme", {"text": "Reading help after school"}, f"?outreach={activity.pk}")
    return {
        "weakness": SwotEntry.objects.get(kind="weakness"),
        "opportunity": SwotEntry.objects.get(kind="opportunity"),
        "theme": Theme.objects.get(),
    }


def test_a_removed_swot_entry_is_put_back_where_it_was_with_the_priorities_citing_it(
    client, draft, sources
):
    add(
        client,
        draft,
        "priority",
        {"title": "Early literacy", "swot_entries": [sources["weakness"].pk]},
    )
    add(client, draft, "swot", {**WEAKNESS, "text": "Chronic absence"})
    entry = sources["weakness"]
    response = client.post(url(draft, "making_entry_delete", "swot", entry.pk), **HTMX)
    page = response.content.decode()
    assert "Removed SWOT entry: Weakness: Grade 3 reading lags the state." in page
    assert '<span class="code">W1</span> Chronic absence' in page
    change = draft.changes.get(item_kind="swot", action="deleted")

    restored = client.post(url(draft, "making_entry_undo", change.pk), **HTMX)
    page = restored.content.decode()
    assert restored.status_code == 200 and restored["HX-Retarget"] == "#swot-list-weakness"
    assert '<span class="code">W1</span> Grade 3 reading lags the state' in page
    assert '<span class="code">W2</span> Chronic absence' in page
    assert Priority.objects.get().swot_entries.get().pk == entry.pk
    assert draft.changes.filter(item_kind="swot", action="restored", item_id=entry.pk).exists()
    again = client.post(url(draft, "making_entry_undo", change.pk), follow=True)
    assert "That deletion has already been undone." in again.content.decode()


def test_a_removed_activity_comes_back_with_its_themes_and_their_tags(client, draft, sources):
    activity = Outreach.objects.get()
    theme = sources["theme"]
    area = draft.making.areas.get(name="Academics")
    theme.areas.set([area])
    add(client, draft, "priority", {"title": "Early literacy", "themes": [theme.pk]})
    client.post(url(draft, "making_entry_delete", "outreach", activity.pk))
    assert not Theme.objects.exists()
    change = draft.changes.get(item_kind="outreach", action="deleted")

    response = client.post(url(draft, "making_entry_undo", change.pk))
    assert response.url == url(draft, "making_input") + f"#outreach-{activity.pk}"
    theme = Theme.objects.get(pk=theme.pk)
    assert theme.outreach_id == activity.pk and list(theme.areas.all()) == [area]
    assert list(Priority.objects.get().themes.all()) == [theme]


def test_removals_in_the_making_are_undone_only_there_and_only_while_it_is_made(
    client, draft, sources, admin_user
):
    client.post(url(draft, "making_entry_delete", "swot", sources["weakness"].pk))
    change = draft.changes.get(item_kind="swot", action="deleted")
    assert client.post(url(draft, "undo", change.pk)).status_code == 404
    draft.making.adopted_at = timezone.now()
    draft.making.save()
    assert client.post(url(draft, "making_entry_undo", change.pk)).status_code == 403
    assert not SwotEntry.objects.filter(pk=sources["weakness"].pk).exists()


def test_a_priority_cites_the_swot_entries_and_themes_that_support_it(client, draft, sources):
    response = add(
        client,
        draft,
        "priority",
        {
            "title": "Early literacy",
            "swot_entries": [sources["weakness"].pk, sources["opportunity"].pk],
            "themes": [sources["theme"].pk],
        },
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200 and response["HX-Retarget"] == "#priority-list"
    assert 'Priority 1</span> <span class="item-title">Early literacy' in page
    assert '<span class="code">W1</span> Weakness</a>: Grade 3 reading lags the state' in page
    assert '<span class="code">O1</span> Opportunity</a>: State literacy grant' in page
    assert "Theme</a> from the survey with parents and families: Reading help" in page


def test_the_priority_form_offers_swot_entries_by_their_codes_in_swot_order(client, draft, sources):
    page = client.get(url(draft, "making_entry_add", "priority")).content.decode()
    assert page.index("W1: Grade 3 reading") < page.index("O1: State literacy grant")
    assert "Reading help after school (Survey with parents and families)" in page


def test_a_swot_entry_added_while_a_priority_is_edited_leaves_its_form_whole(
    client, draft, sources, monkeypatch
):
    add(client, draft, "priority", {"title": "Early literacy"})
    priority = Priority.objects.get()
    added = []

    def codes_then_someone_adds_an_entry(making):
        """The race: another editor's entry lands between reading the codes and the choices."""
        codes = swot_codes(making)
        added.append(
            SwotEntry.objects.create(
                making=making, kind="threat", order=len(added) + 1, text="Enrolment falls"
            )
        )
        return codes

    monkeypatch.setattr(entries, "swot_codes", codes_then_someone_adds_an_entry)
    edit = url(draft, "making_entry_edit", "priority", priority.pk)
    opened = client.get(edit, **HTMX)
    page = opened.content.decode()
    assert opened.status_code == 200
    assert "W1: Grade 3 reading" in page and "O1: State literacy grant" in page
    assert "Enrolment falls" not in page  # not offered until it has a code

    refused = client.post(
        edit, {"title": "", "swot_entries": [sources["weakness"].pk], "fingerprint": ""}, **HTMX
    )
    assert refused.status_code == 422
    assert "W1: Grade 3 reading" in refused.content.decode()

    saved = client.post(
        edit,
        {
            "title": "Early literacy",
            "swot_entries": [sources["weakness"].pk, added[0].pk],
            "fingerprint": fingerprint_in(page),
        },
        **HTMX,
    )
    assert saved.status_code == 200
    assert set(priority.swot_entries.all()) == {sources["weakness"], added[0]}


def test_priorities_are_ranked_by_the_committee(client, draft, editor):
    client.force_login(editor)
    for title in ("Early literacy", "Attendance", "Family engagement"):
        add(client, draft, "priority", {"title": title})
    attendance = Priority.objects.get(title="Attendance")
    response = client.post(
        url(draft, "making_entry_move", "priority", attendance.pk),
        {"direction": "up"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Attendance") < page.index("Early literacy") < page.index("Family")
    assert list(Priority.objects.order_by("order").values_list("title", flat=True)) == [
        "Attendance",
        "Early literacy",
        "Family engagement",
    ]
    assert draft.changes.filter(item_kind="priority", action="moved").exists()


def test_a_goal_written_in_the_editor_traces_back_to_its_priority_and_its_sources(
    client, draft, sources
):
    add(
        client,
        draft,
        "priority",
        {
            "title": "Early literacy",
            "swot_entries": [sources["weakness"].pk],
            "themes": [sources["theme"].pk],
        },
    )
    priority = Priority.objects.get()
    response = client.post(
        reverse("item_add", args=["riverside", draft.pk, "plan", draft.pk, "goal"]),
        {
            "title": "Readers by grade 3",
            "statement": "Every child reads.",
            "priorities": [priority.pk],
        },
        **HTMX,
    )
    assert response.status_code == 200
    goal = Goal.objects.get(plan=draft)
    assert list(goal.priorities.all()) == [priority]

    page = client.get(url(draft, "plan")).content.decode()
    trace = page.split(f'id="goal-{goal.pk}-own"')[1].split("</details>")[0]
    assert "Comes from priority “Early literacy”" in trace
    assert "Weakness: Grade 3 reading lags the state (source: State assessment, 2024–25)" in trace
    assert "Theme from the survey with parents and families: Reading help after school" in trace

    priorities = client.get(url(draft, "making_priorities")).content.decode()
    assert f'#goal-{goal.pk}">Goal “Readers by grade 3”</a>' in priorities


def test_the_editor_offers_no_priorities_where_there_are_none(client, draft, editor):
    client.force_login(editor)
    page = client.get(
        reverse("item_add", args=["riverside", draft.pk, "plan", draft.pk, "goal"])
    ).content.decode()
    assert "Priorities it comes from" not in page


# One file -----------------------------------------------------------------------------


def test_a_plan_and_its_making_round_trip_through_one_file(client, draft, sources, other_district):
    add(
        client,
        draft,
        "priority",
        {
            "title": "Early literacy",
            "swot_entries": [sources["weakness"].pk, sources["opportunity"].pk],
            "themes": [sources["theme"].pk],
        },
    )
    goal = Goal.objects.create(plan=draft, order=1, statement="Every child reads.")
    goal.priorities.add(Priority.objects.get())
    Phase.objects.filter(making__plan=draft, order=1).update(
        status="done", lead="Dr. Ortiz", actual_start="2025-09-03", actual_end="2025-10-01"
    )
    exported = export_plan(draft)
    making_part = exported["plan"]["making"]
    assert making_part["priorities"] == [
        {
            "title": "Early literacy",
            "description": "",
            "swot": ["W1", "O1"],
            "themes": ["I1.T1"],
            "drafted_as": ["G1"],
        }
    ]
    started_by = Making.objects.get(plan=draft).started_by
    MembershipFactory(district=other_district, user=started_by)  # a file names only members
    copy = import_plan(other_district, json.loads(json.dumps(exported)))
    assert export_plan(copy)["plan"] == exported["plan"]
    assert copy.goals.get().priorities.get().swot_entries.count() == 2


def test_a_file_whose_priority_cites_a_missing_entry_creates_nothing(client, draft, sources):
    add(client, draft, "priority", {"title": "Early literacy"})
    exported = export_plan(draft)
    exported["plan"]["making"]["priorities"][0]["swot"] = ["T9"]
    with pytest.raises(PlanFileError, match='points to "T9"'):
        import_plan(draft.district, exported)
    assert Plan.objects.count() == 1


# Adoption ----------------------------------------------------------------------------


def test_an_admin_adopts_the_draft_and_the_plan_it_replaces_ends(
    client, making_plan, previous, editor
):
    Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    response = client.post(url(making_plan, "making_adopt"))
    assert response.url == url(making_plan, "plan")
    making_plan.refresh_from_db()
    previous.refresh_from_db()
    assert (making_plan.status, previous.status) == ("adopted", "archived")
    version = PlanVersion.objects.get(plan=making_plan)
    assert (version.number, version.label) == (1, "As adopted")
    assert version.snapshot["items"][0]["statement"] == "Every child reads."
    making = Making.objects.get(plan=making_plan)
    assert making.is_adopted
    assert previous.changes.filter(item_label=f"Plan: ended, followed by {making_plan}").exists()
    page = client.get(response.url).content.decode()
    assert f"Adopted {making_plan} as version 1. {previous} has ended." in page

    # The workspace stays readable, as it was; its record no longer changes.
    client.force_login(editor)
    workspace = client.get(url(making_plan, "making"))
    assert workspace.status_code == 200
    assert "This is the record of how the plan was made." in workspace.content.decode()
    assert add(client, making_plan, "swot", WEAKNESS).status_code == 403
    assert not SwotEntry.objects.exists()


def test_a_draft_without_goals_is_not_adopted_and_nothing_changes(client, making_plan, previous):
    response = client.post(url(making_plan, "making_adopt"), follow=True)
    assert "The draft has no goals yet: write them first." in response.content.decode()
    making_plan.refresh_from_db()
    previous.refresh_from_db()
    assert (making_plan.status, previous.status) == ("draft", "adopted")
    assert not PlanVersion.objects.filter(plan=making_plan).exists()


def test_another_adopted_plan_for_the_same_years_stops_the_adoption(client, making_plan, district):
    Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    other = build_plan(district, goals=1, objectives=0, strategies=0)
    Plan.objects.filter(pk=other.pk).update(start_year=2030, end_year=2035)
    page = client.get(url(making_plan, "making")).content.decode()
    assert "is adopted for years this plan covers: it must be ended first." in page
    response = client.post(url(making_plan, "making_adopt"), follow=True)
    assert "is already adopted for years this plan covers." in response.content.decode()
    making_plan.refresh_from_db()
    assert making_plan.status == "draft"


def test_an_adoption_that_fails_midway_changes_nothing(making_plan, previous, admin_user):
    Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    with (
        mock.patch.object(adoption, "first_version", side_effect=IntegrityError("disk full")),
        pytest.raises(IntegrityError),
    ):
        adoption.adopt(making_plan.making, actor=admin_user)
    making_plan.refresh_from_db()
    previous.refresh_from_db()
    assert (making_plan.status, previous.status) == ("draft", "adopted")
    assert not Making.objects.get(plan=making_plan).is_adopted
    assert not making_plan.changes.filter(item_label="Plan: adopted").exists()
    assert not previous.changes.exists()


def test_a_plan_being_made_is_not_adopted_through_its_title_and_period(client, draft, editor):
    client.force_login(editor)
    edit = reverse("part_edit", args=["riverside", draft.pk, "header"])
    form = client.get(edit).content.decode()
    assert 'name="status"' not in form
    client.post(
        edit,
        {
            "title": "Strategic Plan",
            "start_year": 2026,
            "end_year": 2031,
            "status": "adopted",
            "fingerprint": fingerprint_in(form),
        },
    )
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_plan_is_adopted_only_once(client, making_plan):
    Goal.objects.create(plan=making_plan, order=1, statement="Every child reads.")
    client.post(url(making_plan, "making_adopt"))
    response = client.post(url(making_plan, "making_adopt"), follow=True)
    assert "was adopted already" in response.content.decode()
    assert PlanVersion.objects.filter(plan=making_plan).count() == 1


# Who may do what ---------------------------------------------------------------------


def test_who_may_do_what(client, draft, viewer, editor, approver, outsider):
    phase = Phase.objects.get(making__plan=draft, order=1)
    edit = reverse("phase_edit", args=["riverside", draft.pk, phase.pk])
    entry = SwotEntry.objects.create(making=draft.making, kind="strength", order=1, text="Staff")
    pages = ["making", "making_diagnostic", "making_input", "making_priorities"]
    for person in (viewer, approver):
        client.force_login(person)
        for page in pages:
            assert client.get(url(draft, page)).status_code == 200
        assert client.post(edit, {"status": "done"}).status_code == 403
        assert add(client, draft, "swot", WEAKNESS).status_code == 403
        assert client.post(url(draft, "making_entry_delete", "swot", entry.pk)).status_code == 403
    client.force_login(editor)
    assert client.get(reverse("making_new", args=["riverside"])).status_code == 403
    Goal.objects.create(plan=draft, order=1, statement="Every child reads.")
    assert client.post(url(draft, "making_adopt")).status_code == 403
    client.force_login(outsider)
    for page in [*pages, "making_pdf"]:
        assert client.get(url(draft, page)).status_code == 404
    assert client.post(edit, {"status": "done"}).status_code == 404
    assert client.post(url(draft, "making_entry_delete", "swot", entry.pk)).status_code == 404
    assert client.post(url(draft, "making_adopt")).status_code == 404
    phase.refresh_from_db()
    draft.refresh_from_db()
    assert phase.status == "not_started" and draft.status == "draft"
    assert SwotEntry.objects.count() == 1


def test_an_entry_of_another_district_is_not_found_through_this_one(
    client, draft, editor, other_district
):
    other = build_plan(other_district, goals=1, objectives=0, strategies=0)
    theirs = SwotEntry.objects.create(
        making=Making.objects.create(plan=other), kind="threat", order=1, text="Theirs"
    )
    client.force_login(editor)
    edit = url(draft, "making_entry_edit", "swot", theirs.pk)
    assert client.get(edit).status_code == 404
    assert client.post(edit, {**WEAKNESS, "fingerprint": ""}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.text == "Theirs"


# Query counts ------------------------------------------------------------------------


def fill(making, size: int) -> None:
    """size of everything: SWOT entries, activities with themes, priorities citing them."""
    areas = list(making.areas.all())
    for n in range(1, size + 1):
        for kind in SwotEntry.Kind.values:
            SwotEntry.objects.create(making=making, kind=kind, order=n, text=f"{kind} {n}")
        activity = Outreach.objects.create(
            making=making,
            order=n,
            kind="forum",
            held_on="2025-11-01",
            audience="community",
            reached=30,
        )
        theme = activity.themes.create(order=1, text=f"Theme {n}")
        theme.areas.set(areas)
        priority = Priority.objects.create(making=making, order=n, title=f"P{n}")
        priority.swot_entries.set(making.swot_entries.all())
        priority.themes.add(theme)
        goal = Goal.objects.create(plan=making.plan, order=n, statement=f"Goal {n}")
        goal.priorities.add(priority)


@pytest.mark.parametrize("size", [1, 8])
def test_workspace_pages_cost_the_same_queries_whatever_the_size(
    client, district, viewer, size, django_assert_max_num_queries
):
    previous = build_plan(district, goals=size, objectives=2, strategies=1)
    plan = build_plan(district, goals=0, objectives=0, strategies=0)
    Plan.objects.filter(pk=plan.pk).update(status="draft", start_year=2027, end_year=2032)
    making = Making.objects.create(plan=plan, follows=previous)
    for order, name in enumerate(StrategicArea.STARTING, start=1):
        StrategicArea.objects.create(making=making, order=order, name=name)
    fill(making, size)
    client.force_login(viewer)
    for page, most in (
        ("making", 20),
        ("making_diagnostic", 50),  # two plans read whole: the old one and the draft
        ("making_input", 10),
        ("making_priorities", 14),
        ("plan", 36),  # the first view also keeps the page: five queries to the cache
    ):
        with django_assert_max_num_queries(most):
            assert client.get(url(plan, page)).status_code == 200


# The one-page summary ----------------------------------------------------------------


def test_the_summary_is_one_tagged_page_with_the_process_reach_swot_and_priorities(
    client, draft, sources
):
    add(
        client,
        draft,
        "priority",
        {"title": "Early literacy", "swot_entries": [sources["weakness"].pk]},
    )
    response = client.get(url(draft, "making_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "How Strategic Plan 2026–2031 is being made" in text
    assert "1. Diagnostic analysis" in text and "5. Implementation" in text
    assert "1 outreach activity reached 412 people." in text
    assert "W1 Grade 3 reading lags the state" in text and "O1 State literacy grant" in text
    assert "Early literacy. Supported by W1." in text
    assert reader.metadata.author == "Riverside Unified"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en" and "/StructTreeRoot" in root


def test_hostile_workspace_text_is_printed_not_fetched(client, draft, editor):
    hostile = '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:9/x">'
    client.force_login(editor)
    add(client, draft, "swot", {**WEAKNESS, "text": hostile})
    add(client, draft, "priority", {"title": hostile[:200]})
    asked = []
    real_fetch = SafeFetcher.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return real_fetch(self, url, headers)

    with mock.patch.object(SafeFetcher, "fetch", spy):
        response = client.get(url(draft, "making_pdf"))
    assert asked and all(address.startswith(STATIC_ROOT_URL) for address in asked)
    text = pypdf.PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert 'src="file:///etc/passwd"' in " ".join(text.split())


def test_the_overview_counts_swot_entries_in_words_one_or_many(client, draft, editor):
    making = draft.making
    SwotEntry.objects.create(making=making, kind="threat", order=1, text="Enrolment falls.")
    for n in (1, 2):
        SwotEntry.objects.create(making=making, kind="strength", order=n, text=f"Strength {n}")
    client.force_login(editor)
    page = html.unescape(client.get(url(draft, "making")).content.decode())
    assert "2 strengths, 0 weaknesses, 0 opportunities, 1 threat" in page
