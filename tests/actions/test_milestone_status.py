"""A milestone's status follows the latest published figure against the straight line from baseline to target."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from actions.factories import MilestoneFactory, PriorityFactory, an_area, an_indicator, figures_for
from actions.milestone_status import MilestoneStatus, assess, assessed, series_for
from actions.models import Milestone, Polarity

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestone(group):
    """Milestones on one priority of a published group."""
    priority = PriorityFactory(partnership=group)
    return lambda **fields: MilestoneFactory(priority=priority, **fields)


@pytest.fixture
def status_with(milestone):
    """Persistent absence in Sheffield from 28 (2022/23) to 20 (2026/27): the line falls 2 points a year."""

    def status(figures, **fields):
        made = milestone(target_value=20, **fields)
        figures_for(made.indicator, made.area, figures)
        return assess(made, series_for([made])[made.pk])

    return status


def test_met_once_the_latest_figure_reaches_the_target(status_with):
    assert status_with({2022: 28, 2023: 19.5}).status == MilestoneStatus.MET


def test_on_track_at_or_better_than_the_line_for_its_year(status_with):
    # The line is at 26 for 2023/24 and 24 for 2024/25.
    assessment = status_with({2022: 28, 2023: 25, 2024: 24})
    assert assessment.status == MilestoneStatus.ON_TRACK
    assert assessment.expected == Decimal(24)
    assert assessment.latest_year == 2024


def test_at_risk_behind_the_line_but_better_than_the_baseline(status_with):
    assert status_with({2022: 28, 2024: 26.5}).status == MilestoneStatus.AT_RISK


def test_off_track_no_better_than_the_baseline(status_with):
    assert status_with({2022: 28, 2023: 27, 2024: 28.4}).status == MilestoneStatus.OFF_TRACK


def test_off_track_when_the_target_year_passes_without_the_target(status_with):
    assessment = status_with({2022: 28, 2026: 21})
    assert assessment.status == MilestoneStatus.OFF_TRACK


def test_awaiting_data_with_no_figure_after_the_baseline_year(status_with):
    assessment = status_with({2022: 28, 2023: "x"})
    assert assessment.status == MilestoneStatus.AWAITING_DATA
    assert assessment.baseline == Decimal(28)
    assert "No figure has been published for a year after 2022/23" in assessment.sentence


def test_awaiting_data_without_a_baseline(status_with):
    assessment = status_with({2023: 25})
    assert assessment.status == MilestoneStatus.AWAITING_DATA
    assert "no published figure for the baseline year" in assessment.sentence


def test_an_entered_baseline_is_used_before_the_published_one(status_with):
    # Entered 30: the line is at 27.5 for 2023/24, so 27 is on track though it is behind the published 26.
    assert status_with({2022: 26, 2023: 27}, baseline_value=30).status == MilestoneStatus.ON_TRACK


def test_higher_is_better_indicators_turn_the_rule_round(milestone):
    attendance = an_indicator("attendance_rate", "Attendance rate", polarity=Polarity.HIGHER_IS_BETTER)
    made = milestone(indicator=attendance, target_value=95)
    figures_for(attendance, made.area, {2022: 91, 2023: 92.5})
    assert assess(made, series_for([made])[made.pk]).status == MilestoneStatus.ON_TRACK
    figures_for(attendance, made.area, {2023: 91.5})
    assert assess(made, series_for([made])[made.pk]).status == MilestoneStatus.AT_RISK


def test_the_status_sentence_gives_the_figures_to_check_by_hand(status_with):
    sentence = status_with({2022: 28, 2023: 25}).sentence
    assert sentence.startswith("On track.")
    assert "25%" in sentence and "28%" in sentence and "20%" in sentence and "26% by 2023/24" in sentence


def test_only_the_milestones_own_phase_and_area_count(milestone):
    made = milestone(phase="secondary")
    barnsley = an_area(code="E08000016", name="Barnsley")
    figures_for(made.indicator, made.area, {2022: 28, 2023: 10}, phase="total")
    figures_for(made.indicator, barnsley, {2022: 28, 2023: 10}, phase="secondary")
    figures_for(made.indicator, made.area, {2022: 28, 2023: 27.9}, phase="secondary")
    assert assess(made, series_for([made])[made.pk]).status == MilestoneStatus.AT_RISK


def test_many_milestones_are_assessed_in_two_queries(milestone, django_assert_max_num_queries):
    for n in range(6):
        milestone(target_value=20 + n)
    figures_for(an_indicator(), an_area(), {2022: 28, 2023: 25})
    with django_assert_max_num_queries(2):
        statuses = [assessment.status for _, assessment in assessed(Milestone.objects.all())]
    assert len(statuses) == 6 and MilestoneStatus.ON_TRACK in statuses


def test_years_are_written_as_academic_years_and_the_target_comes_later(milestone):
    made = milestone()
    made.baseline_period, made.target_period = "2022", "2021/22"
    with pytest.raises(ValidationError) as refused:
        made.full_clean()
    assert "like 2022/23" in str(refused.value)
    made.baseline_period = "2022/23"
    with pytest.raises(ValidationError) as refused:
        made.full_clean()
    assert "must come after the baseline year" in str(refused.value)
