"""Existing plans in the new structure, printing as they did: their level names become
Level rows; objectives and strategies keep their plan; a strategy under an objective
hangs on the objective alone; a goal's own strategies come after its objectives (so
they keep the numbers 1.3, 1.4 they had); guardrails go into a section "Guardrails"."""

from django.db import migrations
from django.db.models import Max


def plural(label: str) -> str:
    # As planning.models.plural: a migration keeps its own copy of the rule it applies.
    head, of, tail = label.partition(" of ")
    if head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    elif head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    else:
        head += "s"
    return head + of + tail


def forwards(apps, schema_editor):
    Plan = apps.get_model("planning", "Plan")
    Level = apps.get_model("planning", "Level")
    Objective = apps.get_model("planning", "Objective")
    Strategy = apps.get_model("planning", "Strategy")
    Section = apps.get_model("planning", "Section")
    Guardrail = apps.get_model("planning", "Guardrail")
    defaults = {"pillar": ("Priority", False), "action_step": ("Action step", False)}
    for plan in Plan.objects.all():
        names = {
            "goal": (plan.goal_label, True),
            "objective": (plan.objective_label, True),
            "strategy": (plan.strategy_label, True),
            "measure": (plan.measure_label, True),
            **defaults,
        }
        Level.objects.bulk_create(
            Level(
                plan=plan,
                slot=slot,
                used=used,
                singular=name,
                plural=plural(name),
                numbering="outline",
                style="digits",
            )
            for slot, (name, used) in names.items()
        )
        guardrails = Guardrail.objects.filter(plan=plan)
        if guardrails.exists():
            section = Section.objects.create(
                plan=plan,
                order=1,
                name="Guardrails",
                item_label="Guardrail",
                measure_label=plan.measure_label,
                measure_plural=plural(plan.measure_label),
                prefix="G",
                numbering="per_parent",
                style="digits",
            )
            guardrails.update(section=section)
    for objective in Objective.objects.select_related("goal"):
        objective.plan_id = objective.goal.plan_id
        objective.save(update_fields=["plan"])
    last_objective = dict(
        Objective.objects.values("goal").annotate(last=Max("order")).values_list("goal", "last")
    )
    for strategy in Strategy.objects.select_related("goal"):
        strategy.plan_id = strategy.goal.plan_id
        if strategy.objective_id:
            strategy.goal = None
        else:
            # After the goal's objectives, in the order they had among themselves.
            strategy.order += last_objective.get(strategy.goal_id, 0)
        strategy.save(update_fields=["plan", "goal", "order"])


def backwards(apps, schema_editor):
    Strategy = apps.get_model("planning", "Strategy")
    for strategy in Strategy.objects.filter(goal__isnull=True, objective__isnull=False):
        strategy.goal_id = strategy.objective.goal_id
        strategy.save(update_fields=["goal"])


class Migration(migrations.Migration):
    dependencies = [("planning", "0011_structure")]

    operations = [migrations.RunPython(forwards, backwards)]
