from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from districts.models import District
from measures.periods import year_label, year_of

# What a measure may hang on: any item of a plan's tree, or an item of a section beside it.
PARENTS = ("pillar", "goal", "objective", "strategy", "action_step", "guardrail")


class StudentGroupQuerySet(models.QuerySet):
    def named(self, district, name: str) -> "StudentGroup":
        """The district's group of that name, whatever its case; made if there is none."""
        return self.all_named(district, [name])[name]

    def all_named(self, district, names) -> dict[str, "StudentGroup"]:
        """The district's groups of those names, by the name as given: the group of exactly
        that name, else of that name in another case (the first in the district's order);
        made when there is none. Two queries however many names."""
        exact, folded = {}, {}
        for group in self.filter(district=district):
            exact.setdefault(group.name, group)
            folded.setdefault(group.name.lower(), group)
        missing = {}
        for name in names:
            if name not in exact and name.lower() not in folded:
                missing.setdefault(name.lower(), name)
        made = self.bulk_create(StudentGroup(district=district, name=n) for n in missing.values())
        folded |= {group.name.lower(): group for group in made}
        return {name: exact.get(name) or folded[name.lower()] for name in names}


class StudentGroup(models.Model):
    """A group or grade that results are broken down by, named once per district."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="student_groups")
    name = models.CharField(max_length=100)
    order = models.PositiveIntegerField(default=0)

    objects = StudentGroupQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="student_group_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


def _exactly_one(fields: tuple[str, ...]) -> Q:
    one = Q()
    for field in fields:
        one |= Q(
            **{f"{field}__isnull": False}, **{f"{o}__isnull": True for o in fields if o != field}
        )
    return one


class Measure(models.Model):
    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", "Quantitative"
        MILESTONE = "milestone", "Milestone"
        SURVEY = "survey", "Survey"
        PERCEPTION = "perception", "Perception"

    class Unit(models.TextChoices):
        NONE = "", "—"
        PERCENT = "percent", "Percent"
        COUNT = "count", "Count"
        RATIO = "ratio", "Ratio (n:1)"
        MONEY = "money", "Money"
        SCORE = "score", "Score"

    class Direction(models.TextChoices):
        INCREASE = "increase", "Increase (higher is better)"
        DECREASE = "decrease", "Decrease (lower is better)"
        MAINTAIN = "maintain", "Maintain"
        REACH = "reach", "Reach a value"

    DIRECTION_WORDS = {
        "increase": "higher is better",
        "decrease": "lower is better",
        "maintain": "to be maintained",
        "reach": "a value to reach",
    }

    class TargetForm(models.TextChoices):
        YEARLY = "yearly", "A target for each school year"
        FINAL = "final", "A final target with a deadline"
        WORDS = "words", "A target in words"
        TO_BE_SET = "to_be_set", "To be set"

    # The plan is stored as well as the parent so that one query finds all of a plan's measures.
    plan = models.ForeignKey("planning.Plan", on_delete=models.CASCADE, related_name="measures")
    pillar = models.ForeignKey(
        "planning.Pillar", on_delete=models.CASCADE, null=True, blank=True, related_name="measures"
    )
    goal = models.ForeignKey(
        "planning.Goal", on_delete=models.CASCADE, null=True, blank=True, related_name="measures"
    )
    objective = models.ForeignKey(
        "planning.Objective",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
    )
    strategy = models.ForeignKey(
        "planning.Strategy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
    )
    action_step = models.ForeignKey(
        "planning.ActionStep",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
    )
    guardrail = models.ForeignKey(
        "planning.Guardrail",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measures",
    )
    order = models.PositiveIntegerField()
    code = models.CharField(
        max_length=40, blank=True, help_text="As the district writes it: CPM 1.1, KPI 3."
    )
    name = models.TextField(max_length=1000)
    data_source = models.TextField(max_length=1000, blank=True)
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.QUANTITATIVE)
    unit = models.CharField(max_length=10, choices=Unit.choices, blank=True)
    decimals = models.PositiveSmallIntegerField(
        default=0, help_text="For a value whose precision was not written down."
    )
    direction = models.CharField(
        max_length=10, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    baseline_places = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(null=True, blank=True)
    baseline_month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="When the plan dates it by month: May 2023."
    )
    target_form = models.CharField(
        max_length=10, choices=TargetForm.choices, default=TargetForm.TO_BE_SET
    )
    final_target = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    final_target_places = models.PositiveSmallIntegerField(null=True, blank=True)
    final_target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    final_target_month = models.PositiveSmallIntegerField(null=True, blank=True)
    target_text = models.TextField(max_length=1000, blank=True)
    breakdown = models.ManyToManyField(
        StudentGroup, blank=True, related_name="measures", help_text="Groups results are kept for."
    )
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_into",
        help_text="The previous plan's measure it continues; its results are this one's history.",
    )
    results_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures_to_enter",
        verbose_name="Results entered by",
        help_text="The member of the district who enters its results.",
    )

    class Meta:
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one(PARENTS),
                name="measure_has_exactly_one_parent",
                violation_error_message="A measure belongs to exactly one item.",
            ),
            *(
                models.UniqueConstraint(
                    fields=[parent, "order"],
                    condition=Q(**{f"{parent}__isnull": False}),
                    name=f"measure_order_unique_in_{parent}",
                )
                for parent in PARENTS
            ),
        ]

    def __str__(self) -> str:
        return self.name[:80]

    @property
    def parent_kind(self) -> str:
        return next(kind for kind in PARENTS if getattr(self, f"{kind}_id"))

    @property
    def parent(self):
        return getattr(self, self.parent_kind)

    def format(self, value: Decimal | None, places: int | None = None) -> str:
        """A value as a person reads it in this measure's unit, with the decimals it was
        written with: 21%, 24.5%, 2.8:1, 4853:1, $12,000."""
        if value is None:
            return "—"
        places = self.decimals if places is None else places
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        grouped = "" if self.unit == self.Unit.RATIO else ","
        number = f"{rounded:{grouped}.{places}f}"
        match self.unit:
            case self.Unit.PERCENT:
                return f"{number}%"
            case self.Unit.RATIO:
                return f"{number}:1"
            case self.Unit.MONEY:
                return f"${number}"
            case _:
                return number

    @property
    def direction_words(self) -> str:
        return self.DIRECTION_WORDS[self.direction]

    @property
    def baseline_text(self) -> str:
        if self.baseline_value is None:
            return "No baseline"
        value = self.format(self.baseline_value, self.baseline_places)
        if self.baseline_year is None:
            return value
        return f"{value} in {self.when(self.baseline_year, self.baseline_month)}"

    @property
    def final_target_text(self) -> str:
        value = self.format(self.final_target, self.final_target_places)
        if not self.final_target_year:
            return value
        return f"{value} by {self.when(self.final_target_year, self.final_target_month)}"

    @property
    def in_calendar_years(self) -> bool:
        return bool(self.plan_id and self.plan.in_calendar_years)

    def when(self, year: int | None, month: int | None = None) -> str:
        """A year of this measure as its plan writes it: 2023–24, 2024 or May 2023."""
        return year_label(year, calendar=self.in_calendar_years, month=month)

    @property
    def baseline_plan_year(self) -> int | None:
        """The plan year the baseline falls in (May 2023 is in 2022–23)."""
        if self.baseline_year is None:
            return None
        return year_of(self.baseline_year, self.baseline_month, calendar=self.in_calendar_years)

    @property
    def final_target_plan_year(self) -> int | None:
        if self.final_target_year is None:
            return None
        return year_of(
            self.final_target_year, self.final_target_month, calendar=self.in_calendar_years
        )


class Target(models.Model):
    """A target for a year, for all students or for one student group."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(help_text="The plan year, by the year it starts.")
    group = models.ForeignKey(
        StudentGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        help_text="Empty for all students.",
    )
    value = models.DecimalField(max_digits=14, decimal_places=4)
    places = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The decimals it was written with."
    )

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year"],
                condition=Q(group__isnull=True),
                name="one_target_per_year",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "group"],
                condition=Q(group__isnull=False),
                name="one_target_per_year_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class ResultQuerySet(models.QuerySet):
    def enter(self, entries: list[tuple["Measure", int, "StudentGroup | None", dict]], *, user):
        """Each (measure, year, group, values) entered by the user as that result, made or
        changed: the same few queries for a block of 2 results or 2,000 (within the
        database's limit of values per query). The caller keeps it in a transaction."""
        if not entries:
            return
        measures = {measure.pk for measure, *_ in entries}
        years = {year for _, year, *_ in entries}
        found = self.select_for_update().filter(measure_id__in=measures, year__in=years)
        kept = {(r.measure_id, r.year, r.group_id): r for r in found}
        now = timezone.now()
        made, changed, names = [], [], {"entered_by", "entered_at"}
        for measure, year, group, values in entries:
            result = kept.get((measure.pk, year, group.pk if group else None))
            if result is None:
                result = Result(measure=measure, year=year, group=group)
                made.append(result)
            else:
                changed.append(result)
            for name, value in values.items():
                setattr(result, name, value)
            result.entered_by, result.entered_at = user, now
            names |= values.keys()
        self.bulk_create(made)
        self.bulk_update(changed, sorted(names))


class Result(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="results")
    year = models.PositiveSmallIntegerField(help_text="The school year, by the year it starts.")
    group = models.ForeignKey(
        StudentGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="results",
        help_text="Empty for all students.",
    )
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    places = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The decimals it was written with."
    )
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    entered_at = models.DateTimeField(default=timezone.now)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "year"],
                condition=Q(group__isnull=True),
                name="one_result_per_year_for_all_students",
            ),
            models.UniqueConstraint(
                fields=["measure", "year", "group"],
                condition=Q(group__isnull=False),
                name="one_result_per_year_per_group",
            ),
        ]

    def __str__(self) -> str:
        group = self.group.name if self.group_id else "All students"
        return f"{self.year}, {group}: {self.value}"


class Revision(models.Model):
    """A baseline or target that was changed, with the value it had and why it changed."""

    class Field(models.TextChoices):
        BASELINE = "baseline", "Baseline"
        TARGET = "target", "Target"
        FINAL_TARGET = "final_target", "Final target"
        TARGET_TEXT = "target_text", "Target in words"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="revisions")
    field = models.CharField(max_length=15, choices=Field.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.old_value} → {self.new_value}"
