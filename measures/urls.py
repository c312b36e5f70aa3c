from django.urls import path

from measures import views

urlpatterns = [
    path("results/", views.results_grid, name="results"),
    path(
        "results/<int:measure_id>/<int:year>/<str:group>/",
        views.result_edit,
        name="result_edit",
    ),
    path("results/import/", views.results_import, name="results_import"),
    path("progress/", views.progress_dashboard, name="progress"),
]
