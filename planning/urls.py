from django.urls import path

from planning import (
    converters,  # noqa: F401  (registers <kind>, <parent>, <section>)
    views,
)

urlpatterns = [
    path("", views.plan_detail, name="plan"),
    path("activity/", views.plan_activity, name="plan_activity"),
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
