"""A plan, its structure (the levels it uses and how it names and numbers them) and the
parts of it that are not the tree: core values, vision areas, graduate attributes."""

from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property

from districts.models import District
from districts.people import members_of
from measures.periods import year_label
from planning.titles import titled


def plural(label: str) -> str:
    """The plural of a level's label: "Measure of success" is "Measures of success"."""
    head, of, tail = label.partition(" of ")
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    elif head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    else:
        head += "s"
    return head + of + tail


class PlanQuerySet(models.QuerySet):
    def in_district(self, district):
        return self.filter(district=district)

    def public(self):
        """What anyone may read without logging in: published plans that are not drafts."""
        return self.filter(published=True).exclude(status="draft")


# The years a plan may have: a slip such as 2202, or a period of seventy years, would
# make every page that walks the plan's years useless (and slow). Named on Plan for reuse.
FIRST_YEAR, LAST_YEAR, LONGEST_PERIOD = 1990, 2100, 10


class Plan(models.Model):
    FIRST_YEAR, LAST_YEAR, LONGEST_PERIOD = FIRST_YEAR, LAST_YEAR, LONGEST_PERIOD

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ADOPTED = "adopted", "Adopted"
        ARCHIVED = "archived", "Archived"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=2000)
    tagline = models.CharField(max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(
        help_text="The period's first year: a 2018–2022 plan starts with the 2018–19 school year."
    )
    end_year = models.PositiveSmallIntegerField(
        help_text="The period's last year: a 2018–2022 plan ends with the 2021–22 school year."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(max_length=20000, blank=True)
    mission = models.TextField(max_length=2000, blank=True)
    vision = models.TextField(max_length=4000, blank=True)
    theory_of_action = models.TextField(max_length=4000, blank=True)
    graduate_profile_title = models.CharField(
        max_length=200, blank=True, help_text='For example "The Clayton Graduate is..."'
    )
    years_are = models.CharField(
        "The plan speaks in",
        max_length=8,
        choices=[("school", "School years (2023–24)"), ("calendar", "Calendar years (2024)")],
        default="school",
        help_text="How its years, targets and results are named.",
    )
    published = models.BooleanField(
        default=False, help_text="Published plans have a public page that needs no login."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gt=F("start_year")),
                name="plan_ends_after_it_starts",
                violation_error_message="The plan's period must end after it starts.",
            ),
            models.CheckConstraint(
                condition=Q(start_year__gte=FIRST_YEAR, end_year__lte=LAST_YEAR)
                & Q(end_year__lte=F("start_year") + LONGEST_PERIOD),
                name="plan_years_within_bounds",
                violation_error_message=f"A plan's years lie within {FIRST_YEAR}–{LAST_YEAR} "
                f"and its period spans at most {LONGEST_PERIOD} years.",
            ),
        ]

    def __str__(self) -> str:
        return titled(self)

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def in_calendar_years(self) -> bool:
        return self.years_are == "calendar"

    @property
    def years(self) -> list[int]:
        """The years the plan runs: school years by the year each starts (a 2018–2022 plan
        runs 2018–19 to 2021–22), or calendar years, its last included (2023–2027)."""
        return list(range(self.start_year, self.end_year + self.in_calendar_years))

    def year_label(self, year: int | None) -> str:
        return year_label(year, calendar=self.in_calendar_years)

    @property
    def year_labels(self) -> list[str]:
        return [self.year_label(year) for year in self.years]

    # The plan's structure: its levels, broadest first, each with its names and numbering.

    @cached_property
    def levels_by_slot(self) -> dict[str, "Level"]:
        kept = {level.slot: level for level in self.levels.all()}
        return {slot: kept.get(slot) or Level.default(self, slot) for slot in Slot.values}

    @cached_property
    def members_by_username(self) -> dict:
        """The district's people by username, read once: how a plan file names an owner."""
        return {user.username: user for user in members_of(self.district_id)}

    def level(self, slot: str) -> "Level":
        return self.levels_by_slot[slot]

    @property
    def levels_in_use(self) -> list["Level"]:
        return [level for level in self.levels_by_slot.values() if level.used]

    @property
    def pillar_label(self) -> str:
        return self.level("pillar").singular

    @property
    def goal_label(self) -> str:
        return self.level("goal").singular

    @property
    def objective_label(self) -> str:
        return self.level("objective").singular

    @property
    def strategy_label(self) -> str:
        return self.level("strategy").singular

    @property
    def action_step_label(self) -> str:
        return self.level("action_step").singular

    @property
    def measure_label(self) -> str:
        return self.level("measure").singular


class Slot(models.TextChoices):
    """The places a level can take in a plan's tree, broadest first. A district names
    each its own way ("Key priority", "Aim", "Action step") and may leave some out."""

    PILLAR = "pillar", "Above goals"
    GOAL = "goal", "Goals"
    OBJECTIVE = "objective", "Objectives"
    STRATEGY = "strategy", "Strategies"
    ACTION_STEP = "action_step", "Below strategies"
    MEASURE = "measure", "Measures"


TREE_SLOTS = ("pillar", "goal", "objective", "strategy", "action_step")


class Numbering(models.TextChoices):
    OUTLINE = "outline", "After its parent's number (1, 1.1, 1.1.1)"
    PER_PARENT = "per_parent", "Counted under each parent (Goal 3 of Aim 2)"
    CONTINUOUS = "continuous", "Counted across the whole plan (Aim 1 to Aim 20)"
    TYPED = "typed", "A code typed for each item, shown as typed (1.A, CPM 1.1)"
    NONE = "none", "Not numbered"


class NumberStyle(models.TextChoices):
    DIGITS = "digits", "1, 2, 3"
    UPPER = "upper", "A, B, C"
    LOWER = "lower", "a, b, c"
    ROMAN = "roman", "I, II, III"
    ROMAN_LOWER = "roman_lower", "i, ii, iii"


# What a new plan calls each level, and which it uses.
DEFAULT_LEVELS = {
    "pillar": ("Priority", False),
    "goal": ("Goal", True),
    "objective": ("Objective", True),
    "strategy": ("Strategy", True),
    "action_step": ("Action step", False),
    "measure": ("Key indicator", True),
}


class Level(models.Model):
    """One level of a plan's tree (or its measures), as the district names and numbers it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="levels")
    slot = models.CharField(max_length=12, choices=Slot.choices)
    used = models.BooleanField(default=True)
    singular = models.CharField("Name", max_length=60)
    plural = models.CharField("Plural", max_length=60)
    numbering = models.CharField(
        max_length=10, choices=Numbering.choices, default=Numbering.OUTLINE
    )
    style = models.CharField(
        "Numbers", max_length=12, choices=NumberStyle.choices, default=NumberStyle.DIGITS
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "slot"], name="one_level_per_slot")]

    def __str__(self) -> str:
        return self.singular

    @classmethod
    def default(cls, plan: Plan, slot: str, singular: str = "") -> "Level":
        name, used = DEFAULT_LEVELS[slot]
        singular = singular or name
        return cls(plan=plan, slot=slot, used=used, singular=singular, plural=plural(singular))


def _ordered_within(parent: str, name: str) -> list:
    return [models.UniqueConstraint(fields=[parent, "order"], name=name)]


class CoreValue(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="values")
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    definition = models.TextField(max_length=1000, blank=True)
    descriptors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = _ordered_within("plan", "value_order_unique_in_plan")

    def __str__(self) -> str:
        return self.name


class VisionArea(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="vision_areas")
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = _ordered_within("plan", "vision_area_order_unique_in_plan")

    def __str__(self) -> str:
        return self.name


class GraduateAttribute(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="graduate_attributes")
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    descriptors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = _ordered_within("plan", "graduate_attribute_order_unique_in_plan")

    def __str__(self) -> str:
        return self.name
