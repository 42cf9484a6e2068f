from django.contrib.admin.apps import AdminConfig


class JeugdregioAdminConfig(AdminConfig):
    default_site = "config.admin.JeugdregioAdminSite"
