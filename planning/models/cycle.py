"""The yearly cycle's records: the fall review and its assessments, the spring packet
of recommendations (their rules are in planning/cycle/)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from measures.periods import year_label
from planning.models.items import Goal, Guardrail, Pillar
from planning.models.plan import Plan


class Review(models.Model):
    """The fall review of one school year. Once closed it is kept as it was: its record
    holds the results, statuses and assessments as they stood when it closed."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(help_text="The school year reviewed.")
    state = models.CharField(max_length=6, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    record = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="one_review_per_plan_and_year"),
            models.CheckConstraint(
                condition=Q(state="open") | Q(record__isnull=False, closed_at__isnull=False),
                name="closed_review_keeps_its_record",
            ),
        ]

    def __str__(self) -> str:
        return f"Fall review of {self.year_label}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def year_label(self) -> str:
        return year_label(self.year, calendar=self.plan.in_calendar_years)


class Assessment(models.Model):
    """The steering committee's assessment of one goal in a fall review; or of an item
    above the goals whose measures no goal holds, or of an item of a section beside them."""

    class Rating(models.TextChoices):
        STRONG = "strong", "Strong progress"
        STEADY = "steady", "Steady progress"
        LIMITED = "limited", "Limited progress"
        NONE = "none", "No progress"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assessments")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    pillar = models.ForeignKey(
        Pillar, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    guardrail = models.ForeignKey(
        Guardrail, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    rating = models.CharField(max_length=10, choices=Rating.choices)
    text = models.TextField("Assessment", max_length=8000)
    meeting_date = models.DateField(help_text="When the committee met to assess this goal.")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="one_assessment_per_goal"),
            models.UniqueConstraint(fields=["review", "pillar"], name="one_assessment_per_pillar"),
            models.UniqueConstraint(
                fields=["review", "guardrail"], name="one_assessment_per_guardrail"
            ),
            models.CheckConstraint(
                condition=Q(goal__isnull=False, pillar=None, guardrail=None)
                | Q(goal=None, pillar__isnull=False, guardrail=None)
                | Q(goal=None, pillar=None, guardrail__isnull=False),
                name="assessment_of_one_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.text[:60]}"

    ASSESSED = ("goal", "pillar", "guardrail")

    @property
    def head(self):
        """What it assesses: a goal, an item above the goals or beside them."""
        return self.goal or self.pillar or self.guardrail


class Packet(models.Model):
    """The spring recommendations the committee forwards together for decision."""

    class State(models.TextChoices):
        DRAFTING = "drafting", "Being drafted"
        FORWARDED = "forwarded", "Forwarded for decision"
        CLOSED = "closed", "Decided"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="packets")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFTING)
    created_at = models.DateTimeField(auto_now_add=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    forwarded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # An amendment a board makes mid-year, opened by an administrator: the same steps as
    # the spring's, and a version of its own.
    out_of_cycle = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(state="drafting"),
                name="one_packet_being_drafted_per_plan",
            ),
        ]

    def __str__(self) -> str:
        when = self.forwarded_at or self.created_at
        if self.out_of_cycle:
            return f"Amendment out of cycle, {when:%B %Y}"
        return f"Spring recommendations, {when:%B %Y}"


class Recommendation(models.Model):
    class Action(models.TextChoices):
        ADD = "add", "Add"
        CHANGE = "change", "Change"
        RETIRE = "retire", "Retire"
        ADJUST_TARGETS = "adjust_targets", "Adjust the targets of"
        MOVE_UP = "move_up", "Move up"
        MOVE_DOWN = "move_down", "Move down"

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        WITHDRAWN = "withdrawn", "Withdrawn"
        FORWARDED = "forwarded", "Awaiting decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        RETURNED = "returned", "Returned to the committee"

    packet = models.ForeignKey(Packet, on_delete=models.CASCADE, related_name="recommendations")
    action = models.CharField(max_length=15, choices=Action.choices)
    item_kind = models.CharField(max_length=20)
    item_id = models.PositiveBigIntegerField(null=True, blank=True, help_text="Empty for an add.")
    parent_kind = models.CharField(max_length=20, blank=True, help_text="Where an add goes.")
    parent_id = models.PositiveBigIntegerField(null=True, blank=True)
    item_label = models.CharField(max_length=300)
    base = models.JSONField(default=dict, help_text="The item's values when it was drafted.")
    proposed = models.JSONField(default=dict, help_text="The form data it proposes.")
    changes = models.JSONField(
        default=list, help_text="[field, current, proposed] as a person reads them, when drafted."
    )
    rationale = models.TextField(max_length=4000)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    drafted_at = models.DateTimeField(auto_now_add=True)
    decision_note = models.TextField(max_length=4000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.item_label}"
