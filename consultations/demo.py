"""The consultations section of the Riverford demo."""

from consultations.models import ConsultationIndexPage
from portal.demo import ensure_child


def load(context):
    context["consultation_index"] = ensure_child(
        context["home"],
        ConsultationIndexPage,
        "consultations",
        title="Consultations",
        show_in_menus=True,
        introduction=(
            "We ask school leaders, parents and carers, and partners before we decide. "
            "Here is what we asked, what you said and what we did."
        ),
    )
