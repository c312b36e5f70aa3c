"""The plan file's shape, declared once (fixtures/FORMAT.md says it in words).

Every field has its type, and where the database limits it, the same limit: its choices,
its length, its years, numbers that read as decimals of the size the database keeps.
What a file may hold is read from the models themselves, so that a file the schema
passes is one the database takes. What spans several places of a file (refs, a period,
one review a year) is checked afterwards by planning.exchange, with the place it is at.
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from measures.models import Measure, Revision, StudentGroup
from measures.status import Status
from planning import month_or_day
from planning.models import (
    Assessment,
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Level,
    Numbering,
    NumberStyle,
    Objective,
    Packet,
    Pillar,
    Plan,
    Recommendation,
    Review,
    Section,
    Strategy,
    VisionArea,
)
from planning.models.plan import FIRST_YEAR, LAST_YEAR

LONG_TEXT = 20_000  # a text field the database does not limit
NAME = 150  # a username, as Django limits it


class Shape(BaseModel):
    """A part of the file: no unknown keys, no value of another type taken for this one."""

    model_config = ConfigDict(strict=True, extra="forbid")


def _field(model: type[models.Model], name: str) -> models.Field:
    return model._meta.get_field(name)


def text(model: type[models.Model], name: str, *, required: bool = False):
    """A string as long as the model's field allows; required: not empty either (the
    words an item is known by)."""
    limit = _field(model, name).max_length or LONG_TEXT
    return Annotated[str, Field(max_length=limit, min_length=1 if required else 0)]


def choice(model: type[models.Model], name: str):
    """One of the model's choices for the field."""
    return Literal[tuple(value for value, _ in _field(model, name).choices)]


def _number(places: int, digits: int = 14, required: bool = False):
    def number(value):
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError("should be a number written as text, such as “85” or “85.5”")
        try:
            read = Decimal(str(value).strip())
        except InvalidOperation:
            read = None
        if read is None or not read.is_finite():
            raise ValueError(
                f"“{value}” is not a number: write it as 85 or 85.5, "
                "without a unit, a % sign or words"
            )
        if -read.as_tuple().exponent > places:
            raise ValueError(f"“{value}” has more than {places} decimals")
        if abs(read) >= Decimal(10) ** (digits - places):
            raise ValueError(f"“{value}” is too large: at most {digits - places} digits")
        return value

    return number


# A number as the plan wrote it: a measure's 14 digits with 4 decimals, or money's 2.
Number = Annotated[Any, AfterValidator(_number(4))]
Money = Annotated[Any, AfterValidator(_number(2))]
Target = Annotated[Any, AfterValidator(_number(4, required=True))]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


def _day_or_month(text: str) -> str:
    """A date written as a day (2026-03-15) or a month (2026-03), within the years."""
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        raise ValueError("write a day as 2026-03-15 or a month as 2026-03")
    try:
        day, _ = month_or_day.read(text)
    except ValueError:
        raise ValueError(f"{text} is not a real date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"the year should be from {FIRST_YEAR} to {LAST_YEAR}")
    return text


DayOrMonth = Annotated[str, AfterValidator(_day_or_month)]
Month = Annotated[int, Field(ge=1, le=12)]
Count = Annotated[int, Field(ge=0, le=2_147_483_647)]
Username = Annotated[str, Field(max_length=NAME)]
Ref = Annotated[str, Field(max_length=60)]
Words = Annotated[str, Field(max_length=LONG_TEXT)]
GroupName = text(StudentGroup, "name")


def _year_key(value: str) -> str:
    if not value.isdigit() or not FIRST_YEAR <= int(value) <= LAST_YEAR:
        raise ValueError(f"“{value}” should be a year from {FIRST_YEAR} to {LAST_YEAR}")
    return value


EARLIEST, LATEST = 1900, 2200  # a date further off is a mistake, and may not convert to UTC


def _moment(value: str) -> str:
    try:
        read = parse_datetime(value)
    except ValueError:
        read = None
    if read is None or not EARLIEST <= read.year <= LATEST:
        raise ValueError(f"“{value}” should be a date and time such as 2024-10-14T09:30:00Z")
    return value


def _day(value: str) -> str:
    try:
        read = parse_date(value)
    except ValueError:
        read = None
    if read is None or not EARLIEST <= read.year <= LATEST:
        raise ValueError(f"“{value}” should be a date such as 2024-10-14")
    return value


YearKey = Annotated[str, AfterValidator(_year_key)]
Moment = Annotated[str, Field(max_length=40), AfterValidator(_moment)]
Day = Annotated[str, Field(max_length=20), AfterValidator(_day)]
Points = Annotated[str, Field(max_length=LONG_TEXT, pattern=r"^[-0-9., ]*$")]


# Measures ------------------------------------------------------------------------------


class ResultShape(Shape):
    year: Year
    group: GroupName | None = None
    value: Number = None
    note: Words = ""
    entered_by: Username | None = None
    entered_at: Moment | None = None


class RevisionShape(Shape):
    field: choice(Revision, "field")
    year: Year | None = None
    old_value: text(Revision, "old_value") = ""
    new_value: text(Revision, "new_value") = ""
    reason: Words
    changed_by: Username | None = None
    changed_at: Moment | None = None


class MeasureShape(Shape):
    ref: Ref | None = None
    code: text(Measure, "code") = ""
    name: text(Measure, "name", required=True)
    data_source: text(Measure, "data_source") = ""
    kind: choice(Measure, "kind") = "quantitative"
    unit: choice(Measure, "unit") = ""
    decimals: Annotated[int, Field(ge=0, le=4)] = 0
    direction: choice(Measure, "direction") = "increase"
    baseline_value: Number = None
    baseline_year: Year | None = None
    baseline_month: Month | None = None
    target_form: choice(Measure, "target_form") = "to_be_set"
    final_target: Number = None
    final_target_year: Year | None = None
    final_target_month: Month | None = None
    target_text: text(Measure, "target_text") = ""
    targets: dict[YearKey, Target] = {}
    group_targets: dict[GroupName, dict[YearKey, Target]] = {}
    breakdown: list[GroupName] = []
    results: list[ResultShape] = []
    revisions: list[RevisionShape] = []
    results_by: Annotated[str, Field(max_length=NAME)] | None = None


# The plan's tree -----------------------------------------------------------------------


class ItemShape(Shape):
    ref: Ref | None = None
    code: text(Pillar, "code") = ""
    measures: list[MeasureShape] = []
    children: list["Item"] = []


class PillarShape(ItemShape):
    level: Literal["pillar"]
    title: text(Pillar, "title", required=True)
    statement: text(Pillar, "statement") = ""


class GoalShape(ItemShape):
    level: Literal["goal"]
    title: text(Goal, "title") = ""
    statement: text(Goal, "statement", required=True)
    rationale: list[Words] = []
    graduate_attributes: list[text(GraduateAttribute, "name")] = []


class ObjectiveShape(ItemShape):
    level: Literal["objective"]
    title: text(Objective, "title", required=True)
    description: text(Objective, "description") = ""


class WorkShape(ItemShape):
    text: text(Strategy, "text", required=True)
    sub_points: list[Words] = []
    owner: text(Strategy, "owner") = ""
    start_year: Year | None = None
    end_year: Year | None = None
    status: choice(Strategy, "status") = "not_started"
    cost: Money = None
    funding_source: text(Strategy, "funding_source") = ""
    owner_username: Annotated[str, Field(max_length=NAME)] | None = None
    # Someone invited who had not joined: kept as the written owner where not invited.
    owner_invited: text(Strategy, "owner") | None = None
    start_on: DayOrMonth | None = None
    due_on: DayOrMonth | None = None
    percent: Annotated[int, Field(ge=0, le=100)] = 0

    @model_validator(mode="after")
    def due_after_start(self):
        if self.start_on and self.due_on and self.due_on[:7] < self.start_on[:7]:
            raise ValueError("it is due before it starts")
        return self


class StrategyShape(WorkShape):
    level: Literal["strategy"]


class ActionStepShape(WorkShape):
    level: Literal["action_step"]


LEVELS = {
    "pillar": PillarShape,
    "goal": GoalShape,
    "objective": ObjectiveShape,
    "strategy": StrategyShape,
    "action_step": ActionStepShape,
}
TAG = "level="  # how the item's kind is named in a place, dropped when it is printed


def _level_of(value) -> str | None:
    level = value.get("level") if isinstance(value, dict) else getattr(value, "level", None)
    return f"{TAG}{level}" if isinstance(level, str) and level in LEVELS else None


Item = Annotated[
    Annotated[PillarShape, Tag(f"{TAG}pillar")]
    | Annotated[GoalShape, Tag(f"{TAG}goal")]
    | Annotated[ObjectiveShape, Tag(f"{TAG}objective")]
    | Annotated[StrategyShape, Tag(f"{TAG}strategy")]
    | Annotated[ActionStepShape, Tag(f"{TAG}action_step")],
    Discriminator(
        _level_of,
        custom_error_type="level",
        custom_error_message=f"“level” should be one of {', '.join(LEVELS)}",
    ),
]
ItemShape.model_rebuild()


class GuardrailShape(Shape):
    ref: Ref | None = None
    code: text(Guardrail, "code") = ""
    title: text(Guardrail, "title") = ""
    statement: text(Guardrail, "statement", required=True)
    measures: list[MeasureShape] = []


class SectionShape(Shape):
    ref: Ref | None = None
    name: text(Section, "name", required=True)
    item_label: text(Section, "item_label") = "Guardrail"
    measure_label: text(Section, "measure_label") = "Key indicator"
    measure_plural: text(Section, "measure_plural") = ""
    prefix: text(Section, "prefix") = ""
    numbering: choice(Section, "numbering") = "per_parent"
    style: choice(Section, "style") = "digits"
    items: list[GuardrailShape] = []


class LevelShape(Shape):
    singular: Annotated[str, Field(max_length=_field(Level, "singular").max_length)] = ""
    plural: Annotated[str, Field(max_length=_field(Level, "plural").max_length)] = ""
    used: bool = True
    numbering: Literal[("", *Numbering.values)] = ""
    style: Literal[("", *NumberStyle.values)] = ""


class ValueShape(Shape):
    ref: Ref | None = None
    name: text(CoreValue, "name", required=True)
    definition: text(CoreValue, "definition") = ""
    descriptors: list[Words] = []


class VisionAreaShape(Shape):
    ref: Ref | None = None
    name: text(VisionArea, "name", required=True)
    description: text(VisionArea, "description") = ""


class AttributeShape(Shape):
    ref: Ref | None = None
    name: text(GraduateAttribute, "name", required=True)
    descriptors: list[Words] = []


# A closed review's record: words, which are always printed as text, and the numbers its
# charts are drawn from (measures/charts.py). Never markup.


def _plain_number(value):
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError("should be a number")
    if abs(value) > 1e9:
        raise ValueError("is too large")
    return value


Float = Annotated[Any, AfterValidator(_plain_number)]


class LabelShape(Shape):
    x: Float
    y: Float
    text: Words


class MarkShape(Shape):
    shape: Literal["circle", "square", "triangle", "diamond"]
    x: Float
    y: Float
    points: Points = ""
    left: Float = 0
    top: Float = 0


class SeriesShape(Shape):
    label: Words
    symbol: Annotated[str, Field(max_length=4)]
    ink: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    line: Points
    marks: list[MarkShape]


class ChartShape(Shape):
    description: Words
    width: Count
    height: Count
    axis_y: Float
    axis_from: Float
    axis_to: Float
    value_labels: list[LabelShape] = []
    year_labels: list[LabelShape] = []
    baseline: LabelShape | None = None
    target_line: Points = ""
    target_tick: list[Float] = []
    series: list[SeriesShape] = []
    empty: bool = False


class RecordRowShape(Shape):
    label: Words
    value: Words
    target: Words
    status: Literal[tuple(Status.values)]
    status_label: Words


class RecordMeasureShape(Shape):
    reference: Words
    name: Words
    parent: Words
    baseline: Words
    chart: ChartShape | None = None
    rows: list[RecordRowShape]


class RecordCountShape(Shape):
    status: Literal[tuple(Status.values)]
    label: Words
    count: Count


class RecordAssessmentShape(Shape):
    rating: choice(Assessment, "rating")
    rating_label: Words
    text: text(Assessment, "text")
    meeting_date: Day
    written_by: Words


def _id_or_ref(value):
    if isinstance(value, bool) or not isinstance(value, int | str) or len(str(value)) > 60:
        raise ValueError("should be the place of an item, such as G1")
    return value


class RecordGoalShape(Shape):
    kind: Annotated[str, Field(max_length=20)] = "goal"
    goal_id: Annotated[Any, AfterValidator(_id_or_ref)]
    label: Words = ""
    number: Words
    title: Words
    statement: Words
    counts: list[RecordCountShape]
    assessable: bool = True
    assessment: RecordAssessmentShape | None
    measures: list[RecordMeasureShape]


class RecordShape(Shape):
    year: Year
    year_label: Words
    labels: dict[Literal["goal", "measure"], Words]
    goals: list[RecordGoalShape]


class AssessmentShape(Shape):
    item: Ref | None = None
    goal: Ref | None = None  # what version 1 files call the item
    rating: choice(Assessment, "rating")
    text: text(Assessment, "text")
    meeting_date: Day
    written_by: Username | None = None


class ReviewShape(Shape):
    year: Year
    state: choice(Review, "state") = "open"
    opened_by: Username | None = None
    opened_at: Moment | None = None
    closed_by: Username | None = None
    closed_at: Moment | None = None
    record: RecordShape | None = None
    assessments: list[AssessmentShape] = []


class RecommendationShape(Shape):
    action: choice(Recommendation, "action")
    item_kind: text(Recommendation, "item_kind")
    item: Ref | None = None
    parent_kind: text(Recommendation, "parent_kind") = ""
    parent: Ref | None = None
    item_label: text(Recommendation, "item_label")
    base: dict[str, Any] = {}
    proposed: dict[str, Any] = {}
    changes: list[Any] = []
    rationale: text(Recommendation, "rationale")
    state: choice(Recommendation, "state") = "draft"
    drafted_by: Username | None = None
    drafted_at: Moment | None = None
    decision_note: text(Recommendation, "decision_note") = ""
    decided_by: Username | None = None
    decided_at: Moment | None = None


class PacketShape(Shape):
    state: choice(Packet, "state") = "drafting"
    created_at: Moment | None = None
    forwarded_by: Username | None = None
    forwarded_at: Moment | None = None
    closed_at: Moment | None = None
    recommendations: list[RecommendationShape] = []


class PlanShape(Shape):
    """The plan: its own fields, its structure, its tree and sections, and its history.
    The parts other apps own (its making) are checked by their own shapes."""

    title: text(Plan, "title", required=True)
    tagline: text(Plan, "tagline") = ""
    start_year: Year
    end_year: Year
    status: choice(Plan, "status") = "draft"
    notes: text(Plan, "notes") = ""
    mission: text(Plan, "mission") = ""
    vision: text(Plan, "vision") = ""
    theory_of_action: text(Plan, "theory_of_action") = ""
    graduate_profile_title: text(Plan, "graduate_profile_title") = ""
    published: bool = False
    years_are: choice(Plan, "years_are") = "school"
    levels: dict[choice(Level, "slot"), LevelShape] = {}
    values: list[ValueShape] = []
    vision_areas: list[VisionAreaShape] = []
    graduate_attributes: list[AttributeShape] = []
    items: list[Item] = []
    sections: list[SectionShape] = []
    reviews: list[ReviewShape] = []
    packets: list[PacketShape] = []


class FileShape(Shape):
    format: str
    district: Annotated[str, Field(max_length=LONG_TEXT)] = ""
    plan: dict  # checked on its own, against PlanShape and each part's shape
