from django.urls import path

from planning import (
    converters,  # noqa: F401  (registers <kind>, <parent>, <section>)
    development_views,
    document_views,
    exchange_views,
    public_views,
    review_views,
    spring_views,
    views,
)

urlpatterns = [
    path("", views.plan_detail, name="plan"),
    path("documents/plan.pdf", document_views.document, {"kind": "plan"}, name="plan_pdf"),
    path(
        "documents/progress-<int:subject>.pdf",
        document_views.document,
        {"kind": "progress"},
        name="progress_pdf",
    ),
    path(
        "documents/packet-<int:subject>.pdf",
        document_views.document,
        {"kind": "packet"},
        name="packet_pdf",
    ),
    path("spring/", spring_views.spring, name="spring"),
    path("spring/pick/", spring_views.pick, name="recommend_pick"),
    path(
        "spring/recommend/<str:action>/<kind:kind>/<int:pk>/",
        spring_views.recommend,
        name="recommend",
    ),
    path(
        "spring/recommend/add/<parent:parent_kind>/<int:parent_pk>/<kind:kind>/",
        spring_views.recommend_add,
        name="recommend_add",
    ),
    path("spring/<int:pk>/", spring_views.packet_detail, name="packet"),
    path("spring/<int:pk>/forward/", spring_views.packet_forward, name="packet_forward"),
    path(
        "spring/recommendation/<int:pk>/edit/",
        spring_views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "spring/recommendation/<int:pk>/withdraw/",
        spring_views.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path(
        "spring/recommendation/<int:pk>/decide/",
        spring_views.recommendation_decide,
        name="recommendation_decide",
    ),
    path("versions/", spring_views.versions, name="versions"),
    path("versions/compare/", spring_views.versions_compare, name="versions_compare"),
    path("versions/<int:number>/", spring_views.version_detail, name="version"),
    path("reviews/", review_views.review_list, name="reviews"),
    path("reviews/<int:year>/", review_views.review_detail, name="review"),
    path("reviews/<int:year>/close/", review_views.review_close, name="review_close"),
    path(
        "reviews/<int:year>/goal/<int:goal_id>/",
        review_views.assessment_edit,
        name="assessment_edit",
    ),
    path("activity/", views.plan_activity, name="plan_activity"),
    path("publish/", public_views.plan_publish, name="plan_publish"),
    path("development/", development_views.development, name="development"),
    path("development/phase/<int:phase_id>/", development_views.phase_edit, name="phase_edit"),
    path("export.json", exchange_views.plan_export, name="plan_export"),
    path("undo/<int:change_id>/", views.undo, name="undo"),
    path("section/<section:section>/", views.section_detail, name="section"),
    path("section/<section:section>/edit/", views.section_edit, name="section_edit"),
    path("<kind:kind>/<int:pk>/", views.item_detail, name="item_detail"),
    path("<kind:kind>/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("<kind:kind>/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("<kind:kind>/<int:pk>/move/", views.item_move, name="item_move"),
    path("<kind:kind>/<int:pk>/history/", views.item_history, name="item_history"),
    path("<parent:parent_kind>/<int:parent_pk>/<kind:kind>/", views.item_list, name="item_list"),
    path("<parent:parent_kind>/<int:parent_pk>/<kind:kind>/add/", views.item_add, name="item_add"),
    path(
        "<parent:parent_kind>/<int:parent_pk>/<kind:kind>/reorder/",
        views.item_reorder,
        name="item_reorder",
    ),
]
