from django.urls import path

from . import views

app_name = "procurement"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("segmenten/", views.segment_list, name="segment_list"),
    path(
        "segmenten/<slug:framework_slug>/<str:code>/",
        views.segment_detail,
        name="segment_detail",
    ),
    path("aanbieders/", views.ProviderListView.as_view(), name="provider_list"),
    path("aanbieders/<slug:slug>/", views.provider_detail, name="provider_detail"),
    path("normen/", views.NormListView.as_view(), name="norm_list"),
    path("signalen/", views.risk_dashboard, name="risk_dashboard"),
    path("signalen/drempels/", views.risk_thresholds_edit, name="risk_thresholds"),
    path("signalen/import/", views.financials_import, name="financials_import"),
    path("signalen/<slug:slug>/", views.risk_provider, name="risk_provider"),
]
