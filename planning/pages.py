"""What the pages of a plan share: their context, an edit form shown in place or as a
page, and the parts an htmx answer also sends out of band."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from planning.models import Plan

ACTIVITY_SHOWN = 8


def page_context(membership, plan: Plan, **extra) -> dict:
    """The context every page of a plan starts from."""
    return {
        "membership": membership,
        "district": membership.district,
        "plan": plan,
        "can_edit": membership.can_edit,
        **extra,
    }


def plan_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("plan", kwargs={"district": plan.district.slug, "plan_id": plan.pk})
    return f"{url}#{anchor}" if anchor else url


def out_of_band(request, response: HttpResponse, *parts: tuple[str, dict]) -> HttpResponse:
    """Add named parts of templates to an htmx answer, each marked hx-swap-oob by its
    template when its context says oob; a plain request gets the response as it is."""
    if request.htmx:
        for template, context in parts:
            response.content += render(request, template, {**context, "oob": True}).content
    return response


def recent_activity(plan: Plan):
    return plan.changes.select_related("actor")[:ACTIVITY_SHOWN]


def with_activity(request, response: HttpResponse, plan: Plan) -> HttpResponse:
    """After a change, htmx also refreshes the plan's recent activity."""
    return out_of_band(
        request,
        response,
        ("planning/plan_detail.html#activity", {"plan": plan, "activity": recent_activity(plan)}),
    )


def edit_form_response(
    request,
    membership,
    plan,
    form,
    target,
    action,
    cancel,
    node=None,
    cancel_target=None,
    recorded_as=None,
    **page,
):
    """The form, in place or as a page; 422 when it has mistakes, 409 when someone else
    saved first (with what they saved, and the person's own text kept to copy).
    recorded_as: the (kind, id) its changes are recorded under, when it is not a node;
    page: what the page around a form shows instead of the plan's (heading, back...)."""
    if recorded_as is None:
        recorded_as = (node.kind, node.pk) if node else ("plan", plan.pk)
    status = 200
    conflict = None
    if form.is_bound:
        if form.errors:
            status = 422
        elif form.conflicts:
            status = 409
            conflict = {
                "saved": form.saved_values_for_people(),
                "by": plan.changes.filter(item_kind=recorded_as[0], item_id=recorded_as[1])
                .select_related("actor")
                .first(),
            }
    else:
        first = next(iter(form.visible_fields()), None)
        if first is not None and request.htmx:
            first.field.widget.attrs["autofocus"] = True
    back = page.pop("back", None) or plan_url(plan, target.removesuffix("-own"))
    context = page_context(
        membership,
        plan,
        form=form,
        target=target,
        action=action,
        cancel=cancel,
        cancel_target=cancel_target or target,
        conflict=conflict,
        node=node,
        back=back,
        # After a conflict the form carries what is saved now: a second save is a choice.
        fingerprint=form.saved_fingerprint if conflict else form["fingerprint"].value(),
        **page,
    )
    template = "planning/edit.html#form" if request.htmx else "planning/edit.html"
    return render(request, template, context, status=status)
