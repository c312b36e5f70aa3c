from django.conf import settings
from django.db import models
from django.db.models import F, Q

from districts.models import District
from measures.periods import school_year_label


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
    goal_label = models.CharField(max_length=60, default="Goal")
    objective_label = models.CharField(max_length=60, default="Objective")
    strategy_label = models.CharField(max_length=60, default="Strategy")
    measure_label = models.CharField(max_length=60, default="Key indicator")
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
        return f"{self.title} {self.period}"

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def school_years(self) -> list[int]:
        return list(range(self.start_year, self.end_year))

    @property
    def school_year_labels(self) -> list[str]:
        return [school_year_label(year) for year in self.school_years]


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


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=200, blank=True)
    statement = models.TextField(max_length=2000)
    rationale = models.JSONField(
        default=list, blank=True, help_text="Research-and-practice rationale points, in order."
    )
    graduate_attributes = models.ManyToManyField(
        GraduateAttribute, blank=True, related_name="goals"
    )

    class Meta:
        ordering = ["order"]
        constraints = _ordered_within("plan", "goal_order_unique_in_plan")

    def __str__(self) -> str:
        return self.title or self.statement[:80]


class Objective(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = _ordered_within("goal", "objective_order_unique_in_goal")

    def __str__(self) -> str:
        return self.title


class Strategy(models.Model):
    """An action step. It hangs on an objective, or directly on a goal when a plan has none."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        ON_HOLD = "on_hold", "On hold"
        DISCONTINUED = "discontinued", "Discontinued"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="strategies")
    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, null=True, blank=True, related_name="strategies"
    )
    order = models.PositiveIntegerField()
    text = models.TextField(max_length=2000)
    sub_points = models.JSONField(default=list, blank=True)
    owner = models.CharField(max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.NOT_STARTED)
    cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    funding_source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "strategies"
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "order"],
                condition=Q(objective__isnull=False),
                name="strategy_order_unique_in_objective",
            ),
            models.UniqueConstraint(
                fields=["goal", "order"],
                condition=Q(objective__isnull=True),
                name="strategy_order_unique_in_goal",
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="strategy_timeline_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Guardrail(models.Model):
    """A limit the board sets on how the goals are pursued."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="guardrails")
    order = models.PositiveIntegerField()
    statement = models.TextField(
        max_length=2000, help_text='For example "The superintendent will not allow..."'
    )

    class Meta:
        ordering = ["order"]
        constraints = _ordered_within("plan", "guardrail_order_unique_in_plan")

    def __str__(self) -> str:
        return self.statement[:80]


class Change(models.Model):
    """One recorded edit of a plan: who did what to which item, when, with before and after."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"
        MOVED = "moved", "Moved"
        RESTORED = "restored", "Restored"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    item_kind = models.CharField(max_length=20)
    item_id = models.PositiveBigIntegerField()
    item_label = models.CharField(max_length=300, help_text="How the item read when it changed.")
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    undone = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["plan", "item_kind", "item_id"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.item_label}"

    @property
    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field an edit changed."""
        before, after = self.before or {}, self.after or {}
        return [
            (name, before.get(name), value)
            for name, value in after.items()
            if before.get(name) != value
        ]


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
        return f"Fall review of {school_year_label(self.year)}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def year_label(self) -> str:
        return school_year_label(self.year)


class Assessment(models.Model):
    """The steering committee's assessment of one goal in a fall review."""

    class Rating(models.TextChoices):
        STRONG = "strong", "Strong progress"
        STEADY = "steady", "Steady progress"
        LIMITED = "limited", "Limited progress"
        NONE = "none", "No progress"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assessments")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assessments")
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
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.text[:60]}"


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
        return f"Spring recommendations, {when:%B %Y}"


class Recommendation(models.Model):
    class Action(models.TextChoices):
        ADD = "add", "Add"
        CHANGE = "change", "Change"
        RETIRE = "retire", "Retire"
        ADJUST_TARGETS = "adjust_targets", "Adjust the targets of"

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


class PlanVersion(models.Model):
    """The whole plan as it stood: at adoption, and after each spring's approved changes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    packet = models.ForeignKey(Packet, on_delete=models.SET_NULL, null=True, blank=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="version_numbers_unique"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}: {self.label}"


class Document(models.Model):
    """A board document made as a PDF, kept until what it was made from changes."""

    class Kind(models.TextChoices):
        PLAN = "plan", "The plan"
        PROGRESS = "progress", "Annual progress report"
        PACKET = "packet", "Recommendations packet"
        MAKING = "making", "How the plan was made"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to be made"
        MAKING = "making", "Being made"
        READY = "ready", "Ready"
        FAILED = "failed", "Could not be made"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject = models.PositiveIntegerField(default=0, help_text="The review's year or packet's id.")
    made_from = models.CharField(
        max_length=100, help_text="What it reflects; new when that changes."
    )
    state = models.CharField(max_length=7, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pages = models.PositiveIntegerField(null=True, blank=True)
    problem = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "subject", "made_from"], name="one_document_per_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_state_display().lower()})"
