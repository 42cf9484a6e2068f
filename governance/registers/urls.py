from django.urls import path

from . import views

app_name = "registers"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("besluiten/", views.DecisionListView.as_view(), name="decision_list"),
    path("besluiten/nieuw-voorstel/", views.proposal_create, name="proposal_create"),
    path("besluiten/<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("besluiten/<slug:slug>/naar-de-raden/", views.decision_send, name="decision_send"),
    path(
        "besluiten/<slug:slug>/zienswijzen/<str:cbs_code>/",
        views.council_view_edit,
        name="council_view_edit",
    ),
    path("organen/<slug:slug>/", views.body_detail, name="body_detail"),
    path("organen/<slug:slug>/leden/nieuw/", views.membership_create, name="membership_create"),
    path("organen/<slug:slug>/leden/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("zienswijzen/", views.CouncilViewListView.as_view(), name="council_view_list"),
    path("tijdlijn/", views.timeline_page, name="timeline"),
]
