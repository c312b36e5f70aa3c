"""What is kept of a plan over time: every change made to it, its versions, and the
board's documents made from it."""

from django.conf import settings
from django.db import models

from planning.models.cycle import Packet, Recommendation
from planning.models.plan import Plan


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
    # Where on the plan page it shows: "goal-3" (an item that hangs on the plan, with all
    # under it), "sections", "head" (mission, values...), or "plan" (everywhere: the
    # structure, the years, the list of top items). The page is kept rendered by these.
    scope = models.CharField(max_length=40, default="plan")
    # An administrator's correction of a commitment of an adopted plan (a typo), with its
    # reason: shown as a correction, never as an approved change.
    correction = models.TextField(max_length=2000, blank=True)
    # The approved recommendation it applied, if it did.
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["plan", "item_kind", "item_id"]),
            models.Index(fields=["plan", "scope"]),
        ]

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
        PUBLIC = "public", "The published plan"
        PROGRESS = "progress", "Annual progress report"
        PACKET = "packet", "Recommendations packet"
        MAKING = "making", "How the plan was made"
        BOARD_UPDATE = "board", "Progress update for the board"

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
