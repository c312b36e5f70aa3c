"""URLs of a plan's items, for templates: {% item_url "edit" node %}."""

from django import template
from django.urls import reverse

from planning.tree import list_id

register = template.Library()


@register.simple_tag(takes_context=True)
def item_url(context, action: str, node) -> str:
    plan = context["plan"]
    return reverse(f"item_{action}", args=[plan.district.slug, plan.pk, node.kind, node.pk])


@register.simple_tag(takes_context=True)
def list_url(context, action: str, parent, kind: str) -> str:
    """action is "list", "add" or "reorder"."""
    plan = context["plan"]
    return reverse(
        f"item_{action}", args=[plan.district.slug, plan.pk, parent.kind, parent.pk, kind]
    )


@register.simple_tag(takes_context=True)
def part_url(context, action: str, part: str) -> str:
    plan = context["plan"]
    name = "part" if action == "detail" else "part_edit"
    return reverse(name, args=[plan.district.slug, plan.pk, part])


@register.simple_tag
def list_dom_id(kind: str, parent) -> str:
    return list_id(kind, parent)
