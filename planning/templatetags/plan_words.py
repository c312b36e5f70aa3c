from django import template

from planning import titles
from planning.models import plural

register = template.Library()


@register.filter(name="plural")
def plural_label(label: str) -> str:
    """{{ plan.goal_label|plural }}: Goals, Measures of success, High Priority Strategies."""
    return plural(label)


@register.filter
def titled(plan) -> str:
    """{{ plan|titled }}: its title and period, the period once."""
    return titles.titled(plan)
