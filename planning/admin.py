from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q

from districts.people import display_name
from measures.admin import MeasureAdmin, StudentGroupAdmin, TargetInline
from measures.models import Measure, StudentGroup, Target
from planning.editing import Locked, is_locked, locked, record
from planning.kinds import KIND_OF
from planning.models import (
    Change,
    CoreValue,
    Goal,
    GraduateAttribute,
    Guardrail,
    Objective,
    Plan,
    Strategy,
    VisionArea,
)
from planning.updates import WORK_MODELS


def plan_of(obj) -> Plan | None:
    """The plan an object of the admin belongs to, if it has one yet."""
    if obj is None or isinstance(obj, Plan):
        return obj
    if isinstance(obj, Target):
        return obj.measure.plan if obj.measure_id else None
    return obj.plan if obj.plan_id else None


def kind_in_admin(model) -> str:
    # A measure's targets are among the measure's commitments.
    return "measure" if model is Target else KIND_OF[model]


class LockedForm(forms.ModelForm):
    """Refuses what editing.locked refuses on every other route, with its message: a
    change of an adopted plan's commitment, or an item added to it."""

    def clean(self):
        cleaned = super().clean()
        plan = plan_of(self.instance) or cleaned.get("plan")
        fields = self.changed_data if self.instance.pk else None
        if plan is not None and (fields is None or fields):
            try:
                locked(plan, kind_in_admin(self._meta.model), fields)
            except Locked as problem:
                raise forms.ValidationError(str(problem)) from None
        return cleaned


class ObeysTheLock:
    """The admin obeys the rule the plan's pages do (planning.editing.locked): on an
    adopted plan its commitments are shown, not editable, and nothing is added to it or
    deleted from it; its implementation (a strategy's status, owner…) stays editable.
    In an inline, obj is the object the inline is shown in."""

    form = LockedForm

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        plan = plan_of(obj)
        if plan is None:
            return readonly
        kind, meta = kind_in_admin(self.model), self.model._meta
        fields = [*meta.concrete_fields, *meta.many_to_many]
        return readonly + [
            f.name
            for f in fields
            if f.editable and not f.primary_key and f.name not in readonly
            if is_locked(plan, kind, [f.name])
        ]

    def has_add_permission(self, request, obj=None):
        if is_locked_plan(obj, self.model):
            return False
        if isinstance(self, admin.options.InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        if is_locked_plan(obj, self.model):
            return False
        return super().has_delete_permission(request, obj)


def is_locked_plan(obj, model) -> bool:
    """Whether adding or deleting an object of that model is refused on obj's plan."""
    plan = plan_of(obj)
    return plan is not None and is_locked(plan, kind_in_admin(model))


class RecordsChanges:
    """A save through the admin is recorded like one through the plan's pages, so that the
    plan's history tells it and the plan page, which is kept between changes, shows it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed() or not change:  # a save of what is shown unchanged is no change
            self.record(request, obj, Change.Action.CHANGED if change else Change.Action.ADDED)

    def delete_model(self, request, obj):
        self.record(request, obj, Change.Action.DELETED)
        super().delete_model(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets):
            self.record(request, form.instance, Change.Action.CHANGED)

    def record(self, request, obj, action):
        plan = obj if isinstance(obj, Plan) else obj.plan
        record(
            plan=plan,
            actor=request.user,
            action=action,
            kind=obj._meta.model_name,
            item_id=obj.pk,
            label=f"{obj} (in the admin)",
            scope="plan",
        )


class CoreValueInline(ObeysTheLock, admin.StackedInline):
    model = CoreValue
    extra = 0


class VisionAreaInline(ObeysTheLock, admin.StackedInline):
    model = VisionArea
    extra = 0


class GraduateAttributeInline(ObeysTheLock, admin.StackedInline):
    model = GraduateAttribute
    extra = 0


class GoalInline(ObeysTheLock, admin.StackedInline):
    model = Goal
    extra = 0
    fields = ["order", "title", "statement"]
    show_change_link = True


class GuardrailInline(ObeysTheLock, admin.StackedInline):
    model = Guardrail
    extra = 0


@admin.register(Plan)
class PlanAdmin(ObeysTheLock, RecordsChanges, admin.ModelAdmin):
    list_display = ["title", "district", "start_year", "end_year", "status"]
    list_filter = ["status", "district"]
    search_fields = ["title", "district__name"]
    inlines = [
        VisionAreaInline,
        CoreValueInline,
        GraduateAttributeInline,
        GoalInline,
        GuardrailInline,
    ]

    def has_delete_permission(self, request, obj=None):
        # A platform operator removes a whole plan (a district leaving, a test plan); the
        # lock keeps its items from being deleted one by one, not the plan from going.
        if request.user.is_superuser:
            return True
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        deleted, counts, refused, protected = super().get_deleted_objects(objs, request)
        if request.user.is_superuser:
            # The lock refuses deleting each item of an adopted plan on its own; with the
            # whole plan they go too, and a superuser holds every other permission.
            refused = set()
        return deleted, counts, refused, protected


class ObjectiveInline(ObeysTheLock, admin.StackedInline):
    model = Objective
    extra = 0
    show_change_link = True


class GoalStrategyInline(ObeysTheLock, admin.StackedInline):
    model = Strategy
    extra = 0
    fk_name = "goal"
    fields = ["order", "objective", "text", "sub_points", "owner", "status"]


@admin.register(Goal)
class GoalAdmin(ObeysTheLock, RecordsChanges, admin.ModelAdmin):
    list_display = ["__str__", "plan", "order"]
    list_filter = ["plan__district"]
    search_fields = ["title", "statement"]
    filter_horizontal = ["graduate_attributes"]
    inlines = [ObjectiveInline, GoalStrategyInline]


@admin.register(Objective)
class ObjectiveAdmin(ObeysTheLock, RecordsChanges, admin.ModelAdmin):
    list_display = ["title", "goal", "order"]
    search_fields = ["title", "description"]


@admin.register(Strategy)
class StrategyAdmin(ObeysTheLock, RecordsChanges, admin.ModelAdmin):
    list_display = ["__str__", "goal", "objective", "status", "owner"]
    list_filter = ["status", "goal__plan__district"]
    search_fields = ["text", "owner"]


class LockedTargetInline(ObeysTheLock, TargetInline):
    pass


@admin.register(Measure)
class RecordedMeasureAdmin(ObeysTheLock, RecordsChanges, MeasureAdmin):
    inlines = [
        LockedTargetInline if inline is TargetInline else inline for inline in MeasureAdmin.inlines
    ]


class RecordsRenames:
    """A rename through the admin is recorded on each plan that shows the name, as a change
    of the whole plan: its kept pages (planning.plan_page) and documents show the new one."""

    names: list[str]  # the fields that make up the name

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or not set(self.names) & set(form.changed_data):
            return
        before = self.name_of({name: form.initial.get(name) for name in self.names}, obj)
        after = self.name_of({name: getattr(obj, name) for name in self.names}, obj)
        for plan in self.plans_showing(obj):
            record(
                plan=plan,
                actor=request.user,
                action=Change.Action.CHANGED,
                kind=obj._meta.model_name,
                item_id=obj.pk,
                label=f"the name {before} to {after} (in the admin)",
                before={"name": before},
                after={"name": after},
                scope="plan",
            )


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class RenamedUserAdmin(RecordsRenames, UserAdmin):
    names = ["first_name", "last_name"]

    def name_of(self, names, user) -> str:
        return display_name(type(user)(username=user.get_username(), **names))

    def plans_showing(self, user):
        owns = Q()
        for model in WORK_MODELS.values():
            owns |= Q(pk__in=model.objects.filter(owner_user=user).values("plan"))
        return Plan.objects.filter(owns)


@admin.register(StudentGroup)
class RenamedStudentGroupAdmin(RecordsRenames, StudentGroupAdmin):
    names = ["name"]

    def name_of(self, names, group) -> str:
        return names["name"]

    def plans_showing(self, group):
        measures = Measure.objects.filter(
            Q(breakdown=group) | Q(targets__group=group) | Q(results__group=group)
        )
        return Plan.objects.filter(pk__in=measures.values("plan"))
