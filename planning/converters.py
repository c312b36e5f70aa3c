from django.urls import register_converter

from planning.kinds import KINDS, SECTIONS


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
    choices = ("plan", "goal", "objective", "strategy", "guardrail")


class SectionConverter(_Choice):
    choices = tuple(SECTIONS)


register_converter(KindConverter, "kind")
register_converter(ParentConverter, "parent")
register_converter(SectionConverter, "section")
