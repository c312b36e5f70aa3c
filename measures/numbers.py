"""Numbers as a plan writes them: each with the decimals it was written with (21% beside
24.5%, a ratio of 2.8:1), kept beside the value so that it prints as it was written."""

from decimal import Decimal


def written_places(value: Decimal) -> int:
    """The decimals a number was written with: 21.0 has one, 24.50 two, 21 none."""
    return max(0, -value.as_tuple().exponent)


def as_written(value: Decimal | None, places: int | None = None) -> str | None:
    """A number as the plan wrote it: 21, 24.5, 21.0 (places kept), never 21.0000."""
    if value is None:
        return None
    if places is None:
        return format(value.normalize(), "f")
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def read_number(text) -> tuple[Decimal | None, int | None]:
    """A number written down (a form's, a file's), and the decimals it was written with."""
    if text is None or text == "":
        return None, None
    value = Decimal(str(text))
    return value, written_places(value)
