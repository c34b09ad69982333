"""An import's outcome in sentences, for the command's output and the admin's result page alike."""


def outcome_in_words(report, dry_run=False) -> list:
    if report.errors:
        return [error["message"] for error in report.errors]
    verb = "Would save" if dry_run else "Saved"
    sentences = [f"{report.format}: read {rows(report.rows_read)}."]
    if report.version:
        sentences.append(neighbours_in_words(report, verb))
    else:
        sentences.append(
            f"{verb} {report.observations_created:,} new figures, {report.observations_updated:,} revised; "
            f"{report.observations_unchanged:,} unchanged, {report.missing_values:,} missing (kept as DfE's codes)."
        )
    sentences.append(f"{report.areas_created:,} new areas, {report.areas_updated:,} renamed or given a new code.")
    return sentences + skipped_in_words(report)


def neighbours_in_words(report, verb) -> str:
    return (
        f"Statistical neighbours, {report.version}: {verb.lower()} {report.comparator_sets_created:,} new lists, "
        f"{report.comparator_sets_updated:,} corrected; {report.comparator_sets_unchanged:,} unchanged."
    )


def skipped_in_words(report) -> list:
    """'Skipped 3,230 rows (measures the portal does not track): 4yrAbsence 1,700, CINPermAbsent_3Term 1,530.'"""
    return [
        f"Skipped {rows(sum(counts.values()))} ({why}): "
        + ", ".join(f"{what} {count:,}" for what, count in sorted(counts.items()))
        + "."
        for why, counts in report.skipped.items()
    ]


def rows(count) -> str:
    return "1 row" if count == 1 else f"{count:,} rows"
