"""A plan in the making (seed 004): its phases, the diagnostic (SWOT), stakeholder input
and the ranked priorities its goals, objectives and strategies come from.

The tables kept the names they had when this lived in planning (db_table, db_column),
so no data moved when it became an app of its own.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.text import Truncator

from planning.models import Goal, Objective, Plan, Strategy
from planning.titles import titled


def short(item, length: int = 70) -> str:
    return Truncator(str(item)).chars(length)


def _ordered_within(parent: str, name: str) -> list:
    return [models.UniqueConstraint(fields=[parent, "order"], name=name)]


class Making(models.Model):
    """How a plan is being made: the process that leads to its adoption (seed 004).
    Once the plan is adopted, it is kept as the record of how the plan was made."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="making")
    follows = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_by",
        help_text="The plan this one replaces: its measures are the gap analysis's starting "
        "point, and it ends when this one is adopted.",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "planning_development"

    def __str__(self) -> str:
        return f"Making {titled(self.plan)}"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_at is not None


class Phase(models.Model):
    PHASES = (
        "Diagnostic analysis",
        "Vision, goals and priorities",
        "Framework",
        "Developing the plan",
        "Implementation",
    )

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        UNDER_WAY = "under_way", "Under way"
        DONE = "done", "Done"

    making = models.ForeignKey(
        Making, on_delete=models.CASCADE, related_name="phases", db_column="development_id"
    )
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    lead = models.CharField(max_length=200, blank=True, help_text="Who leads this phase.")
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)

    class Meta:
        db_table = "planning_phase"
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["making", "order"], name="phase_order_unique"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{which}_end__isnull": True})
                    | Q(**{f"{which}_start__isnull": True})
                    | Q(**{f"{which}_end__gte": F(f"{which}_start")}),
                    name=f"phase_{which}_ends_after_it_starts",
                )
                for which in ("planned", "actual")
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StrategicArea(models.Model):
    """One of the framework's major buckets (academics, community engagement, equity,
    operations...) that stakeholder input is sorted into."""

    STARTING = ("Academics", "Community engagement", "Equity", "Operations")

    making = models.ForeignKey(
        Making, on_delete=models.CASCADE, related_name="areas", db_column="development_id"
    )
    order = models.PositiveIntegerField()
    name = models.CharField(max_length=120)

    class Meta:
        db_table = "planning_strategicarea"
        ordering = ["order"]
        constraints = [
            *_ordered_within("making", "area_order_unique"),
            models.UniqueConstraint(fields=["making", "name"], name="area_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class SwotEntry(models.Model):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        WEAKNESS = "weakness", "Weakness"
        OPPORTUNITY = "opportunity", "Opportunity"
        THREAT = "threat", "Threat"

    making = models.ForeignKey(
        Making, on_delete=models.CASCADE, related_name="swot_entries", db_column="development_id"
    )
    kind = models.CharField(max_length=11, choices=Kind.choices)
    order = models.PositiveIntegerField()
    text = models.TextField("Entry", max_length=1000)
    evidence = models.TextField(max_length=2000, blank=True, help_text="What shows it.")
    source = models.CharField(
        max_length=300, blank=True, help_text="Where the evidence comes from: a report, data set…"
    )

    class Meta:
        db_table = "planning_swotentry"
        ordering = ["order"]
        verbose_name_plural = "SWOT entries"
        constraints = [
            models.UniqueConstraint(
                fields=["making", "kind", "order"], name="swot_order_unique_in_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:80]}"


class Outreach(models.Model):
    """One outreach activity: a survey, an interview, a forum..."""

    class Kind(models.TextChoices):
        SURVEY = "survey", "Survey"
        INTERVIEW = "interview", "Interview"
        FOCUS_GROUP = "focus_group", "Focus group"
        FORUM = "forum", "Community forum"
        STAFF_MEETING = "staff_meeting", "Staff meeting"

    class Audience(models.TextChoices):
        STUDENTS = "students", "Students"
        FAMILIES = "families", "Parents and families"
        TEACHERS = "teachers", "Teachers and staff"
        PRINCIPALS = "principals", "Principals"
        CENTRAL_OFFICE = "central_office", "Central office staff"
        BOARD = "board", "Board or school committee"
        COMMUNITY = "community", "Community members and partners"

    making = models.ForeignKey(
        Making, on_delete=models.CASCADE, related_name="outreach", db_column="development_id"
    )
    order = models.PositiveIntegerField()
    kind = models.CharField(max_length=15, choices=Kind.choices)
    held_on = models.DateField("Date")
    audience = models.CharField(max_length=15, choices=Audience.choices)
    reached = models.PositiveIntegerField("People reached")
    description = models.TextField(max_length=2000, blank=True)

    class Meta:
        db_table = "planning_outreach"
        ordering = ["order"]
        verbose_name_plural = "outreach activities"
        constraints = _ordered_within("making", "outreach_order_unique")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.get_audience_display().lower()}"


class Theme(models.Model):
    """Something an outreach activity brought out, tagged with the areas it touches."""

    outreach = models.ForeignKey(Outreach, on_delete=models.CASCADE, related_name="themes")
    order = models.PositiveIntegerField()
    text = models.TextField("Theme", max_length=1000)
    areas = models.ManyToManyField(
        StrategicArea, blank=True, related_name="themes", db_table="planning_theme_areas"
    )

    class Meta:
        db_table = "planning_theme"
        ordering = ["order"]
        constraints = _ordered_within("outreach", "theme_order_unique")

    def __str__(self) -> str:
        return self.text[:80]


class Priority(models.Model):
    """A priority the committee drafts from the diagnostic and the input, ranked by order."""

    making = models.ForeignKey(
        Making, on_delete=models.CASCADE, related_name="priorities", db_column="development_id"
    )
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=2000, blank=True)
    swot_entries = models.ManyToManyField(
        SwotEntry, blank=True, related_name="priorities", db_table="planning_priority_swot_entries"
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="priorities", db_table="planning_priority_themes"
    )
    # What the committee drafted from it: the plan's items that come from this priority.
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="priorities", db_table="planning_goal_priorities"
    )
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="priorities", db_table="planning_objective_priorities"
    )
    strategies = models.ManyToManyField(
        Strategy, blank=True, related_name="priorities", db_table="planning_strategy_priorities"
    )

    class Meta:
        db_table = "planning_priority"
        ordering = ["order"]
        verbose_name_plural = "priorities"
        constraints = _ordered_within("making", "priority_order_unique")

    def __str__(self) -> str:
        return self.title
