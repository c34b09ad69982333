from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    """Consultations put to heads, parents and partners, their responses and the published outcome."""

    name = "consultations"
