"""A made-up plan with every shape real district plans take (issue 15): a level above
goals and one below strategies; typed codes with a typo kept (a second 2.2); aims
numbered across the plan; roman numerals and letters; a goal and an aim side by side
under one priority; a section of superintendent constraints with its own labels and
measure codes; measures on a priority and on goals; a plan in calendar years with a
baseline dated by month and a final target by month; values written with their own
decimals; targets per student group; a stated annual target beside a final one; a
revision with its reason; notes."""

from planning.plan_file import create_plan

LEVELS = {
    "pillar": {
        "singular": "Priority",
        "plural": "Priorities",
        "numbering": "per_parent",
        "style": "roman",
    },
    "goal": {"singular": "Goal", "plural": "Goals", "numbering": "typed"},
    "objective": {"singular": "Aim", "plural": "Aims", "numbering": "continuous"},
    "strategy": {"singular": "Strategy", "plural": "Strategies", "numbering": "outline"},
    "action_step": {
        "singular": "Action step",
        "plural": "Action steps",
        "used": True,
        "numbering": "outline",
        "style": "lower",
    },
    "measure": {"singular": "KPI", "plural": "KPIs"},
}


def measure(name: str, **fields) -> dict:
    return {
        "name": name,
        "kind": "quantitative",
        "unit": "percent",
        "direction": "increase",
        "target_form": "yearly",
        "targets": {},
        **fields,
    }


PLAN = {
    "title": "Shapes of a Plan",
    "start_year": 2023,
    "end_year": 2027,
    "years_are": "calendar",
    "status": "adopted",
    "notes": "The district wrote its goal codes itself; the second 2.2 is as written.",
    "levels": LEVELS,
    "items": [
        {
            "level": "pillar",
            "title": "Learning for every student",
            "statement": "What students learn and how well.",
            "measures": [
                measure(
                    "Students reading on grade level",
                    code="KPI 1",
                    baseline_value="27.3",
                    baseline_year=2023,
                    baseline_month=5,
                    target_form="final",
                    final_target="41",
                    final_target_year=2027,
                    final_target_month=3,
                    targets={"2024": "13.1"},
                    revisions=[
                        {
                            "field": "baseline",
                            "old_value": "26.1",
                            "new_value": "27.3",
                            "reason": "The state corrected its spring data.",
                            "changed_at": "2023-06-02T10:00:00+00:00",
                        }
                    ],
                )
            ],
            "children": [
                {
                    "level": "goal",
                    "code": "1.A",
                    "title": "Early literacy",
                    "statement": "Every child reads by the end of grade 3.",
                    "measures": [
                        measure(
                            "Grade 3 reading proficiency",
                            targets={"2024": "21", "2025": "24.5", "2026": "21.0"},
                        ),
                        measure(
                            "Graduation rate by student group",
                            breakdown=["Group A students", "Group B students"],
                            targets={"2027": "95"},
                            group_targets={
                                "Group A students": {"2027": "90"},
                                "Group B students": {"2027": "92.5"},
                            },
                        ),
                    ],
                    "children": [
                        {
                            "level": "objective",
                            "title": "Reading coaches in every school",
                            "children": [
                                {
                                    "level": "strategy",
                                    "text": "Hire and train reading coaches.",
                                    "children": [
                                        {
                                            "level": "action_step",
                                            "text": "Post the coach positions.",
                                        }
                                    ],
                                }
                            ],
                        }
                    ],
                },
                {
                    "level": "goal",
                    "code": "2.2",
                    "title": "Math foundations",
                    "statement": "Students master the foundations of mathematics.",
                },
            ],
        },
        {
            "level": "pillar",
            "title": "Staff who stay",
            "children": [
                {
                    "level": "goal",
                    "code": "2.2",
                    "title": "Retention",
                    "statement": "Increase the annual retention of staff.",
                    "measures": [
                        measure(
                            "Students per counselor",
                            unit="ratio",
                            direction="decrease",
                            baseline_value="4853",
                            baseline_year=2023,
                            targets={"2025": "2.8"},
                        )
                    ],
                },
                {"level": "objective", "title": "Mentors for new teachers"},
                {"level": "objective", "title": "Competitive pay"},
            ],
        },
    ],
    "sections": [
        {
            "name": "Superintendent Constraints",
            "item_label": "Superintendent Constraint",
            "measure_label": "Constraint Progress Measure",
            "measure_plural": "Constraint Progress Measures",
            "prefix": "SC",
            "items": [
                {
                    "title": "Safe schools",
                    "statement": "The superintendent will not allow unsafe buildings.",
                    "measures": [
                        measure("Buildings passing inspection", code="CPM 1.1"),
                    ],
                }
            ],
        }
    ],
}


def shaped_plan(district):
    return create_plan(district, PLAN)
