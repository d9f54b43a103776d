"""The size a window opens on before anything is draped: the size chart's nearest size to the body."""

__all__ = ["chart_size_for"]


def chart_size_for(body, pattern, sizes: list) -> str | None:
    """The one of ``sizes`` whose size-chart chest, waist and hip lie nearest ``body``'s (least sum
    of squared differences, cm²), in the chart ``pattern`` is graded on; the first of ``sizes`` when
    the pattern is ungraded or none of them is a chart size.

    Parameters
    ----------
    body : body.Body
    pattern : garments.Pattern
        The loaded pattern (its ``chart``).
    sizes : list[str or None]
        The sizes offered.
    """
    from fitroom.size_chart import chart_sizes, size_measurements_cm

    chart = pattern.chart
    charted = [size for size in sizes if chart and size in chart_sizes()]
    if not charted:
        return sizes[0]

    def distance(size: str) -> float:
        centre = size_measurements_cm(chart, size)
        return sum((centre[girth] - body.measurements_cm[girth]) ** 2 for girth in ("chest", "waist", "hip"))

    return min(charted, key=distance)
