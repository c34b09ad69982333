"""Files that come with DfE's data but hold no figures the portal can chart, recognised so the refusal says
what the file is and what to import instead, rather than that its header is unknown."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NotFigures:
    """A kind of file the importer knows and refuses, with the reason given to the person importing it."""

    name: str
    description: str
    columns: frozenset  # the header must hold all of these
    reason: str
    kind: str = "refused"

    def header_row(self, top) -> int | None:
        return 0 if top and self.columns <= {cell.strip() for cell in top[0]} else None

    def refusal(self, top) -> str:
        return self.reason


class DataGuidance:
    """DfE's data guidance text, which describes a release's files: its lines are prose, not a table."""

    name = "ees_data_guidance"
    description = "DfE data guidance (.txt)"
    kind = "refused"

    def header_row(self, top) -> int | None:
        lines = [" ".join(row).strip() for row in top]
        describes_files = any(line.startswith("Filename:") for line in lines)
        return 0 if describes_files or any("Variable names and descriptions" in line for line in lines) else None

    def refusal(self, top) -> str:
        title = " ".join(top[0]).strip() if top and top[0] else "a release"
        lines = [" ".join(row).strip() for row in top]
        files = [line.removeprefix("Filename:").strip() for line in lines if line.startswith("Filename:")]
        instead = f" Import the data file it describes ({', '.join(files)}) instead." if files else ""
        return (
            f"This is DfE's data guidance for “{title}”: it explains the columns and footnotes of the release's "
            f"files and holds no figures, so there is nothing in it to import.{instead}"
        )


PERCENT_BANDS = NotFigures(
    name="ees_absence_percent_bands",
    description="EES absence rate percent bands",
    columns=frozenset({"time_period", "geographic_level", "percent_bands", "enrolments_overall_percent"}),
    reason=(
        "This is EES's absence rate percent bands file: how pupil enrolments spread across one-point bands of "
        "absence, for England as a whole. The portal's indicators are rates for an area (overall, authorised "
        "and unauthorised absence, persistent and severe absence), and a spread of pupils is not one of them; "
        "persistent absence for these years is in the absence-by-geography file, so import that instead."
    ),
)
EES_METADATA = NotFigures(
    name="ees_metadata",
    description="EES metadata (.meta.csv)",
    columns=frozenset({"col_name", "col_type", "label"}),
    reason=(
        "This is an EES metadata file (.meta.csv): it labels the columns of the data file published beside it "
        "and holds no figures. Import the data file itself (the same name without .meta)."
    ),
)
LAIT_DICTIONARY = NotFigures(
    name="lait_measure_dictionary",
    description="LAIT measure dictionary",
    columns=frozenset({"Measure_code", "Measure_short", "Polarity"}),
    reason=(
        "This is LAIT's measure dictionary: it defines LAIT's measures (description, polarity, update dates) "
        "and holds no figures. The portal already knows the LAIT measures it imports; import a LAIT data file "
        "(columns Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region) instead."
    ),
)
REFUSED = (PERCENT_BANDS, EES_METADATA, LAIT_DICTIONARY, DataGuidance())
