from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("", views.budget_overview, name="index"),
    path("begrotingen/<slug:slug>/", views.budget_detail, name="budget_detail"),
    path(
        "begrotingen/<slug:slug>/regels/nieuw/",
        views.budget_line_create,
        name="budget_line_create",
    ),
    path(
        "begrotingen/<slug:slug>/regels/<int:pk>/",
        views.budget_line_edit,
        name="budget_line_edit",
    ),
    path(
        "begrotingen/<slug:slug>/regels/<int:pk>/verwijderen/",
        views.budget_line_delete,
        name="budget_line_delete",
    ),
    path("verdeelsleutels/", views.key_list, name="key_list"),
    path("verdeelsleutels/nieuw/", views.key_upload, name="key_upload"),
    path("verdeelsleutels/<slug:slug>/", views.key_detail, name="key_detail"),
    path("verdelingen/", views.allocation_list, name="allocation_list"),
    path("verdelingen/nieuw/", views.allocation_create, name="allocation_create"),
    path("verdelingen/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path(
        "verdelingen/<int:pk>/opgave/<str:cbs_code>.pdf",
        views.allocation_statement_view,
        name="allocation_statement",
    ),
    path(
        "verdelingen/<int:pk>/verklaringen/",
        views.allocation_statements,
        name="allocation_statements",
    ),
    path("financiering/", views.funding_matrix, name="funding_matrix"),
    path("financiering/<slug:slug>/", views.funding_edit, name="funding_edit"),
    path("ombuigingen/", views.savings, name="savings"),
]
