"""The plan's tree, a ladder of five levels (planning.models.plan.Slot), broadest first:
a pillar (a level above goals), goal, objective, strategy and action step (a level below
strategies). An item hangs under any broader item, or on the plan itself, so a district
may skip a level under a given parent; the children of one parent, whatever their
level, share one order. Beside the tree, sections (guardrails, superintendent
constraints, key initiatives...) hold items of their own.

Each item keeps its plan, and at most one parent: the nearest broader item it hangs on.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q

from districts.people import display_name
from planning.models.plan import GraduateAttribute, Numbering, NumberStyle, Plan
from planning.month_or_day import Precision


def placed(name: str, parents: tuple[str, ...]) -> list:
    """The constraints of an item with these possible parents: at most one of them, and
    one place per position among the children of a parent (or of the plan)."""
    if not parents:
        return [models.UniqueConstraint(fields=["plan", "order"], name=f"{name}_order_unique")]
    alone = Q(**{f"{parent}__isnull": True for parent in parents})
    one_parent = alone
    for parent in parents:
        others = {f"{other}__isnull": True for other in parents if other != parent}
        one_parent |= Q(**{f"{parent}__isnull": False}, **others)
    return [
        models.CheckConstraint(condition=one_parent, name=f"{name}_has_at_most_one_parent"),
        models.UniqueConstraint(
            fields=["plan", "order"], condition=alone, name=f"{name}_order_unique_in_plan"
        ),
        *(
            models.UniqueConstraint(
                fields=[parent, "order"],
                condition=Q(**{f"{parent}__isnull": False}),
                name=f"{name}_order_unique_in_{parent}",
            )
            for parent in parents
        ),
    ]


class Item(models.Model):
    """What every item of the tree has: its plan, its place among its parent's children,
    and the code the district numbers it by, when it types its own."""

    order = models.PositiveIntegerField()
    code = models.CharField(
        max_length=40, blank=True, help_text="As the district writes it: 1.A, 4.C, CPM 1.1."
    )

    class Meta:
        abstract = True
        ordering = ["order"]


def _parent(model: str, related_name: str):
    return models.ForeignKey(
        model, on_delete=models.CASCADE, null=True, blank=True, related_name=related_name
    )


class Pillar(Item):
    """A level above goals: a priority, pillar or key priority."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pillars")
    title = models.CharField(max_length=300)
    statement = models.TextField(max_length=4000, blank=True)

    class Meta(Item.Meta):
        constraints = placed("pillar", ())

    def __str__(self) -> str:
        return self.title


class Goal(Item):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    pillar = _parent(Pillar, "goals")
    title = models.CharField(max_length=200, blank=True)
    statement = models.TextField(max_length=2000)
    rationale = models.JSONField(
        default=list, blank=True, help_text="Research-and-practice rationale points, in order."
    )
    graduate_attributes = models.ManyToManyField(
        GraduateAttribute, blank=True, related_name="goals"
    )

    class Meta(Item.Meta):
        constraints = placed("goal", ("pillar",))

    def __str__(self) -> str:
        return self.title or self.statement[:80]


class Objective(Item):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    pillar = _parent(Pillar, "objectives")
    goal = _parent(Goal, "objectives")
    title = models.CharField(max_length=300)
    description = models.TextField(max_length=2000, blank=True)

    class Meta(Item.Meta):
        constraints = placed("objective", ("pillar", "goal"))

    def __str__(self) -> str:
        return self.title


class Work(Item):
    """What is done to reach the goals, whose progress is followed through the year:
    a strategy, or an action step below one."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        ON_HOLD = "on_hold", "On hold"
        DISCONTINUED = "discontinued", "Discontinued"

    Precision = Precision

    text = models.TextField(max_length=2000)
    sub_points = models.JSONField(default=list, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_%(class)s",
        verbose_name="Owner",
    )
    # The name of an owner without an account, as the plan writes it.
    owner = models.CharField("Owner's name", max_length=200, blank=True)
    # Someone invited to the district who has not joined yet: the owner once they do.
    owner_invitation = models.ForeignKey(
        "districts.Invitation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_%(class)s",
        verbose_name="Or someone invited",
    )
    start_on = models.DateField("Starts", null=True, blank=True)
    start_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    # A month is kept as its first day when it starts, its last day when it is due.
    due_on = models.DateField("Due", null=True, blank=True)
    due_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    percent = models.PositiveSmallIntegerField(
        "Percent complete", default=0, validators=[MaxValueValidator(100)]
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.NOT_STARTED)
    cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    funding_source = models.CharField(max_length=200, blank=True)

    class Meta(Item.Meta):
        abstract = True

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def owner_name(self) -> str:
        """Who owns it, as people call them: the member's name, else the name written."""
        if self.owner_user_id:
            user = self.owner_user
            return display_name(user)
        if self.owner_invitation_id and not self.owner:
            return f"{self.owner_invitation.email} (invited)"
        return self.owner

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.COMPLETE, self.Status.DISCONTINUED)

    @staticmethod
    def timeline_constraint(name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=Q(end_year__isnull=True)
            | Q(start_year__isnull=True)
            | Q(end_year__gte=F("start_year")),
            name=f"{name}_timeline_ends_after_start",
        )

    @staticmethod
    def dates_constraints(name: str) -> list[models.CheckConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(due_on__gte=F("start_on")),
                name=f"{name}_due_after_start",
            ),
            models.CheckConstraint(
                condition=Q(percent__lte=100), name=f"{name}_percent_at_most_100"
            ),
        ]


class Strategy(Work):
    """A strategy (an initiative, an action step in some plans). It hangs on an objective,
    or directly on a goal or pillar when a plan has no level between."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="strategies")
    pillar = _parent(Pillar, "strategies")
    goal = _parent(Goal, "strategies")
    objective = _parent(Objective, "strategies")

    class Meta(Work.Meta):
        verbose_name_plural = "strategies"
        constraints = [
            *placed("strategy", ("pillar", "goal", "objective")),
            Work.timeline_constraint("strategy"),
            *Work.dates_constraints("strategy"),
        ]


class ActionStep(Work):
    """A level below strategies: the action steps the people of the district take."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="action_steps")
    pillar = _parent(Pillar, "action_steps")
    goal = _parent(Goal, "action_steps")
    objective = _parent(Objective, "action_steps")
    strategy = _parent(Strategy, "action_steps")

    class Meta(Work.Meta):
        constraints = [
            *placed("action_step", ("pillar", "goal", "objective", "strategy")),
            Work.timeline_constraint("action_step"),
            *Work.dates_constraints("action_step"),
        ]


# The levels of the tree and the model of each, broadest first; and where each may hang.
ITEM_MODELS: dict[str, type[Item]] = {
    "pillar": Pillar,
    "goal": Goal,
    "objective": Objective,
    "strategy": Strategy,
    "action_step": ActionStep,
}
PARENT_FIELDS: dict[str, tuple[str, ...]] = {
    slot: tuple(name for name in ITEM_MODELS if name in {f.name for f in model._meta.fields})
    for slot, model in ITEM_MODELS.items()
}


class Section(models.Model):
    """A section beside the tree, with items of its own and measures of their progress:
    "Guardrails", "Superintendent Constraints", "Key Initiatives"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField()
    name = models.CharField("Heading", max_length=120, help_text="As the plan heads it.")
    item_label = models.CharField(
        "What one item is called", max_length=60, help_text="Guardrail, Superintendent Constraint…"
    )
    measure_label = models.CharField(
        "What its measures are called",
        max_length=60,
        help_text="Constraint Progress Measure, Interim guardrail…",
    )
    measure_plural = models.CharField("Its measures, plural", max_length=60, blank=True)
    prefix = models.CharField(
        "Short code",
        max_length=10,
        blank=True,
        help_text="Starts its measures' references where the plan gives them no code (G1.M1); "
        "by default the initials of its heading.",
    )
    numbering = models.CharField(
        max_length=10, choices=Numbering.choices, default=Numbering.PER_PARENT
    )
    style = models.CharField(
        "Numbers", max_length=12, choices=NumberStyle.choices, default=NumberStyle.DIGITS
    )

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="section_order_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reference_prefix(self) -> str:
        """What starts its measures' references: its short code, else its initials (SC)."""
        return self.prefix or "".join(word[0] for word in self.name.split()).upper()


class Guardrail(models.Model):
    """An item of a section beside the goals: a limit the board sets on how the goals are
    pursued ("The superintendent will not allow..."), a constraint, a key initiative.
    Its section says what it is called."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="guardrails")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField()
    code = models.CharField(max_length=40, blank=True, help_text="As the district writes it.")
    title = models.CharField(max_length=300, blank=True)
    statement = models.TextField(
        max_length=2000, help_text='For example "The superintendent will not allow..."'
    )

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "order"], name="guardrail_order_unique_in_section"
            )
        ]

    def __str__(self) -> str:
        return self.title or self.statement[:80]
