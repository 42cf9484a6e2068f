from django.urls import path

from . import views

app_name = "themes"

urlpatterns = [
    path("<slug:slug>.css", views.theme_stylesheet, name="theme_stylesheet"),
    path("<slug:slug>/logo.png", views.theme_logo, name="theme_logo"),
]

# The form lives with the other pages of the region's functional administrator (/beheer/).
edit_urlpatterns = [path("", views.theme_edit, name="theme_edit")]
