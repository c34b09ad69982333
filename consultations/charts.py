"""Bar charts drawn on the server as SVG, so the analysis needs no script and keeps to the CSP.

This module works out only where each bar goes; `templates/consultations/analysis_*_chart.html`
draws them with classes from portal.css (colour and text size live there: a `style` attribute, in
SVG too, is inline style, which the CSP refuses). Every chart stands beside a table of the same
figures, which is what a screen reader reads: the SVG itself is one image with a title.
"""

import math
from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 230
FIGURE_WIDTH = 110
ROW_HEIGHT = 30
BAR_HEIGHT = 22
LABEL_CHARACTERS = 32
COLUMNS_HEIGHT = 180
AXIS_SPACE = 28
DATE_LABELS = 6
LABEL_EDGE = 40


@dataclass
class Bar:
    label: str
    figure: str
    x: int
    y: int
    width: int
    height: int


@dataclass
class Chart:
    id: str
    title: str
    bars: list
    height: int
    width: int = WIDTH
    axis_labels: tuple = ()


def shortened(label, characters=LABEL_CHARACTERS):
    """Long option labels are cut for the chart; the table beside it gives them whole."""
    return label if len(label) <= characters else label[: characters - 1].rstrip() + "…"


def option_chart(chart_id, title, rows):
    """Horizontal bars, one per (label, value, figure) row, longest for the largest value."""
    largest = max((value for _, value, _ in rows), default=0) or 1
    plot_width = WIDTH - LABEL_WIDTH - FIGURE_WIDTH
    bars = [
        Bar(
            label=shortened(label),
            figure=figure,
            x=LABEL_WIDTH,
            y=n * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
            width=round(plot_width * value / largest),
            height=BAR_HEIGHT,
        )
        for n, (label, value, figure) in enumerate(rows)
    ]
    return Chart(id=chart_id, title=title, bars=bars, height=max(1, len(rows)) * ROW_HEIGHT)


@dataclass
class AxisLabel:
    text: str
    x: int
    y: int

    @property
    def anchor(self):
        """Dates at either edge are aligned inwards, so none is cut off."""
        return "start" if self.x < LABEL_EDGE else "end" if self.x > WIDTH - LABEL_EDGE else "middle"


def day_chart(chart_id, title, days):
    """One column per day (`analysis.Day`), tallest for the busiest day, with a few dates underneath."""
    largest = max((day.responses for day in days), default=0) or 1
    step = WIDTH / max(1, len(days))
    bars = []
    for n, day in enumerate(days):
        height = round(COLUMNS_HEIGHT * day.responses / largest)
        bars.append(
            Bar(
                label=f"{day.day:%-d %b}",
                figure=str(day.responses),
                x=math.floor(n * step),
                y=COLUMNS_HEIGHT - height,
                width=max(1, math.floor(step) - 1),
                height=height,
            )
        )
    height = COLUMNS_HEIGHT + AXIS_SPACE
    return Chart(id=chart_id, title=title, bars=bars, height=height, axis_labels=date_labels(bars, height - 8))


def date_labels(bars, y):
    """A few evenly spaced dates, always the first and the last, so the axis is never crowded."""
    if not bars:
        return ()
    every = max(1, math.ceil(len(bars) / DATE_LABELS))
    last = len(bars) - 1
    chosen = [n for n in range(0, len(bars), every) if n == 0 or last - n >= every / 2]
    if chosen[-1] != last:
        chosen.append(last)
    return tuple(AxisLabel(bars[n].label, bars[n].x + bars[n].width // 2, y) for n in chosen)
