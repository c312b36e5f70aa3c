"""What the pages of a plan share: their context, an edit form shown in place or as a
page, and the parts an htmx answer also sends out of band."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django_htmx.http import HttpResponseClientRedirect

from planning.documents import request_document
from planning.models import Document, Plan

ACTIVITY_SHOWN = 8


def page_context(membership, plan: Plan, **extra) -> dict:
    """The context every page of a plan starts from."""
    return {
        "membership": membership,
        "district": membership.district,
        "plan": plan,
        "base": plan_url(plan),  # what the URLs of the plan's items start with
        "can_edit": membership.can_edit,
        # Its commitments change only by proposals (planning.editing.locked).
        "adopted": plan.status == Plan.Status.ADOPTED,
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


def form_status(form, plan: Plan, recorded_as: tuple[str, int]) -> tuple[int, dict | None]:
    """The answer's status for an edit form (200, 422 with mistakes, 409 when someone else
    saved first) and, on a conflict, what they saved and who did."""
    if not form.is_bound:
        return 200, None
    if form.errors:
        return 422, None
    if not form.conflicts:
        return 200, None
    by = plan.changes.filter(item_kind=recorded_as[0], item_id=recorded_as[1])
    return 409, {"saved": form.saved_values_for_people(), "by": by.select_related("actor").first()}


def fingerprint_of(form, conflict) -> str:
    # After a conflict the form carries what is saved now: a second save is a choice.
    return form.saved_fingerprint if conflict else form["fingerprint"].value()


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
    status, conflict = form_status(form, plan, recorded_as)
    if not form.is_bound:
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
        fingerprint=fingerprint_of(form, conflict),
        **page,
    )
    template = "planning/edit.html#form" if request.htmx else "planning/edit.html"
    return render(request, template, context, status=status)


def document_response(request, membership, plan: Plan, kind: str, subject: int = 0):
    """A kept, up-to-date PDF at once; else it is made in the background while the page
    shows how far it has got (htmx asks again until it is ready)."""
    made = request_document(plan, kind, subject)
    made.refresh_from_db()
    if made.state == Document.State.READY:
        if request.htmx:  # the progress page asks again: send the browser to the file
            return HttpResponseClientRedirect(request.get_full_path())
        return pdf_download(plan, made)
    context = page_context(membership, plan, document=made)
    template = "planning/document_progress.html"
    if request.htmx:
        template += "#status"
    return render(request, template, context, status=202)


def pdf_download(plan: Plan, made: Document) -> HttpResponse:
    """A made document as a file to save, named for its district, kind and period."""
    # A report of a year carries its year, so two years' reports never share a name.
    year = f" {plan.year_label(made.subject)}" if made.kind == Document.Kind.PROGRESS else ""
    name = slugify(
        f"{plan.district.name} {made.get_kind_display()} {plan.period}{year}".replace("–", "-")
    )
    response = HttpResponse(bytes(made.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


def locked_response(request, membership, plan: Plan, problem, propose: str = "") -> HttpResponse:
    """A commitment of an adopted plan refused (planning.editing.Locked), with where to
    propose the change instead: in the notices for htmx, else a page of its own."""
    context = page_context(membership, plan, problem=str(problem), propose=propose)
    if request.htmx:
        response = render(request, "planning/plan_detail.html#notices", context, status=409)
        response["HX-Retarget"] = "#notices"
        response["HX-Reswap"] = "outerHTML"
        return response
    context["back"] = plan_url(plan)
    return render(request, "planning/locked.html", context, status=409)
