from django.urls import path

from . import views

app_name = "workbook"

urlpatterns = [
    path("", views.workbook_index, name="index"),
    path("toepassen/", views.workbook_apply, name="apply"),
    path("sjabloon/", views.workbook_template, name="template"),
    path("export/", views.workbook_export, name="export"),
]
