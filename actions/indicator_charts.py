"""Line charts of attendance figures over academic years, worked out here and drawn as SVG by a template.

Time runs along one axis measured in academic years (1 September to 31 August), so a year's figure
and the day an action was done sit on the same scale. A year with no figure breaks the line: the
chart shows a gap, never a fall to zero. Lines differ in dash and marker shape as well as colour
(portal.css), and every chart stands beside a table of the same figures.
"""

import math
from dataclasses import dataclass, field
from datetime import date

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
TICK_STEPS = (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50)
TICKS_WANTED = 5
X_LABELS = 7  # year labels along the bottom; the latest year always has one


@dataclass
class Line:
    key: str
    label: str
    segments: list  # "x,y x,y …" for each unbroken run of years
    points: list  # (x, y) of every figure, marked even where it stands alone


@dataclass
class Mark:
    """Something done on a day (an action completed), drawn as a tick on the time axis."""

    x: float
    label: str


@dataclass
class Tick:
    text: str
    position: float


@dataclass
class LineChart:
    id: str
    title: str
    description: str
    lines: list = field(default_factory=list)
    band: list = field(default_factory=list)  # polygons for the neighbours' range
    band_label: str = ""
    marks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def plot_bottom(self):
        return self.height - BOTTOM

    @property
    def plot_right(self):
        return self.width - RIGHT

    @property
    def left(self):
        return LEFT

    @property
    def top(self):
        return TOP


class Scale:
    """Maps (academic-year time, value) to the SVG's coordinates."""

    def __init__(self, first_year, last_year, values):
        self.first, self.span = first_year, max(1, last_year + 1 - first_year)
        self.low, self.high, self.step = nice_range(values)

    def x(self, t: float) -> float:
        return round(LEFT + (t - self.first) / self.span * (WIDTH - LEFT - RIGHT), 1)

    def y(self, value) -> float:
        share = (float(value) - self.low) / ((self.high - self.low) or 1)
        return round(HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM), 1)

    def year_middle(self, year) -> float:
        return self.x(year + 0.5)


def nice_range(values):
    """A low, high and step that make round tick labels and leave a little room around the figures."""
    numbers = [float(v) for v in values if v is not None] or [0.0, 1.0]
    low, high = min(numbers), max(numbers)
    if high == low:
        low, high = low - 1, high + 1
    step = next((s for s in TICK_STEPS if (high - low) / s <= TICKS_WANTED), TICK_STEPS[-1])
    low = max(0.0, math.floor(low / step) * step) if low >= 0 else math.floor(low / step) * step
    return low, math.ceil(high / step) * step, step


def academic_time(day: date) -> float:
    """A day as academic-year time: 1 September 2022 is 2022.0, the following 1 March about 2022.5."""
    start_year = day.year if day.month >= 9 else day.year - 1
    start = date(start_year, 9, 1)
    return start_year + (day - start).days / (date(start_year + 1, 9, 1) - start).days


def line(key, label, figures, years, scale) -> Line:
    segments, run, points = [], [], []
    for year in years:
        figure = figures.get(year)
        if figure is None or figure.value is None:
            segments, run = segments + ([run] if run else []), []
            continue
        point = (scale.year_middle(year), scale.y(figure.value))
        run.append(point)
        points.append(point)
    segments += [run] if run else []
    return Line(key, label, [as_points(run) for run in segments if len(run) > 1], points)


def band(lowest, highest, years, scale) -> list:
    """The neighbours' range as a shaded polygon for each unbroken run of years."""
    polygons, run = [], []
    for year in [*years, None]:
        if year is not None and year in lowest and lowest[year].value is not None:
            run.append(year)
            continue
        if run:
            top = [(scale.year_middle(y), scale.y(highest[y].value)) for y in run]
            bottom = [(scale.year_middle(y), scale.y(lowest[y].value)) for y in reversed(run)]
            polygons.append(as_points(widen(top, bottom) if len(run) == 1 else top + bottom))
        run = []
    return polygons


def widen(top, bottom):
    """A single year's range drawn as a narrow bar rather than an invisible line."""
    (x, high), (_, low) = top[0], bottom[0]
    return [(x - 4, high), (x + 4, high), (x + 4, low), (x - 4, low)]


def as_points(points) -> str:
    return " ".join(f"{x},{y}" for x, y in points)


def axes(scale, years, chart):
    every = math.ceil(len(years) / X_LABELS) or 1
    shown = [year for n, year in enumerate(reversed(years)) if n % every == 0]
    chart.x_ticks = [Tick(year_text(year), scale.year_middle(year)) for year in reversed(shown)]
    ticks, value = [], scale.low
    while value <= scale.high + scale.step / 2:
        ticks.append(Tick(f"{value:g}", scale.y(value)))
        value = round(value + scale.step, 6)
    chart.y_ticks = ticks


def year_text(year) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def comparison_chart(chart_id, phase_comparison, indicator, area) -> LineChart:
    """The area, England, the region and the neighbours' average as lines over the neighbours' range."""
    years = phase_comparison.years
    by_key = {series.key: series for series in phase_comparison.series}
    values = [f.value for series in phase_comparison.series for f in series.figures.values()]
    scale = Scale(years[0], years[-1], values) if years else Scale(2000, 2000, [])
    chart = LineChart(
        id=chart_id,
        title=f"{indicator.name}, {phase_comparison.phase_label.lower()}: {area.name} compared",
        description=describe(phase_comparison, indicator),
    )
    if "neighbours_lowest" in by_key:
        chart.band_label = by_key["neighbours_average"].label.replace("average", "range, lowest to highest")
        chart.band = band(by_key["neighbours_lowest"].figures, by_key["neighbours_highest"].figures, years, scale)
    drawn = [s for s in phase_comparison.series if s.key not in ("neighbours_lowest", "neighbours_highest")]
    chart.lines = [line(s.key, s.label, s.figures, years, scale) for s in reversed(drawn)]
    axes(scale, years, chart)
    return chart


def describe(phase_comparison, indicator) -> str:
    years = phase_comparison.years
    if not years:
        return "No figures have been published."
    polarity = "lower is better" if indicator.polarity == "lower_is_better" else "higher is better"
    text = f"{indicator.name} ({polarity}) from {year_text(years[0])} to {year_text(years[-1])}."
    if phase_comparison.rank:
        year = year_text(phase_comparison.rank_year)
        text += f" In {year} it ranked {phase_comparison.rank} among the areas it is compared with."
    return text + " Years with no figure are gaps. The table beside the chart gives every figure."


def milestone_chart(chart_id, milestone, assessment, figures, completed) -> LineChart:
    """Actual figures, the baseline, the straight line to the target, and when the priority's work was done."""
    first = milestone.baseline_year
    last = max([milestone.target_year, *figures.keys(), *(academic_time(d) // 1 for d, _ in completed)])
    last = int(last)
    years = list(range(first, last + 1))
    targets = [assessment.baseline, milestone.target_value]
    scale = Scale(first, last, [f.value for f in figures.values()] + [v for v in targets if v is not None])
    chart = LineChart(id=chart_id, title=f"{milestone.intent}: progress", description=assessment.sentence)
    chart.lines = [line("actual", "Published figure", figures, years, scale)]
    if assessment.baseline is not None:
        start = (scale.year_middle(first), scale.y(assessment.baseline))
        end = (scale.year_middle(milestone.target_year), scale.y(milestone.target_value))
        chart.lines.insert(
            0, Line("target", "Straight line from baseline to target", [as_points([start, end])], [start, end])
        )
    chart.marks = [Mark(scale.x(academic_time(day)), label) for day, label in completed if academic_time(day) >= first]
    axes(scale, years, chart)
    return chart
