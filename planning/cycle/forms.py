"""The forms of the yearly cycle: opening a fall review and assessing a goal; drafting
and deciding a spring recommendation."""

from django import forms

from planning.forms import EditForm
from planning.models import Assessment, Recommendation


class OpenReviewForm(forms.Form):
    year = forms.TypedChoiceField(label="School year to review", coerce=int)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(plan.reviews.values_list("year", flat=True))
        self.fields["year"].choices = [
            (year, plan.year_label(year)) for year in plan.years if year not in taken
        ]


class AssessmentForm(EditForm):
    class Meta:
        model = Assessment
        fields = ["rating", "text", "meeting_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "meeting_date": forms.DateInput(attrs={"type": "date"}),
            "rating": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A rating is required, so there is no blank "---------" to choose.
        self.fields["rating"].choices = Assessment.Rating.choices


class RationaleForm(EditForm):
    """Why the committee recommends it. Its fingerprint covers the whole draft, the
    proposal too, so that a save over a draft someone else changed since is refused."""

    class Meta:
        model = Recommendation
        fields = ["rationale"]
        widgets = {"rationale": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"rationale": "Why the committee recommends this."}

    def saved_values(self) -> dict[str, object]:
        return {**super().saved_values(), "proposed": self.instance.proposed}

    def saved_values_for_people(self) -> list[tuple[str, str]]:
        proposed = [(f"{label}, proposed", value) for label, _, value in self.instance.changes]
        return [("Rationale", self.instance.rationale), *proposed]


DECISION_CHOICES = [
    ("approve", "Approve"),
    ("decline", "Decline"),
    ("return", "Return to the committee"),
]


class DecisionsForm(forms.Form):
    """The superintendent's decisions on several recommendations of a packet at once:
    each with its own decision and note. One left at "Decide later" stays undecided."""

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendations = list(recommendations)
        later = [("", "Decide later")]
        for recommendation in self.recommendations:
            pk = recommendation.pk
            self.fields[f"decision_{pk}"] = forms.ChoiceField(
                label=f"Decision on “{recommendation}”",
                choices=later + DECISION_CHOICES,
                required=False,
                initial="",
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label="Note",
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            recommendation.decision_field = self[f"decision_{pk}"]
            recommendation.note_field = self[f"note_{pk}"]

    def clean(self):
        data = super().clean()
        for recommendation in self.recommendations:
            pk = recommendation.pk
            if data.get(f"note_{pk}") and not data.get(f"decision_{pk}"):
                self.add_error(
                    f"decision_{pk}", "Choose a decision for this note, or clear the note."
                )
        if not self.errors and not self.decisions():
            raise forms.ValidationError("Choose a decision for at least one recommendation.")
        return data

    def decisions(self) -> list[tuple]:
        """(recommendation, decision, note) for each recommendation decided now."""
        data = self.cleaned_data
        return [
            (r, data[f"decision_{r.pk}"], data.get(f"note_{r.pk}", ""))
            for r in self.recommendations
            if data.get(f"decision_{r.pk}")
        ]


class CorrectionForm(forms.Form):
    """Why an administrator corrects an adopted plan directly: a typo, not a change."""

    reason = forms.CharField(
        label="Reason for the correction",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example “Fixes a misspelling”. The correction is recorded with it, "
        "apart from the approved changes.",
    )
