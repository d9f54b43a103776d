"""``fitroom coverage``: how well a size chart covers the people of a batch, as plots."""

from pathlib import Path

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "coverage",
        help="size-chart coverage of a batch: who each size fits, who none fits and why (PNG, HTML)",
        description="Read a 'fitroom batch' results folder and draw, per pattern, a stacked bar per size "
        "(recommended, fits but loose, tight at chest/waist/hip, drape failed; and the people no size "
        "fits, by why) and each person's chest against hip coloured by the size recommended, over the "
        "size chart's bands.",
    )
    parser.add_argument("results", metavar="RESULTS/", help="folder written by 'fitroom batch --out'")
    parser.add_argument("-o", "--out", required=True, metavar="COVERAGE.png", help="picture to write")
    parser.add_argument("--html", action="store_true", help="also write COVERAGE.html beside the picture")


def run(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from fitroom.files import atomic_path
    from viewer.command_requests import coverage_request
    from viewer.coverage import coverage_figures
    from viewer.coverage_page import write_coverage_page
    from viewer.coverage_plot import coverage_png_bytes

    path, page, results = coverage_request(args)
    figures = coverage_figures(*results)
    png = coverage_png_bytes(figures)
    with atomic_path(path) as tmp:
        tmp.write_bytes(png)
    written = [path]
    if page is not None:
        write_coverage_page(page, figures, png)
        written.append(page)
    table = Table(title="Size-chart coverage: share of people each size fits (recommended)")
    for column in ("pattern", "people", "fits", "no size fits (why)"):
        table.add_column(column)
    for pattern, entry in figures.items():
        people = max(entry["people"], 1)
        fits = ", ".join(f"{size} {100 * share:.0f} %" for size, share in entry["fits_share"].items())
        gaps = ", ".join(
            f"{why} {100 * count / people:.0f} %" for why, count in entry["no_size"].most_common()
        )
        table.add_row(Path(pattern).stem, str(entry["people"]), fits, gaps or "-")
    console = Console()
    console.print(table)
    console.print(f"Wrote {' and '.join(map(str, written))}.", markup=False, soft_wrap=True)
    return 0
