"""Riverbend Unified, the fifth sample district: made up, so that a newcomer sees what the
app does with a plan that has three school years of results. The four seed districts are
real plans, printed word for word with no invented numbers; this one is invented from end
to end, and its name and every page say so (District.example).

Everything is generated from SEED, so that it is the same on every machine: the plan as a
plan file (fixtures/FORMAT.md) read in by planning.exchange.import_plan; then the yearly
cycle driven through the app's own functions (planning.cycle), so that the fall review,
the spring packet and the version it made are the records those steps keep; then, for a
second plan, its making part-way through. The dates the made-up committee acted on are
set last, since the cycle stamps its records with the time it runs.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import QueryDict
from django.test import override_settings
from django.urls import reverse

from districts.models import District, Role
from measures.models import Revision
from planning.cycle import recommendations, reviews
from planning.cycle.forms import AssessmentForm
from planning.cycle.proposals import a, as_data, changes_between, proposal_form, proposed_data
from planning.editing import label_of, plain_values, record
from planning.exchange import FORMAT, import_plan
from planning.kinds import KINDS
from planning.models import Change, Packet, Plan, PlanVersion, Recommendation, Review
from planning.tree import plan_tree

SEED = 19
SLUG = "riverbend"
DISTRICT = {
    "name": "Riverbend Unified (a made-up example)",
    "address": "1 Example Way, Riverbend (a made-up town)",
    "phone": "555-0100",
    "email": "plans@riverbend.example",
    "website": "https://riverbend.example",
    "example": True,
}
START, END = 2022, 2027  # school years 2022–23 to 2026–27
YEARS = range(START, END)
RESULT_YEARS = (2022, 2023, 2024)  # three school years of results; the plan is in its fourth
REVIEWED = 2024  # the fall review of 2024–25, held in the fall of 2025
GROUPS = ("English learners", "Students with disabilities", "Low-income students")
# How each group tends to fare, as weights of met, on track, at risk, off track.
GROUP_ODDS = {
    "English learners": (2, 3, 3, 2),
    "Students with disabilities": (1, 2, 4, 3),
    "Low-income students": (3, 3, 2, 2),
}
STATUSES = ("met", "on_track", "at_risk", "off_track")
# How far short of its target a result falls, as a share of the target, for each status
# (measures/status.py): well inside each band, so that rounding keeps it there.
SHORT_BY = {
    "met": (-0.04, -0.005),
    "on_track": (0.015, 0.035),
    "at_risk": (0.07, 0.12),
    "off_track": (0.18, 0.3),
}
EDITOR, APPROVER, ADMIN = (f"{SLUG}-{role}" for role in (Role.EDITOR, Role.APPROVER, Role.ADMIN))


def at(day: str, hour: int = 16) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


# The measures --------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A made-up measure and the story its results tell: all students' status in each
    year of results (for a target in words or to be set, judged against the year
    before: on track is better, at risk the same, off track worse)."""

    name: str
    source: str
    unit: str = "percent"
    decimals: int = 1
    direction: str = "increase"
    kind: str = "quantitative"
    baseline: float | None = None
    final: float | None = None  # the last year's target; the yearly ones run straight to it
    form: str = "yearly"
    story: tuple[str, ...] = ("on_track", "on_track", "on_track")
    groups: bool = False
    gaps: tuple[float, ...] = ()  # each group's distance below all students at baseline
    words: str = ""
    due: int | None = None  # a final target's year
    results: tuple[float, ...] = ()  # written out where a story cannot say it: milestones
    notes: tuple[tuple[int, str], ...] = ()
    revisions: tuple[dict, ...] = ()
    month: int | None = None  # a baseline dated by month: May 2022 is in the 2021–22 year


def _number(value: float, places: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _text(value: Decimal | float | None, places: int) -> str | None:
    return None if value is None else str(_number(float(value), places))


def _better_is_higher(spec: Spec) -> bool:
    return spec.direction != "decrease"


def _targets(spec: Spec, baseline: float) -> dict[int, float]:
    if spec.form != "yearly":
        return {}
    if spec.direction == "maintain":
        return {year: spec.final for year in YEARS}
    steps = len(YEARS)
    return {
        year: baseline + (spec.final - baseline) * (n / steps) for n, year in enumerate(YEARS, 1)
    }


def _target_in(spec: Spec, year: int, yearly: dict[int, float], baseline: float) -> float | None:
    if year in yearly:
        return yearly[year]
    if spec.form == "final" and spec.due:
        share = min(1, (year - (START - 1)) / (spec.due - (START - 1)))
        return baseline + (spec.final - baseline) * share
    return None


def _against(spec: Spec, target: float, status: str, rng: random.Random) -> float:
    """A result that stands in this status against the target."""
    scale = abs(target) or 1
    if spec.direction == "maintain":
        band = {"met": (0.0, 0.03), "on_track": (0.0, 0.03)}.get(status) or SHORT_BY[status]
        return target + rng.uniform(*band) * scale * rng.choice((1, -1))
    short = rng.uniform(*SHORT_BY[status]) * scale
    return target - short if _better_is_higher(spec) else target + short


def _by_trend(spec: Spec, previous: float, status: str, rng: random.Random) -> float:
    step = max(abs(previous) * rng.uniform(0.02, 0.06), 10**-spec.decimals)
    if status == "at_risk":
        return previous
    better = status in ("met", "on_track")
    up = better == _better_is_higher(spec)
    return previous + step if up else previous - step


def _bounded(spec: Spec, value: float) -> float:
    value = max(value, 0)
    return min(value, 100) if spec.unit == "percent" else value


def _series(spec, rng, baseline, yearly, stories) -> list[tuple[int, str]]:
    """The results of one row (all students or a group), as written."""
    previous, written = baseline, []
    for year, status in zip(RESULT_YEARS, stories, strict=True):
        target = _target_in(spec, year, yearly, baseline)
        if target is None:
            value = _by_trend(spec, previous, status, rng)
        else:
            value = _against(spec, target, status, rng)
        value = float(_number(_bounded(spec, value), spec.decimals))
        written.append((year, _text(value, spec.decimals)))
        previous = value
    return written


def measure(spec: Spec) -> dict:
    """The measure as the plan file holds it, with its targets and results."""
    rng = random.Random(f"{SEED}:{spec.name}")  # a seed per measure: editing one moves no other
    data = {
        "name": spec.name,
        "data_source": spec.source,
        "kind": spec.kind,
        "unit": spec.unit,
        "decimals": spec.decimals,
        "direction": spec.direction,
        "baseline_value": _text(spec.baseline, spec.decimals),
        "baseline_year": None if spec.baseline is None else (START if spec.month else START - 1),
        "baseline_month": spec.month,
        "target_form": spec.form,
        "target_text": spec.words,
        "final_target": _text(spec.final, spec.decimals) if spec.form == "final" else None,
        "final_target_year": spec.due,
        "breakdown": list(GROUPS) if spec.groups else [],
        "revisions": list(spec.revisions),
    }
    yearly = _targets(spec, spec.baseline or 0)
    data["targets"] = {str(year): _text(value, spec.decimals) for year, value in yearly.items()}
    if spec.results:
        rows = [(None, list(zip(RESULT_YEARS, map(str, spec.results), strict=True)))]
    else:
        rows = [(None, _series(spec, rng, spec.baseline, yearly, spec.story))]
    data["group_targets"] = {}
    groups = zip(GROUPS, spec.gaps or (0,) * len(GROUPS), strict=True) if spec.groups else ()
    for group, gap in groups:
        below = -gap if _better_is_higher(spec) else gap
        start = spec.baseline + below
        own = _targets(spec, start) if gap else yearly
        if gap and own:
            data["group_targets"][group] = {str(y): _text(v, spec.decimals) for y, v in own.items()}
        stories = rng.choices(STATUSES, weights=GROUP_ODDS[group], k=len(RESULT_YEARS))
        rows.append((group, _series(spec, rng, start, own, stories)))
    notes = dict(spec.notes)
    data["results"] = [
        {
            "year": year,
            "group": group,
            "value": value,
            "note": notes.get(year, "") if group is None else "",
            "entered_by": EDITOR,
            "entered_at": at(f"{year + 1}-09-{15 + n}").isoformat(),
        }
        for n, (group, written) in enumerate(rows)
        for year, value in written
    ]
    return data


def milestone(name: str, source: str, due: int, done: tuple[int, ...]) -> Spec:
    """Done (1) or not yet (0) in each year of results; off track once due and not done."""
    return Spec(
        name, source, unit="", decimals=0, kind="milestone", form="final", final=1, due=due,
        results=done,
    )  # fmt: skip


# The plan's tree ------------------------------------------------------------------------


def work(text: str, owner: str, years: tuple[int, int] | None, status: str, **more) -> dict:
    """A strategy or action step as the models hold them today: an owner named by role,
    years and a status. Owners as people of the district and dated progress updates are
    later issues: give each its person and its updates here when they land."""
    start, end = years or (None, None)
    return {
        "level": more.pop("level", "strategy"),
        "text": text,
        "owner": owner,
        "start_year": start,
        "end_year": end,
        "status": status,
        "sub_points": more.pop("sub_points", []),
        "cost": more.pop("cost", None),
        "funding_source": more.pop("funding_source", ""),
        "measures": [measure(spec) for spec in more.pop("measures", [])],
        "children": more.pop("children", []),
    }


def step(text: str, owner: str, years, status: str) -> dict:
    return work(text, owner, years, status, level="action_step")


def goal(title, statement, *, measures=(), children=(), attributes=(), rationale=()) -> dict:
    return {
        "level": "goal",
        "title": title,
        "statement": statement,
        "rationale": list(rationale),
        "graduate_attributes": list(attributes),
        "measures": [measure(spec) for spec in measures],
        "children": list(children),
    }


def objective(code: str, title: str, description: str, *, measures=(), children=()) -> dict:
    return {
        "level": "objective",
        "code": code,
        "title": title,
        "description": description,
        "measures": [measure(spec) for spec in measures],
        "children": list(children),
    }


def pillar(title: str, statement: str, goals: list) -> dict:
    return {"level": "pillar", "title": title, "statement": statement, "children": goals}


def guardrail(statement: str, measures: list) -> dict:
    return {"statement": statement, "measures": [measure(spec) for spec in measures]}


STATE_TEST = "State assessment, spring administration"
SURVEY = "Riverbend climate survey, every spring"


def plan_items() -> list[dict]:
    literacy = goal(
        "Early Literacy",
        "Every Riverbend student reads on grade level by the end of third grade.",
        attributes=["Curious Learner"],
        rationale=[
            "Students who read on grade level by third grade are far likelier to graduate.",
            "Structured literacy teaches the sounds of the language explicitly and in order.",
        ],
        measures=[
            Spec(
                "Third graders reading on grade level",
                STATE_TEST,
                baseline=48.5,
                final=68.0,
                story=("on_track", "met", "met"),
                groups=True,
                gaps=(14.0, 22.0, 9.0),
                notes=((2022, "The first year of the new curriculum in every school."),),
            )
        ],
        children=[
            objective(
                "1.A",
                "Foundations of Reading",
                "Every child in kindergarten to second grade learns to decode with confidence.",
                measures=[
                    Spec(
                        "K–2 students at benchmark on the spring reading screener",
                        "Universal reading screener, spring window",
                        baseline=55.0,
                        final=75.0,
                        story=("at_risk", "on_track", "on_track"),
                        groups=True,
                    )
                ],
                children=[
                    work(
                        "Adopt a structured literacy curriculum in every K–2 classroom",
                        "Director of Elementary Learning",
                        (2022, 2023),
                        "complete",
                        cost="480000",
                        funding_source="Title I and the general fund",
                        sub_points=["Pilot in three schools", "Adopt district-wide"],
                        measures=[
                            milestone(
                                "Structured literacy curriculum in use in all nine "
                                "elementary schools",
                                "Curriculum office walkthroughs",
                                2023,
                                (0, 1, 1),
                            )
                        ],
                        children=[
                            step(
                                "Train every K–2 teacher in the science of reading",
                                "Literacy coaches",
                                (2022, 2023),
                                "complete",
                            ),
                            step(
                                "Coach each new teacher through their first year",
                                "Literacy coaches",
                                (2023, 2026),
                                "in_progress",
                            ),
                        ],
                    ),
                    work(
                        "Offer a six-week summer reading academy to students below benchmark",
                        "Summer programs coordinator",
                        (2023, 2026),
                        "in_progress",
                        cost="210000",
                        funding_source="State literacy grant",
                        measures=[
                            Spec(
                                "Students enrolled in the summer reading academy",
                                "Summer program rosters",
                                unit="count",
                                decimals=0,
                                baseline=180,
                                final=600,
                                story=("met", "on_track", "at_risk"),
                            )
                        ],
                    ),
                ],
            ),
            objective(
                "1.B",
                "Middle-Grades Mathematics",
                "Students leave eighth grade ready for algebra.",
                measures=[
                    Spec(
                        "Eighth graders proficient in mathematics",
                        STATE_TEST,
                        baseline=31.0,
                        final=50.0,
                        story=("off_track", "at_risk", "off_track"),
                        groups=True,
                        revisions=(
                            {
                                "field": "baseline",
                                "old_value": "33.0",
                                "new_value": "31.0",
                                "reason": "The state re-scored the 2021–22 test.",
                                "changed_by": ADMIN,
                                "changed_at": at("2022-11-02").isoformat(),
                            },
                        ),
                    ),
                    Spec(
                        "Median growth percentile in mathematics, grades 4 to 8",
                        STATE_TEST,
                        unit="score",
                        decimals=0,
                        baseline=44,
                        final=55,
                        story=("on_track", "on_track", "at_risk"),
                        groups=True,
                    ),
                ],
                children=[
                    work(
                        "Add a daily intervention block in every middle school",
                        "Middle school principals",
                        (2023, 2026),
                        "in_progress",
                    ),
                    work(
                        "Adopt new instructional materials for mathematics in grades 6 to 8",
                        "Mathematics curriculum lead",
                        (2025, 2026),
                        "not_started",
                        cost="350000",
                        funding_source="Instructional materials fund",
                    ),
                ],
            ),
        ],
    )
    graduation = goal(
        "Graduation and Beyond",
        "Every student graduates ready for college, a career and their community.",
        attributes=["Ready for What Comes Next"],
        measures=[
            Spec(
                "Four-year graduation rate",
                "State graduation cohort report",
                baseline=84.2,
                final=92.0,
                story=("met", "met", "on_track"),
                groups=True,
                gaps=(10.0, 18.0, 6.0),
            ),
            Spec(
                "Graduates enrolled in college or a training program within a year",
                "National enrollment clearinghouse",
                baseline=58.0,
                final=70.0,
                form="final",
                due=2026,
                story=("on_track", "on_track", "met"),
            ),
        ],
        children=[
            objective(
                "2.A",
                "College Credit in High School",
                "More students earn college credit before they graduate.",
                measures=[
                    Spec(
                        "Students earning college credit in high school",
                        "Dual-credit and Advanced Placement records",
                        unit="count",
                        decimals=0,
                        baseline=310,
                        final=520,
                        story=("on_track", "at_risk", "at_risk"),
                    ),
                    Spec(
                        "College course fees the district pays for families",
                        "Finance office",
                        unit="money",
                        decimals=0,
                        baseline=45000,
                        final=120000,
                        story=("met", "met", "met"),
                    ),
                ],
                children=[
                    work(
                        "Pay every student's dual-credit fees",
                        "College and career director",
                        (2022, 2026),
                        "in_progress",
                        cost="120000",
                        funding_source="Riverbend Education Foundation (made up)",
                    )
                ],
            ),
            objective(
                "2.B",
                "Attendance",
                "Students are in school, every day.",
                measures=[
                    Spec(
                        "Students chronically absent (lower is better)",
                        "Student information system",
                        direction="decrease",
                        baseline=22.4,
                        final=12.0,
                        story=("at_risk", "on_track", "met"),
                        groups=True,
                    )
                ],
                children=[
                    work(
                        "Call home on the second day of any absence",
                        "School attendance teams",
                        (2022, 2026),
                        "in_progress",
                        children=[
                            step(
                                "Send a letter home after five absences",
                                "School attendance teams",
                                (2022, 2022),
                                "discontinued",
                            )
                        ],
                    )
                ],
            ),
        ],
    )
    belonging = goal(
        "Belonging",
        "Every student feels safe, known and valued at school.",
        attributes=["Kind Neighbor"],
        measures=[
            Spec(
                "Students who say an adult at school knows them well",
                SURVEY,
                kind="survey",
                baseline=61.0,
                final=75.0,
                story=("on_track", "at_risk", "at_risk"),
                groups=True,
            )
        ],
        children=[
            objective(
                "3.A",
                "Fair and Restorative Discipline",
                "Discipline keeps students in school and treats every group alike.",
                measures=[
                    Spec(
                        "Out-of-school suspensions per 100 students (lower is better)",
                        "Student information system",
                        unit="count",
                        direction="decrease",
                        baseline=6.8,
                        final=3.0,
                        story=("at_risk", "off_track", "off_track"),
                        groups=True,
                    ),
                    Spec(
                        "Gap in suspension rates between the highest and lowest student group, "
                        "in points",
                        "Student information system",
                        unit="",
                        direction="decrease",
                        baseline=5.1,
                        form="words",
                        words="Eliminate the gap in suspension rates between student groups",
                        story=("on_track", "on_track", "at_risk"),
                    ),
                ],
                children=[
                    work(
                        "Train every school's staff in restorative practices",
                        "Director of Student Services",
                        (2022, 2024),
                        "complete",
                    )
                ],
            ),
            objective(
                "3.B",
                "Counselling and Mental Health",
                "Every student can reach a counselor when they need one.",
                measures=[
                    Spec(
                        "Students per counselor",
                        "Staffing report, October count",
                        unit="ratio",
                        decimals=0,
                        direction="decrease",
                        baseline=490,
                        final=250,
                        story=("on_track", "at_risk", "off_track"),
                    ),
                    Spec(
                        "Students who met a counselor or social worker during the year",
                        "Counselling records",
                        unit="count",
                        decimals=0,
                        baseline=2100,
                        form="to_be_set",
                        story=("on_track", "on_track", "on_track"),
                    ),
                ],
                children=[
                    work(
                        "Hire six counselors over three years",
                        "Human resources director",
                        (2022, 2024),
                        "on_hold",
                        cost="540000",
                        funding_source="Federal relief funds, then the general fund",
                    )
                ],
            ),
        ],
    )
    families = goal(
        "Families as Partners",
        "Every family is welcomed as a partner in its child's learning.",
        measures=[
            Spec(
                "Families satisfied with how their school keeps in touch",
                "Family survey, every spring",
                kind="perception",
                baseline=71.0,
                month=5,
                final=85.0,
                story=("met", "on_track", "met"),
            ),
            Spec(
                "Families attending fall conferences",
                "School sign-in sheets",
                unit="count",
                decimals=0,
                baseline=5200,
                final=6500,
                story=("at_risk", "at_risk", "on_track"),
            ),
            Spec(
                "Family survey response rate",
                "Family survey, every spring",
                direction="maintain",
                baseline=40.0,
                final=40.0,
                story=("met", "at_risk", "met"),
            ),
        ],
        children=[
            # Strategies on the goal itself, with no objective between.
            work(
                "Translate every school notice into the district's five most spoken languages",
                "Communications office",
                (2022, 2023),
                "complete",
            ),
            work(
                "Open a family welcome center in each high school",
                "Family engagement coordinator",
                (2024, 2026),
                "in_progress",
            ),
        ],
    )
    people = goal(
        "Great People",
        "Riverbend recruits, grows and keeps excellent staff.",
        measures=[
            Spec(
                "Teachers who return the next year",
                "Human resources records",
                baseline=84.0,
                final=90.0,
                story=("on_track", "off_track", "at_risk"),
            ),
            Spec(
                "Teaching positions vacant on the first day of school (lower is better)",
                "Human resources records",
                unit="count",
                decimals=0,
                direction="decrease",
                baseline=38,
                final=10,
                story=("met", "on_track", "off_track"),
            ),
            milestone(
                "A mentoring program for new teachers in every school",
                "Human resources records",
                2024,
                (0, 0, 0),
            ),
        ],
        children=[
            work(
                "Raise starting pay to the region's median",
                "Superintendent",
                (2022, 2023),
                "complete",
                cost="1900000",
                funding_source="General fund",
            )
        ],
    )
    stewardship = goal(
        "Responsible Stewardship",
        "Every dollar serves students, and the community can see how.",
        measures=[
            Spec(
                "Share of spending that reaches classrooms",
                "Annual financial report",
                baseline=61.5,
                final=65.0,
                story=("on_track", "on_track", "on_track"),
            ),
            Spec(
                "Energy cost per student (lower is better)",
                "Utility bills",
                unit="money",
                decimals=2,
                direction="decrease",
                baseline=142.0,
                final=120.0,
                story=("met", "met", "at_risk"),
            ),
            Spec(
                "Transportation cost per rider (lower is better)",
                "Transportation office",
                unit="money",
                decimals=2,
                direction="decrease",
                baseline=980.0,
                form="to_be_set",
                story=("off_track", "on_track", "on_track"),
            ),
            milestone(
                "A budget in plain language published each June", "Finance office", 2022, (1, 1, 1)
            ),
        ],
        children=[
            work(
                "Replace the oldest school buses with electric ones",
                "Transportation director",
                (2023, 2026),
                "in_progress",
                cost="2400000",
                funding_source="Federal clean school bus grant",
            )
        ],
    )
    return [
        pillar(
            "Learning for Every Student",
            "What students learn, and how far it takes them.",
            [literacy, graduation],
        ),
        pillar(
            "Safe and Connected Schools",
            "Schools where students and families belong.",
            [belonging, families],
        ),
        pillar(
            "Strong Foundations",
            "The people and the money that make the rest possible.",
            [people, stewardship],
        ),
    ]


def guardrails() -> dict:
    return {
        "name": "Board Guardrails",
        "item_label": "Guardrail",
        "measure_label": "Guardrail measure",
        "measure_plural": "Guardrail measures",
        "prefix": "GR",
        "numbering": "per_parent",
        "style": "digits",
        "items": [
            guardrail(
                "The superintendent will not allow any school to go without a full-time counselor.",
                [
                    Spec(
                        "Schools without a full-time counselor",
                        "Staffing report, October count",
                        unit="count",
                        decimals=0,
                        direction="decrease",
                        baseline=7,
                        final=0,
                        results=(6, 4, 2),
                    )
                ],
            ),
            guardrail(
                "The superintendent will not allow the unassigned fund balance to fall below "
                "two months of operating expenses.",
                [
                    Spec(
                        "Unassigned fund balance, as a share of the year's expenditures",
                        "Annual financial report",
                        direction="maintain",
                        baseline=17.0,
                        final=17.0,
                        story=("met", "met", "at_risk"),
                    )
                ],
            ),
            guardrail(
                "The superintendent will not allow decisions about students to be made without "
                "hearing from students.",
                [
                    Spec(
                        "Meetings of the student advisory council with the superintendent",
                        "Superintendent's calendar",
                        unit="count",
                        decimals=0,
                        direction="reach",
                        baseline=2,
                        final=8,
                        results=(3, 5, 6),
                    )
                ],
            ),
        ],
    }


def plan_file() -> dict:
    """The adopted plan, with three school years of results, as a plan file."""
    return {
        "format": FORMAT,
        "plan": {
            "title": "Riverbend Rising",
            "tagline": "Every learner, every day.",
            "start_year": START,
            "end_year": END,
            "status": "adopted",
            "published": True,
            "notes": "A made-up example, generated by planning/samples.py from a fixed seed: "
            "no real district's plan, people or numbers.",
            "mission": "Riverbend Unified prepares every student to learn, work and lead in a "
            "changing world.",
            "vision": "Every Riverbend graduate leaves with the knowledge, skills and "
            "confidence to shape their own future.",
            "theory_of_action": "When every student has a strong start in reading, adults who "
            "know them well and a clear path after high school, and when the district spends "
            "its money where students feel it, achievement rises for every group of students.",
            "graduate_profile_title": "The Riverbend Graduate is...",
            "levels": {
                "pillar": {
                    "singular": "Pillar",
                    "plural": "Pillars",
                    "used": True,
                    "numbering": "per_parent",
                    "style": "roman",
                },
                "goal": {"singular": "Goal", "plural": "Goals", "numbering": "continuous"},
                "objective": {
                    "singular": "Objective",
                    "plural": "Objectives",
                    "numbering": "typed",
                },
                "strategy": {
                    "singular": "Strategy",
                    "plural": "Strategies",
                    "numbering": "outline",
                },
                "action_step": {
                    "singular": "Action step",
                    "plural": "Action steps",
                    "used": True,
                    "numbering": "outline",
                    "style": "lower",
                },
                "measure": {"singular": "Measure of progress", "plural": "Measures of progress"},
            },
            "vision_areas": [
                {"name": "Learning", "description": "Every student grows every year."},
                {"name": "Belonging", "description": "Every student and family is welcome."},
            ],
            "values": [
                {
                    "name": "Equity",
                    "definition": "Giving each student what they need to thrive",
                    "descriptors": ["fairness", "access", "high expectations"],
                },
                {
                    "name": "Integrity",
                    "definition": "Doing what we say, in the open",
                    "descriptors": ["honesty", "transparency"],
                },
                {
                    "name": "Joy",
                    "definition": "Schools where students want to be",
                    "descriptors": ["curiosity", "play", "celebration"],
                },
            ],
            "graduate_attributes": [
                {"name": "Curious Learner", "descriptors": ["asks good questions", "reads widely"]},
                {"name": "Kind Neighbor", "descriptors": ["listens", "helps others"]},
                {
                    "name": "Ready for What Comes Next",
                    "descriptors": ["has a plan after high school", "manages time and money"],
                },
            ],
            "items": plan_items(),
            "sections": [guardrails()],
        },
    }


def next_plan_file() -> dict:
    """The plan that will follow, part-way through its making: its diagnostic done, its
    outreach heard, its priorities ranked and its first goals drafted from them."""
    return {
        "format": FORMAT,
        "plan": {
            "title": "Riverbend Forward",
            "start_year": END,
            "end_year": END + 5,
            "status": "draft",
            "published": False,
            "notes": "A made-up example: the next plan, being made.",
            "graduate_attributes": [],
            "items": [
                {
                    "level": "goal",
                    "ref": "G1",
                    "title": "Reading and Mathematics for All",
                    "statement": "Every student reads and computes on grade level.",
                    "measures": [],
                    "children": [
                        {
                            "level": "objective",
                            "ref": "G1.O1",
                            "title": "Mathematics in grades 6–8",
                            "description": "Close the gap that opened in the middle grades.",
                            "measures": [],
                            "children": [],
                        }
                    ],
                },
                {
                    "level": "goal",
                    "ref": "G2",
                    "title": "Staff Who Stay",
                    "statement": "Riverbend keeps the teachers it grows.",
                    "measures": [],
                    "children": [],
                },
            ],
            "sections": [],
            "making": {
                "started_by": ADMIN,
                "started_at": at("2026-01-12", 9).isoformat(),
                "adopted_by": None,
                "adopted_at": None,
                "phases": [
                    phase(
                        "Diagnostic analysis",
                        "done",
                        "Assistant superintendent",
                        ("2026-01-12", "2026-04-30"),
                        ("2026-01-12", "2026-05-08"),
                    ),
                    phase(
                        "Vision, goals and priorities",
                        "under_way",
                        "Steering committee",
                        ("2026-05-01", "2026-12-18"),
                        ("2026-05-11", None),
                    ),
                    phase(
                        "Framework",
                        "not_started",
                        "Steering committee",
                        ("2027-01-11", "2027-03-19"),
                        (None, None),
                    ),
                    phase(
                        "Developing the plan",
                        "not_started",
                        "Cabinet",
                        ("2027-03-22", "2027-05-28"),
                        (None, None),
                    ),
                    phase(
                        "Implementation",
                        "not_started",
                        "Superintendent",
                        ("2027-07-01", "2027-08-31"),
                        (None, None),
                    ),
                ],
                "areas": ["Academics", "Community engagement", "Equity", "Operations"],
                "swot": swot(),
                "outreach": outreach(),
                "priorities": [
                    {
                        "title": "Mathematics in the middle grades",
                        "description": "Eighth-grade proficiency has been off track or at risk "
                        "for three years.",
                        "swot": ["W1", "O1"],
                        "themes": ["I1.T1", "I3.T1"],
                        "drafted_as": ["G1", "G1.O1"],
                    },
                    {
                        "title": "Keeping teachers",
                        "description": "Vacancies were off track in 2024–25.",
                        "swot": ["W2", "T1"],
                        "themes": ["I2.T1"],
                        "drafted_as": ["G2"],
                    },
                    {
                        "title": "Counselors within reach",
                        "description": "The ratio fell behind its targets when hiring stopped.",
                        "swot": ["W3"],
                        "themes": ["I1.T2", "I4.T1"],
                        "drafted_as": [],
                    },
                    {
                        "title": "Families as partners, in every language",
                        "description": "Keep what the translated notices started.",
                        "swot": ["S2", "O2"],
                        "themes": ["I4.T2"],
                        "drafted_as": [],
                    },
                ],
            },
        },
    }


def phase(name, status, lead, planned, actual) -> dict:
    return {
        "name": name,
        "status": status,
        "lead": lead,
        "planned_start": planned[0],
        "planned_end": planned[1],
        "actual_start": actual[0],
        "actual_end": actual[1],
    }


def swot() -> list[dict]:
    # (what, what shows it, where that comes from): said of the stories of the measures
    # above, so that the diagnostic agrees with the plan's own results.
    entries = {
        "strength": [
            (
                "Third-grade reading met its target two years running.",
                "Measure 1.M1: met in 2023–24 and in 2024–25.",
                "State assessment",
            ),
            (
                "Families rate school communication highly.",
                "Measure 4.M1: met in 2024–25.",
                "Family survey",
            ),
        ],
        "weakness": [
            (
                "Eighth-grade mathematics is off track.",
                "Measure 1.B.M1: off track or at risk in each of three years.",
                "State assessment",
            ),
            (
                "Too many classrooms open without a teacher.",
                "Measure 5.M2: off track in 2024–25.",
                "Human resources records",
            ),
            (
                "Students per counselor fell behind its targets when hiring stopped.",
                "Measure 3.B.M1: off track in 2024–25; strategy 3.B.1 on hold.",
                "Staffing report",
            ),
        ],
        "opportunity": [
            (
                "A state grant for middle-grades mathematics opens in 2027.",
                "Announced to districts in March 2026.",
                "State notice",
            ),
            (
                "The family welcome centers reach new families.",
                "Strategy 4.2, in progress since 2024–25.",
                "Sign-in sheets",
            ),
        ],
        "threat": [
            (
                "Enrollment is expected to fall 4% by 2030.",
                "Fewer births in the county since 2019.",
                "Demographer's projection",
            ),
        ],
    }
    letters = {"strength": "S", "weakness": "W", "opportunity": "O", "threat": "T"}
    return [
        {"code": f"{letters[kind]}{n}", "kind": kind, "text": text, "evidence": evidence,
         "source": source}
        for kind, listed in entries.items()
        for n, (text, evidence, source) in enumerate(listed, 1)
    ]  # fmt: skip


def outreach() -> list[dict]:
    def activity(kind, held_on, audience, reached, description, themes):
        return {
            "kind": kind,
            "held_on": held_on,
            "audience": audience,
            "reached": reached,
            "description": description,
            "themes": [{"text": text, "areas": areas} for text, areas in themes],
        }

    return [
        activity("survey", "2026-03-02", "families", 1840, "Spring survey of every family.", [
            ("Families want more help with mathematics homework.", ["Academics"]),
            ("Families want to reach a counselor quickly.", ["Equity", "Operations"]),
        ]),
        activity("focus_group", "2026-03-18", "teachers", 42, "Three groups of teachers.", [
            ("New teachers want a mentor in their own building.", ["Operations"]),
        ]),
        activity("interview", "2026-04-07", "students", 36, "Eighth graders, one by one.", [
            ("Students lose confidence in mathematics in seventh grade.", ["Academics"]),
        ]),
        activity("forum", "2026-04-22", "community", 210, "An evening forum at the high "
                 "school, with interpreters.", [
            ("Counselors are stretched too thin.", ["Equity"]),
            ("Keep translating; add the sixth language.", ["Community engagement", "Equity"]),
        ]),
        activity("staff_meeting", "2026-05-05", "principals", 14, "Principals' meeting.", []),
    ]  # fmt: skip


# The yearly cycle ------------------------------------------------------------------------


def people() -> dict[str, object]:
    """The demo logins who act in the cycle; None where they were not made (the records
    then name nobody)."""
    found = get_user_model().objects.filter(username__in=(EDITOR, APPROVER, ADMIN))
    by_name = {user.username: user for user in found}
    return {name: by_name.get(name) for name in (EDITOR, APPROVER, ADMIN)}


RATINGS = {"met": "strong", "on_track": "steady", "at_risk": "limited", "off_track": "none"}


def assess(review: Review, plan: Plan, by) -> None:
    """The committee's assessment of each goal and guardrail, said from its statuses."""
    content, tree = reviews.content(review), plan_tree(plan)
    for meeting, group in enumerate(content["goals"]):
        if not group["assessable"]:
            continue
        counts = {c["status"]: c["count"] for c in group["counts"]}
        worst = next((s for s in reversed(STATUSES) if counts.get(s)), "met")
        said = ", ".join(f"{c['count']} {c['label'].lower()}" for c in group["counts"])
        form = AssessmentForm(
            {
                "rating": RATINGS[worst],
                "text": f"Of its measures in {content['year_label']}: {said}. " + NEXT_STEPS[worst],
                "meeting_date": date(2025, 10, 6 + meeting).isoformat(),
            }
        )
        if not form.is_valid():
            raise ValueError(form.errors.as_text())
        written = form.save(commit=False)
        written.review, written.written_by = review, by
        setattr(written, group["kind"], tree.find(group["kind"], group["goal_id"]).item)
        written.save()
        record(
            plan=plan,
            actor=by,
            kind=group["kind"],
            item_id=group["goal_id"],
            action=Change.Action.ADDED,
            label=f"assessment of {group['label']} in {review}",
        )


NEXT_STEPS = {
    "met": "The committee sees strong progress and asks that the work continue as planned.",
    "on_track": "Progress is steady; the committee will watch the measures that are close.",
    "at_risk": "Progress is limited; the committee asks for a plan to recover in the spring.",
    "off_track": "The committee sees no progress on part of this goal and will recommend "
    "changes in the spring.",
}


def _post(values: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in values.items():
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    return data


def recommend(plan: Plan, by, *, action, kind, item=None, parent=None, values=None, why=""):
    """A recommendation drafted as the spring page drafts it (planning.views.spring)."""
    tree = plan_tree(plan)
    kind_ = KINDS[kind]
    current = kind_.form_for(plan, instance=item) if item else None
    if item is not None:
        label = label_of(kind_, plan, tree.find(kind, item.pk))
        values = {**as_data(current), **(values or {})}
    else:
        parent_kind, parent_item = parent
        where = label_of(KINDS[parent_kind], plan, tree.find(parent_kind, parent_item.pk))
        label = f"{a(kind_.label(plan).lower())} to {where}"
    post = _post({**(values or {}), "why-rationale": why})
    proposal, data = proposal_form(
        kind_, plan, action, post, current=current, item=item, recommendation=None
    )
    if proposal is not None and not proposal.is_valid():
        raise ValueError(proposal.errors.as_text())
    return recommendations.draft(
        plan,
        role=Role.EDITOR,
        by=by,
        action=action,
        item_kind=kind,
        item_id=item.pk if item else None,
        parent_kind=parent[0] if parent else "",
        parent_id=parent[1].pk if parent else None,
        item_label=label[:300],
        base=plain_values(current) if current else {},
        proposed=proposed_data(proposal, data, action),
        changes=changes_between(proposal, plan) if proposal else [],
        rationale=why,
    )


def run_cycle(plan: Plan) -> None:
    """The fall review of 2024–25, closed with its assessments; then the spring packet,
    forwarded and decided, its approved changes applied as version 2."""
    who = people()
    editor, approver = who[EDITOR], who[APPROVER]
    review = reviews.open_review(plan, REVIEWED, by=editor)
    assess(review, plan, editor)
    reviews.close_review(review, by=editor)
    Review.objects.filter(pk=review.pk).update(
        opened_at=at("2025-09-22"), closed_at=at("2025-10-20")
    )

    Action = Recommendation.Action
    objectives = {o.code: o for o in plan.objectives.all()}
    ratio = plan.measures.get(name="Students per counselor")
    letters = plan.action_steps.get(text__startswith="Send a letter home")
    drafted = [
        recommend(
            plan, editor, action=Action.ADJUST_TARGETS, kind="measure", item=ratio,
            values={"target_2025": "340", "target_2026": "300"},
            why="Hiring is on hold until the state's staffing grant arrives; the last two "
            "targets follow the counselors the district can pay for.",
        ),
        recommend(
            plan, editor, action=Action.CHANGE, kind="objective", item=objectives["1.B"],
            values={"description": "Students leave eighth grade ready for algebra, whatever "
                    "school they attend."},
            why="The gap between middle schools is as wide as the gap between groups.",
        ),
        recommend(
            plan, editor, action=Action.ADD, kind="strategy", parent=("objective",
            objectives["1.B"]),
            values={"text": "Tutor every eighth grader below benchmark three times a week",
                    "owner": "Middle school principals", "status": "not_started",
                    "start_year": "2025", "end_year": "2026"},
            why="Eighth-grade mathematics has been off track or at risk for three years.",
        ),
        recommend(
            plan, editor, action=Action.RETIRE, kind="action_step", item=letters,
            why="Calls home replaced the letters in 2022–23.",
        ),
        recommend(
            plan, editor, action=Action.CHANGE, kind="objective", item=objectives["3.A"],
            values={"title": "Restorative Discipline"},
            why="A shorter title for the board's report.",
        ),
    ]  # fmt: skip
    link = reverse("spring", args=[plan.district.slug, plan.pk])
    # The made-up people's mail goes nowhere, on every server that loads the samples.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        packet = recommendations.forward(drafted[0].packet, role=Role.EDITOR, by=editor, link=link)
        Packet.objects.filter(pk=packet.pk).update(
            created_at=at("2026-03-02"), forwarded_at=at("2026-03-30")
        )
        decisions = [
            ("approve", "Approved; revisit when the grant is decided."),
            ("approve", ""),
            ("approve", "Approved. Report on it at the June board meeting."),
            ("decline", "Keep the letter for families without a phone on file."),
            ("return", "Keep the title the board adopted; say what should change in it."),
        ]
        for recommendation, (decision, note) in zip(drafted, decisions, strict=True):
            recommendations.decide(
                recommendation, decision=decision, note=note, role=Role.APPROVER,
                by=approver, link=link,
            )  # fmt: skip
    decided = at("2026-04-14")
    Packet.objects.filter(pk=packet.pk).update(closed_at=decided)
    for n, recommendation in enumerate(drafted):
        Recommendation.objects.filter(pk=recommendation.pk).update(
            drafted_at=at(f"2026-03-{10 + n:02d}"), decided_at=decided
        )
    Revision.objects.filter(measure__plan=plan, field="target").update(changed_at=decided)
    PlanVersion.objects.filter(plan=plan, number=1).update(created_at=at("2022-06-20"))
    PlanVersion.objects.filter(plan=plan, number__gt=1).update(created_at=decided)
    Change.objects.filter(plan=plan).update(at=decided)
    Change.objects.filter(plan=plan, item_label__startswith="assessment").update(
        at=at("2025-10-10")
    )


# The work through the year: owners who are people, dates and dated updates ----------------

# When owners were asked for their updates in 2025–26, the plan's fourth year.
WINDOWS = (
    ("Quarter 1", "2025-10-01", "2025-10-17"),
    ("Quarter 2", "2026-01-05", "2026-01-23"),
    ("Quarter 3", "2026-04-01", "2026-04-17"),
    ("Quarter 4", "2026-06-01", "2026-06-12"),
)
# The editor's own work, by the words it starts with: starts, due (a month or a day), and an
# update in each window it was open, as (status, percent, what was done). The coaching is
# overdue: due in May 2026 and not done.
OWNED = {
    "Coach each new teacher": ("2025-08-01", "2026-05-31", "month", [
        ("in_progress", 25, "Coaches are paired with 18 of the 24 new teachers."),
        ("in_progress", 50, "Every new teacher has a coach; the first cycle of visits is done."),
        ("in_progress", 80, "Second cycle of visits done; four teachers asked for a third."),
    ]),
    "Add a daily intervention block": ("2025-09-01", "2027-06-30", "day", [
        ("in_progress", 10, "Draft schedules shared with the middle school principals."),
        ("in_progress", 30, "Two of the three middle schools run the block every day."),
        ("in_progress", 45, "The third school starts in April: its tutors were hired late."),
        ("in_progress", 60, "All three schools run the block; the spring screening is in."),
    ]),
    "Call home on the second day": ("2025-08-15", "2027-06-30", "month", [
        ("in_progress", 15, "Each school's attendance team meets every other week."),
        ("in_progress", 35, "Families of 120 students with many absences were called."),
    ]),
    "Hire six counselors": (None, "2026-12-31", "month", [
        ("on_hold", 0, "Waiting for the state's staffing grant before hiring."),
    ]),
}  # fmt: skip


def follow_the_work(plan: Plan) -> None:
    """The editor owns some of the work, with its dates and a dated update in each update
    window of the year; the windows themselves, for the board's progress updates."""
    for name, opens_on, closes_on in WINDOWS:
        plan.update_windows.create(name=name, opens_on=opens_on, closes_on=closes_on)
    editor = people()[EDITOR]
    if editor is None:
        return
    if not editor.get_full_name():
        editor.first_name, editor.last_name = "Jordan", "Reyes (made up)"
        editor.save(update_fields=["first_name", "last_name"])
    for words, (start_on, due_on, precision, updates) in OWNED.items():
        kind, item = next(
            (kind, item)
            for kind, items in (("strategy", plan.strategies), ("action_step", plan.action_steps))
            for item in items.filter(text__startswith=words)
        )
        status, percent, _ = updates[-1]
        item.owner_user = editor
        item.start_on, item.due_on, item.due_precision = start_on, due_on, precision
        item.status, item.percent = status, percent
        item.save()
        for (status, percent, narrative), (_, _, closes_on) in zip(
            updates, WINDOWS[: len(updates)], strict=True
        ):
            plan.progress_updates.create(
                **{kind: item},
                author=editor,
                at=at(closes_on, hour=15) - timedelta(days=3),
                status=status,
                percent=percent,
                narrative=narrative,
            )


# Loading --------------------------------------------------------------------------------


def example_district() -> District:
    district, _ = District.objects.update_or_create(slug=SLUG, defaults=DISTRICT)
    return district


@transaction.atomic
def load(district: District) -> tuple[list[Plan], bool]:
    """The district's two plans, made if it has none; whether they were made now. Its demo
    logins should exist first, so that the records name who acted."""
    plans = list(district.plans.order_by("start_year"))
    if plans:
        return plans, False
    plan = import_plan(district, plan_file())
    run_cycle(plan)
    follow_the_work(plan)
    following = import_plan(district, next_plan_file())
    # The making belongs to the app above this one; reached by name, as the item forms do.
    following.making.follows = plan
    following.making.save(update_fields=["follows"])
    return [plan, following], True
