"""Helpers for the Playwright tests."""

from axe_playwright_python.sync_playwright import Axe

# Only violations are reported, so axe need not gather the passes: a long page checks faster.
WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def accessibility_violations(page) -> str:
    """axe-core's report of WCAG 2.1 A and AA violations on the page; empty when there are none."""
    results = Axe().run(page, options=WCAG_AA)
    return "" if results.violations_count == 0 else results.generate_report()


def log_in_with_keyboard(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.keyboard.press("Tab")  # the skip link comes first
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{base_url}/")


def in_hand(page, item: str):
    """Takes an item of the plan page in hand, as Tab onto its link does, so that its
    controls (Edit, Move, Delete, + Add, History) are beside it; returns them."""
    page.get_by_role("link", name=item, exact=True).focus()
    return page.get_by_role("group", name=item, exact=True)
