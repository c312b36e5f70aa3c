"""Forms of the workspace where a plan is made. Each validates; none looks at the request."""

from django import forms
from django.db.models import Case, When
from django.utils import timezone

from making.models import Outreach, Phase, Priority, StrategicArea, SwotEntry, Theme
from planning.forms import EditForm, NewPlanForm
from planning.models import Plan
from planning.titles import titled

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MakingForm(NewPlanForm):
    """A new plan to be made: it starts empty, and names the plan it replaces."""

    follows = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="It replaces",
        empty_label="No earlier plan",
        help_text="The gap analysis starts from that plan's measures, and adopting the new "
        "plan ends it.",
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, district=district, **kwargs)
        del self.fields["copy_from"]
        plans = Plan.objects.in_district(district).exclude(status=Plan.Status.DRAFT)
        self.fields["follows"].queryset = plans
        self.fields["follows"].label_from_instance = titled
        current = plans.filter(status=Plan.Status.ADOPTED).order_by("-end_year").first()
        self.fields["follows"].initial = current.pk if current else None


class PhaseForm(EditForm):
    class Meta:
        model = Phase
        fields = ["status", "lead", "planned_start", "planned_end", "actual_start", "actual_end"]
        widgets = {
            name: DATE for name in ("planned_start", "planned_end", "actual_start", "actual_end")
        }

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == Phase.Status.NOT_STARTED and (
            cleaned.get("actual_start") or cleaned.get("actual_end")
        ):
            self.add_error(
                "status", "A phase with actual dates has started: choose under way or done."
            )
        # A phase that starts or ends today needs no date typed: today is the date.
        today = timezone.localdate()
        if status in (Phase.Status.UNDER_WAY, Phase.Status.DONE) and not cleaned.get(
            "actual_start"
        ):
            cleaned["actual_start"] = min(today, cleaned.get("actual_end") or today)
        if status == Phase.Status.DONE and not cleaned.get("actual_end"):
            cleaned["actual_end"] = max(today, cleaned["actual_start"])
        if status == Phase.Status.UNDER_WAY and cleaned.get("actual_end"):
            self.add_error(
                "actual_end", "A phase under way has not ended: choose done, or clear the end."
            )
        for which in ("planned", "actual"):
            start, end = cleaned.get(f"{which}_start"), cleaned.get(f"{which}_end")
            if start and end and end < start:
                self.add_error(f"{which}_end", f"The {which} end cannot come before its start.")
        return cleaned


class EntryForm(EditForm):
    """An entry of the workspace; it knows the making to offer its choices from."""

    def __init__(self, *args, making, **kwargs):
        self.making = making
        super().__init__(*args, **kwargs)


class SwotForm(EntryForm):
    class Meta:
        model = SwotEntry
        fields = ["kind", "text", "evidence", "source"]
        labels = {"kind": "Kind of entry"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An entry keeps its kind, and so its code (W2) that priorities cite.
        if self.instance.pk:
            del self.fields["kind"]


class AreaForm(EntryForm):
    class Meta:
        model = StrategicArea
        fields = ["name"]
        labels = {"name": "Strategic area"}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = self.making.areas.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"There is already an area called “{name}”.")
        return name


class OutreachForm(EntryForm):
    class Meta:
        model = Outreach
        fields = ["kind", "held_on", "audience", "reached", "description"]
        labels = {"kind": "Kind of activity", "description": "What was asked, and of whom"}
        widgets = {"held_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}


class ThemeForm(EntryForm):
    class Meta:
        model = Theme
        fields = ["text", "areas"]
        labels = {"areas": "Strategic areas it touches"}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "areas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = self.making.areas.order_by("order")


class PriorityForm(EntryForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "swot_entries", "themes"]
        labels = {"swot_entries": "SWOT entries that support it", "themes": "Themes from input"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "swot_entries": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, codes: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        entries = self.fields["swot_entries"]
        # In the order a person reads the SWOT: strengths first, each kind in its order.
        kinds = [When(kind=kind, then=n) for n, kind in enumerate(SwotEntry.Kind.values)]
        # Only the entries that had a code when the codes were read: one that someone adds
        # in between is offered the next time, rather than breaking this form.
        coded = self.making.swot_entries.filter(pk__in=list(codes))
        entries.queryset = coded.order_by(Case(*kinds), "order")
        entries.label_from_instance = lambda e: f"{codes[e.pk]}: {e.text}"
        themes = self.fields["themes"]
        themes.queryset = (
            Theme.objects.filter(outreach__making=self.making)
            .order_by("outreach__order", "order")
            .select_related("outreach")
        )
        themes.label_from_instance = lambda t: f"{t.text} ({t.outreach})"


class CarryForm(forms.Form):
    under = forms.ChoiceField(label="Carry into the draft, under")

    def __init__(self, *args, places: list[tuple[str, str, dict]], **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = {value: parent for value, _, parent in places}
        self.fields["under"].choices = [("", "Choose where it goes")] + [
            (value, label) for value, label, _ in places
        ]
        self.fields["under"].error_messages["invalid_choice"] = (
            "Choose one of the draft's goals, objectives or strategies."
        )

    def clean_under(self) -> dict:
        """The parent the measure goes under: {"goal": <Goal>}."""
        return self.parents[self.cleaned_data["under"]]
