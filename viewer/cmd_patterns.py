"""``fitroom patterns``: the bundled patterns with their sizes, panels and fabrics."""

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    subparsers.add_parser(
        "patterns",
        help="list the bundled patterns, their sizes and fabrics",
        description="List the bundled patterns with the sizes each is graded to, its panels, the fabric "
        "of each panel and the ease it is drafted with; use a name with --pattern.",
    )


def run(args) -> int:
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
    return 0
