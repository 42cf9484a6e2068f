from django.urls import path

from . import public_views

app_name = "public_letters"

urlpatterns = [
    path("", public_views.public_letter_list, name="letter_list"),
    path(
        "<uuid:public_id>/<str:cbs_code>/",
        public_views.public_letter_detail,
        name="letter_detail",
    ),
    path(
        "<uuid:public_id>/<str:cbs_code>/document.pdf",
        public_views.public_letter_pdf,
        name="letter_pdf",
    ),
]
