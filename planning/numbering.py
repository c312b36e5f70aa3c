"""How a plan numbers its items, level by level, as the district does: after the parent's
number (1, 1.1, 1.1.1), counted under each parent (Goal 3 of Aim 2), counted across the
plan (Aim 1 to Aim 20), or by the codes the district typed (1.A, 4.C, a second 2.2),
in digits, letters or roman numerals. An item with a typed code always shows its code."""

from planning.models import Numbering, NumberStyle

ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def letters(position: int) -> str:
    """1 is A, 26 is Z, 27 is AA."""
    written = ""
    while position:
        position, rest = divmod(position - 1, 26)
        written = chr(ord("A") + rest) + written
    return written


def roman(position: int) -> str:
    written = ""
    for value, numeral in ROMAN:
        count, position = divmod(position, value)
        written += numeral * count
    return written


def styled(position: int, style: str) -> str:
    match style:
        case NumberStyle.UPPER:
            return letters(position)
        case NumberStyle.LOWER:
            return letters(position).lower()
        case NumberStyle.ROMAN:
            return roman(position)
        case NumberStyle.ROMAN_LOWER:
            return roman(position).lower()
        case _:
            return str(position)


def number(
    *,
    code: str,
    numbering: str,
    style: str,
    parent_number: str,
    among_all: int,
    among_kind: int,
    across_plan: int,
) -> str:
    """An item's number. among_all: its place among its parent's children of every level;
    among_kind: among those of its own level; across_plan: among all items of its level."""
    if code:
        return code
    match numbering:
        case Numbering.OUTLINE:
            own = styled(among_all, style)
            return f"{parent_number}.{own}" if parent_number else own
        case Numbering.PER_PARENT:
            return styled(among_kind, style)
        case Numbering.CONTINUOUS:
            return styled(across_plan, style)
        case _:
            return ""
