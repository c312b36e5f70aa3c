"""Progress through the year: dated updates on a strategy or action step, the windows
in which the board expects them, and the reminders sent about them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from planning.models.items import ActionStep, Strategy, Work
from planning.models.plan import Plan


class ProgressUpdate(models.Model):
    """What an owner says of their work at a moment: its status, how far along it is,
    in words, and a link to evidence. The latest is the item's status and percent."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="progress_updates")
    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    action_step = models.ForeignKey(
        ActionStep, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    status = models.CharField(max_length=15, choices=Work.Status.choices)
    percent = models.PositiveSmallIntegerField(
        "Percent complete", validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField("What was done", max_length=4000)
    evidence_url = models.URLField(
        "Link to evidence",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="A web address starting with http:// or https://.",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(strategy__isnull=False, action_step__isnull=True)
                | Q(strategy__isnull=True, action_step__isnull=False),
                name="progress_update_of_one_item",
            ),
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="progress_update_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}, {self.percent}% on {self.at:%Y-%m-%d}"

    @property
    def item(self):
        return self.strategy or self.action_step


class UpdateWindow(models.Model):
    """When owners are asked for their updates: a quarter, with the days it opens and
    closes. The board's progress update is read per window."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="update_windows")
    name = models.CharField(max_length=100, help_text="Quarter 1, Fall update…")
    opens_on = models.DateField("Opens")
    closes_on = models.DateField("Closes")
    remind_days_before = models.PositiveSmallIntegerField(
        "Remind owners this many days before it closes",
        default=7,
        validators=[MaxValueValidator(90)],
    )

    class Meta:
        ordering = ["opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="update_window_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.opens_on:%b %-d} – {self.closes_on:%b %-d, %Y})"


class ReminderSent(models.Model):
    """A reminder or digest mailed to a person, kept so none is sent twice."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "Reminder before a window closes"
        DIGEST = "digest", "Weekly digest of overdue items"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    window = models.ForeignKey(
        UpdateWindow, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    # What it was about: the window's id, or the week of a digest (2026-W48).
    about = models.CharField(max_length=20)
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "user", "about"], name="one_reminder_each"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.user} ({self.about})"
