"""The toolkit app: advice and financial regulations for employers, students and parents."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Toolkits")
