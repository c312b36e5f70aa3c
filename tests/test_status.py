"""The status rule, at its edges. The rule itself is written in measures/status.py."""

from decimal import Decimal as D

import pytest

from measures.models import Measure
from measures.status import Status, judge, target_for


def measure(**fields) -> Measure:
    defaults = {"kind": "quantitative", "direction": "increase", "target_form": "yearly"}
    return Measure(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("result", "status"),
    [
        ("80", Status.MET),  # exactly the target
        ("85", Status.MET),
        ("76", Status.ON_TRACK),  # 4 short of 80 is 5%: the edge
        ("75.9", Status.AT_RISK),
        ("68", Status.AT_RISK),  # 12 short of 80 is 15%: the edge
        ("67.9", Status.OFF_TRACK),
    ],
)
def test_increase_against_a_yearly_target(result, status):
    assert judge(measure(), 2023, D(result), {2023: D("80")}).status == status


@pytest.mark.parametrize(
    ("result", "status"),
    [
        ("10", Status.MET),
        ("9", Status.MET),
        ("10.5", Status.ON_TRACK),
        ("11.5", Status.AT_RISK),
        ("12", Status.OFF_TRACK),
    ],
)
def test_decrease_lower_is_better(result, status):
    absenteeism = measure(direction="decrease")
    assert judge(absenteeism, 2023, D(result), {2023: D("10")}).status == status


@pytest.mark.parametrize(
    ("result", "status"),
    [
        ("95", Status.MET),
        ("99.75", Status.MET),
        ("90.25", Status.MET),
        ("90", Status.AT_RISK),
        ("80.75", Status.AT_RISK),
        ("80", Status.OFF_TRACK),
        ("110", Status.OFF_TRACK),
    ],
)
def test_maintain_counts_distance_either_way(result, status):
    assert judge(measure(direction="maintain"), 2023, D(result), {2023: D("95")}).status == status


def test_reach_goes_towards_the_target_from_the_baseline():
    ratio = measure(direction="reach", unit="ratio", baseline_value=D("490"))
    assert judge(ratio, 2023, D("400"), {2023: D("400")}).status == Status.MET
    assert judge(ratio, 2023, D("390"), {2023: D("400")}).status == Status.MET
    assert judge(ratio, 2023, D("470"), {2023: D("400")}).status == Status.OFF_TRACK


def test_missing_result_is_no_data():
    assert judge(measure(), 2023, None, {2023: D("80")}).status == Status.NO_DATA


def test_missing_target_judges_the_trend_against_the_year_before():
    to_be_set = measure(target_form="to_be_set")
    assert judge(to_be_set, 2023, D("70"), {}, previous=D("65")).status == Status.ON_TRACK
    assert judge(to_be_set, 2023, D("65"), {}, previous=D("65")).status == Status.AT_RISK
    assert judge(to_be_set, 2023, D("60"), {}, previous=D("65")).status == Status.OFF_TRACK
    assert judge(to_be_set, 2023, D("60"), {}, previous=None).status == Status.NO_DATA
    lower_is_better = measure(target_form="words", direction="decrease")
    assert judge(lower_is_better, 2023, D("60"), {}, previous=D("65")).status == Status.ON_TRACK


def test_yearly_target_missing_for_that_year_falls_back_to_the_trend():
    assert (
        judge(measure(), 2024, D("70"), {2023: D("80")}, previous=D("60")).status == Status.ON_TRACK
    )


def test_final_target_is_a_straight_line_from_the_baseline():
    final = measure(
        target_form="final",
        baseline_value=D("50"),
        baseline_year=2020,
        final_target=D("90"),
        final_target_year=2024,
    )
    assert target_for(final, 2022, {}) == (D("70"), True)  # an estimate, labelled so
    assert target_for(final, 2024, {}) == (D("90"), False)
    assert target_for(final, 2026, {}) == (D("90"), False)
    assert target_for(final, 2020, {}) == (None, False)
    assert judge(final, 2022, D("70"), {}).status == Status.MET
    assert judge(final, 2022, D("60"), {}).status == Status.AT_RISK  # 10 short of 70: 14%
    assert judge(final, 2022, D("58"), {}).status == Status.OFF_TRACK


def test_milestones_are_done_or_not_by_when_they_are_due():
    milestone = measure(
        kind="milestone", target_form="final", final_target=D("1"), final_target_year=2024
    )
    assert judge(milestone, 2023, D("1"), {}).status == Status.MET
    assert judge(milestone, 2023, D("0"), {}).status == Status.ON_TRACK
    assert judge(milestone, 2024, D("0"), {}).status == Status.OFF_TRACK


def test_survey_scores_follow_the_numeric_rule():
    survey = measure(kind="survey", unit="score")
    assert judge(survey, 2023, D("3.9"), {2023: D("4.0")}).status == Status.ON_TRACK


def test_a_target_of_zero_is_judged_against_one_unit():
    incidents = measure(direction="decrease", unit="count")
    assert judge(incidents, 2023, D("0"), {2023: D("0")}).status == Status.MET
    assert judge(incidents, 2023, D("1"), {2023: D("0")}).status == Status.OFF_TRACK


def test_a_stated_annual_target_wins_over_the_line_to_the_final_one():
    final = measure(
        target_form="final",
        baseline_value=D("10"),
        baseline_year=2020,
        final_target=D("20"),
        final_target_year=2025,
    )
    stated = {2022: D("13.1")}
    assert target_for(final, 2022, stated) == (D("13.1"), False)
    # after a stated target, the estimate runs from it, not from the baseline
    assert target_for(final, 2023, stated) == (D("13.1") + (D("20") - D("13.1")) / 3, True)


def test_a_baseline_dated_by_month_starts_the_line_in_its_school_year():
    final = measure(
        target_form="final",
        baseline_value=D("27.3"),
        baseline_year=2023,
        baseline_month=5,  # May 2023 is in the 2022–23 school year
        final_target=D("37.3"),
        final_target_year=2027,
    )
    assert target_for(final, 2024, {}) == (D("27.3") + D("10") * 2 / 5, True)


def test_a_final_target_is_printed_as_it_was_written():
    written = measure(
        target_form="final",
        final_target=D("1.0000"),  # as the database returns it
        final_target_places=0,
        final_target_year=2024,
    )
    judged = judge(written, 2024, D("1"), {})
    assert (judged.target, judged.target_places) == (D("1"), 0)
