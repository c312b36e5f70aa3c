from django.urls import register_converter

from planning.kinds import KINDS, PARTS
from planning.models import TREE_SLOTS


class _Choice:
    choices: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.regex = "|".join(cls.choices)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class KindConverter(_Choice):
    choices = tuple(KINDS)


class ParentConverter(_Choice):
    choices = ("plan", *TREE_SLOTS, "section", "guardrail")


class ListConverter(_Choice):
    """A list of a parent's: its items of the tree ("item"), its measures, sections..."""

    choices = ("item", "measure", "section", "guardrail", "value", "vision_area", "attribute")


class AssessedConverter(_Choice):
    """What a fall review assesses: a goal, or an item above or beside the goals."""

    choices = ("goal", "pillar", "guardrail")


class PartConverter(_Choice):
    choices = tuple(PARTS)


register_converter(KindConverter, "kind")
register_converter(ParentConverter, "parent")
register_converter(ListConverter, "list")
register_converter(PartConverter, "part")
register_converter(AssessedConverter, "assessed")
