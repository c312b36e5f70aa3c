from django import template

from districts.people import display_name

register = template.Library()


@register.filter
def person(user, nobody: str = "Someone") -> str:
    """{{ change.actor|person }}: a person's full name, else their username; nobody's
    name when the account is gone."""
    if user is None or not getattr(user, "pk", None):
        return nobody
    return display_name(user)
