from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("", views.LetterListView.as_view(), name="letter_list"),
    path("nieuw/", views.letter_create, name="letter_create"),
    path("nieuw/bestuur/", views.board_letter_create, name="board_letter_create"),
    path("prullenbak/", views.letter_bin, name="letter_bin"),
    path("briefprofiel/", views.letter_profile_list, name="letter_profile_list"),
    path("briefprofiel/<str:cbs_code>/", views.letter_profile_edit, name="letter_profile_edit"),
    path("<int:pk>/", views.letter_detail, name="letter_detail"),
    path("<int:pk>/bewerken/", views.letter_edit, name="letter_edit"),
    path("<int:pk>/blokken/nieuw/", views.block_add, name="block_add"),
    path("<int:pk>/voorbeeld/", views.letter_preview, name="letter_preview"),
    path("<int:pk>/voorbeeld.pdf", views.letter_draft_pdf, name="letter_draft_pdf"),
    path(
        "<int:pk>/verzenden/bevestigen/",
        views.letter_issue_confirm,
        name="letter_issue_confirm",
    ),
    path("<int:pk>/herstellen/", views.letter_restore, name="letter_restore"),
    path("<int:pk>/pdf/<str:cbs_code>/", views.letter_pdf, name="letter_pdf"),
    path("<int:pk>/zip/", views.letter_zip, name="letter_zip"),
    path("<int:pk>/<slug:action>/", views.letter_action, name="letter_action"),
]
