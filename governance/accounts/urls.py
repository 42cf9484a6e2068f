from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("gebruikers/", views.UserListView.as_view(), name="user_list"),
    path("gebruikers/uitnodigen/", views.user_invite, name="user_invite"),
    path("gebruikers/<int:pk>/", views.user_detail, name="user_detail"),
    path(
        "gebruikers/<int:pk>/uitnodiging/",
        views.user_invitation_send,
        name="user_invitation_send",
    ),
    path("regios/nieuw/", views.region_create, name="region_create"),
]
