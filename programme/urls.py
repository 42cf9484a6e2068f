from django.urls import path

from . import dashboard_views, views

app_name = "programme"

urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("projecten/", views.ProjectListView.as_view(), name="project_list"),
    path("agenda/<slug:slug>/", views.programme_outcomes, name="programme_outcomes"),
    path("projecten/<str:code>/", views.project_detail, name="project_detail"),
    path("projecten/<str:code>/status/", views.project_status_edit, name="project_status_edit"),
    path(
        "projecten/<str:code>/inspanningen/<int:effort_pk>/",
        views.effort_edit,
        name="effort_edit",
    ),
    path(
        "projecten/<str:code>/inspanningen/<int:effort_pk>/leveringen/",
        views.effort_delivery_create,
        name="effort_delivery_create",
    ),
    path("projecten/<str:code>/rapportages/", views.report_create, name="report_create"),
    path(
        "projecten/<str:code>/rapportages/vergelijken/",
        views.report_compare,
        name="report_compare",
    ),
    path("rapportages/<int:pk>/", views.report_detail, name="report_detail"),
    path("rapportages/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
    path("rapportages/<int:pk>/<slug:action>/", views.report_action, name="report_action"),
]
