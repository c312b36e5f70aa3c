"""How a plan is named wherever its title and period are printed together."""

import re


def titled(plan) -> str:
    """ "Strategic Plan 2026–2031"; only the title when it already says its period
    ("Strategic Plan 2026–2031", "Vision 2026-31"), so the period is never printed twice."""
    if holds_period(plan.title, plan.start_year, plan.end_year):
        return plan.title
    return f"{plan.title} {plan.period}"


def holds_period(title: str, start: int, end: int) -> bool:
    written = rf"\b{start}\s*(?:[-–—/]|to)\s*(?:{end}|{end % 100:02d})\b"
    return re.search(written, title) is not None
