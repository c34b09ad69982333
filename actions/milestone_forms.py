"""The form a partnership's chairs set a milestone with, in their words rather than DfE's codes."""

from django import forms

from actions.models import Milestone
from actions.models.indicators import Area, AreaLevel, Indicator

PLACES = (AreaLevel.NATIONAL, AreaLevel.REGIONAL, AreaLevel.LOCAL_AUTHORITY)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, area):
        return area.name if area.level != AreaLevel.REGIONAL else f"{area.name} (region)"


class MilestoneForm(forms.ModelForm):
    """Baseline and target are academic years (2022/23); the baseline figure is taken from DfE's when left empty."""

    area = AreaChoiceField(
        queryset=Area.objects.none(),
        label="Where",
        help_text="England, a region or a council. Only places with imported figures are listed.",
    )

    class Meta:
        model = Milestone
        fields = [
            "intent",
            "indicator",
            "area",
            "phase",
            "baseline_period",
            "baseline_value",
            "target_period",
            "target_value",
        ]
        labels = {
            "indicator": "What is measured",
            "phase": "Which pupils",
            "baseline_period": "Baseline year",
            "baseline_value": "Baseline figure (optional)",
            "target_period": "Target year",
            "target_value": "Target figure",
        }

    def __init__(self, *args, priority, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.priority = priority
        self.fields["indicator"].queryset = Indicator.objects.all()
        self.fields["indicator"].empty_label = None
        self.fields["area"].queryset = Area.objects.filter(level__in=PLACES).order_by("level", "name")
        self.fields["intent"].widget = forms.TextInput()
