"""``fitroom patterns [FILE]``: the bundled patterns with their sizes, panels and fabrics, or one pattern
file's pieces, sizes and quantities."""

from viewer.cmd_args import add_dxf_arguments

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "patterns",
        help="list the bundled patterns, or a pattern file's pieces, sizes and quantities",
        description="List the bundled patterns with the sizes each is graded to, its panels, the fabric "
        "of each panel and the ease it is drafted with; use a name with --pattern. Given a file, list its "
        "pieces instead: for a DXF file each piece's quantity, role and size in every size the file holds.",
    )
    parser.add_argument("file", nargs="?", default=None, metavar="FILE", help="a pattern file to list")
    add_dxf_arguments(parser)


def _bundled_table() -> None:
    from rich.console import Console
    from rich.table import Table

    from garments import bundled_patterns, load_pattern

    table = Table(title="Bundled patterns (use the name with --pattern)")
    for column in ("name", "sizes", "panels", "fabrics", "ease over the body (cm)", "description"):
        table.add_column(column, overflow="fold")
    for name in bundled_patterns():
        pattern = load_pattern(name)
        fabrics = {}
        for panel_name, panel in pattern.panels.items():
            fabrics.setdefault(panel.material, []).append(panel_name)
        table.add_row(
            name,
            f"{' '.join(pattern.sizes)} ({pattern.chart})",
            str(len(pattern.panels)),
            "; ".join(f"{fabric}: {', '.join(panels)}" for fabric, panels in fabrics.items()),
            ", ".join(f"{girth} +{ease:g}" for girth, ease in pattern.ease_cm.items()),
            pattern.description,
        )
    Console(width=160).print(table)


def _dxf_table(document, rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    sizes = list(document.sizes)
    table = Table(
        title=f"{document.path.name}: {len(rows)} pieces in {len(sizes)} sizes "
        f"(sample {document.sample_size})"
    )
    for column in (
        "piece",
        "quantity",
        "role",
        "edges",
        "sewn along",
        "sizes",
        f"width x height, cm (size {document.sample_size})",
    ):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            row["name"], str(row["quantity"]), row["role"], str(row["edges"]), row["sewn_along"],
            " ".join(row["sizes"]),
            f"{row['width_cm']:.1f} x {row['height_cm']:.1f}",
        )  # fmt: skip
    Console(width=160).print(table)


def run(args) -> int:
    from garments import Pattern
    from viewer.command_requests import patterns_request

    listed = patterns_request(args)
    if listed is None:
        _bundled_table()
        return 0
    if not isinstance(listed, Pattern):
        _dxf_table(*listed)
        return 0
    pattern = listed
    print(f"{pattern.name}: sizes {' '.join(pattern.sizes) or pattern.size}; {len(pattern.panels)} panels:")
    for name, panel in pattern.panels.items():
        print(f"  {name} ({panel.material})")
    return 0
