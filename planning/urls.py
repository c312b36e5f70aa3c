from django.urls import path

from planning import (
    converters,  # noqa: F401  (registers <kind>, <parent>, <list>, <part>)
)
from planning.views import (
    corrections,
    documents,
    exchange,
    items,
    plan,
    public,
    results,
    reviews,
    spring,
    versions,
)

urlpatterns = [
    path("results/", results.results_grid, name="results"),
    path(
        "results/<int:measure_id>/<int:year>/<str:group>/",
        results.result_edit,
        name="result_edit",
    ),
    path("results/import/", results.results_import, name="results_import"),
    path("progress/", results.progress_dashboard, name="progress"),
    path("", plan.plan_detail, name="plan"),
    path("documents/plan.pdf", documents.document, {"kind": "plan"}, name="plan_pdf"),
    path(
        "documents/progress-<int:subject>.pdf",
        documents.document,
        {"kind": "progress"},
        name="progress_pdf",
    ),
    path(
        "documents/packet-<int:subject>.pdf",
        documents.document,
        {"kind": "packet"},
        name="packet_pdf",
    ),
    path("spring/", spring.spring, name="spring"),
    path("spring/pick/", spring.pick, name="recommend_pick"),
    path("spring/amend/", spring.amendment_open, name="amendment_open"),
    path(
        "spring/recommend/<str:action>/<kind:kind>/<int:pk>/",
        spring.recommend,
        name="recommend",
    ),
    path(
        "spring/recommend/add/<parent:parent_kind>/<int:parent_pk>/<kind:kind>/",
        spring.recommend_add,
        name="recommend_add",
    ),
    path("spring/<int:pk>/", spring.packet_detail, name="packet"),
    path("spring/<int:pk>/forward/", spring.packet_forward, name="packet_forward"),
    path(
        "spring/recommendation/<int:pk>/edit/",
        spring.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "spring/recommendation/<int:pk>/withdraw/",
        spring.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path(
        "spring/recommendation/<int:pk>/decide/",
        spring.recommendation_decide,
        name="recommendation_decide",
    ),
    path("versions/", versions.versions, name="versions"),
    path("versions/compare/", versions.versions_compare, name="versions_compare"),
    path("versions/<int:number>/", versions.version_detail, name="version"),
    path("reviews/", reviews.review_list, name="reviews"),
    path("reviews/<int:year>/", reviews.review_detail, name="review"),
    path("reviews/<int:year>/close/", reviews.review_close, name="review_close"),
    path(
        "reviews/<int:year>/<assessed:kind>/<int:head_id>/",
        reviews.assessment_edit,
        name="assessment_edit",
    ),
    path("activity/", plan.plan_activity, name="plan_activity"),
    path("publish/", public.plan_publish, name="plan_publish"),
    path("export.json", exchange.plan_export, name="plan_export"),
    path("structure/", plan.plan_structure, name="plan_structure"),
    path("undo/<int:change_id>/", items.undo, name="undo"),
    path("part/<part:part>/", plan.part_detail, name="part"),
    path("part/<part:part>/edit/", plan.part_edit, name="part_edit"),
    path("part/<part:part>/correct/", corrections.part_correct, name="part_correct"),
    path("<kind:kind>/<int:pk>/correct/", corrections.item_correct, name="item_correct"),
    path("<kind:kind>/<int:pk>/", items.item_detail, name="item_detail"),
    path("<kind:kind>/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("<kind:kind>/<int:pk>/delete/", items.item_delete, name="item_delete"),
    path("<kind:kind>/<int:pk>/move/", items.item_move, name="item_move"),
    path("<kind:kind>/<int:pk>/history/", items.item_history, name="item_history"),
    path(
        "<parent:parent_kind>/<int:parent_pk>/<list:list_kind>/",
        items.item_list,
        name="item_list",
    ),
    path("<parent:parent_kind>/<int:parent_pk>/<kind:kind>/add/", items.item_add, name="item_add"),
    path(
        "<parent:parent_kind>/<int:parent_pk>/<list:list_kind>/reorder/",
        items.item_reorder,
        name="item_reorder",
    ),
]
