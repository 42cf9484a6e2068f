from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("", views.LetterListView.as_view(), name="letter_list"),
    path("nieuw/", views.letter_create, name="letter_create"),
    path("<int:pk>/", views.letter_detail, name="letter_detail"),
    path("<int:pk>/bewerken/", views.letter_edit, name="letter_edit"),
    path("<int:pk>/blokken/nieuw/", views.block_add, name="block_add"),
    path("<int:pk>/voorbeeld/", views.letter_preview, name="letter_preview"),
    path("<int:pk>/pdf/<str:cbs_code>/", views.letter_pdf, name="letter_pdf"),
    path("<int:pk>/zip/", views.letter_zip, name="letter_zip"),
    path("<int:pk>/verzending/", views.letter_issue_progress, name="letter_issue_progress"),
    path("<int:pk>/<slug:action>/", views.letter_action, name="letter_action"),
]
