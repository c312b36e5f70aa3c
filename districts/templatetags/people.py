from django import template

register = template.Library()


@register.filter
def person(user, nobody: str = "Someone") -> str:
    """{{ change.actor|person }}: a person's full name, else their username; nobody's
    name when the account is gone."""
    if user is None or not getattr(user, "pk", None):
        return nobody
    return user.get_full_name() or user.get_username()
