from django.urls import path

from . import dashboard_views, plan_views, views

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
    # The plan, edited on the project page.
    path(
        "projecten/<str:code>/inspanningen/nieuw/",
        plan_views.effort_create,
        name="effort_create",
    ),
    path(
        "projecten/<str:code>/inspanningen/<int:effort_pk>/plan/",
        plan_views.effort_plan_edit,
        name="effort_plan_edit",
    ),
    path(
        "projecten/<str:code>/inspanningen/<int:effort_pk>/verplaatsen/",
        plan_views.effort_move,
        name="effort_move",
    ),
    path(
        "projecten/<str:code>/inspanningen/<int:effort_pk>/verwijderen/",
        plan_views.effort_remove,
        name="effort_remove",
    ),
    path(
        "projecten/<str:code>/subdoelstellingen/nieuw/",
        plan_views.sub_goal_create,
        name="sub_goal_create",
    ),
    path(
        "projecten/<str:code>/subdoelstellingen/<int:sub_goal_pk>/",
        plan_views.sub_goal_edit,
        name="sub_goal_edit",
    ),
    path(
        "projecten/<str:code>/subdoelstellingen/<int:sub_goal_pk>/verplaatsen/",
        plan_views.sub_goal_move,
        name="sub_goal_move",
    ),
    path(
        "projecten/<str:code>/subdoelstellingen/<int:sub_goal_pk>/verwijderen/",
        plan_views.sub_goal_remove,
        name="sub_goal_remove",
    ),
    path(
        "projecten/<str:code>/looptijd/",
        plan_views.project_duration_edit,
        name="project_duration_edit",
    ),
    path(
        "projecten/<str:code>/sturingsdriehoek/",
        plan_views.project_triangle_edit,
        name="project_triangle_edit",
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
