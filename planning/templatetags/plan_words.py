from django import template

from planning import titles

register = template.Library()


@register.filter
def titled(plan) -> str:
    """{{ plan|titled }}: its title and period, the period once."""
    return titles.titled(plan)
