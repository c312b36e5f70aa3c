from django import template

from planning.models import plural

register = template.Library()


@register.filter(name="plural")
def plural_label(label: str) -> str:
    """{{ plan.goal_label|plural }}: Goals, Measures of success, High Priority Strategies."""
    return plural(label)
