"""A DXF file named on the command line together with how to read it (``--seams``, ``--units``).

It is the path itself (a ``str``), so it goes wherever a pattern name or path goes (``load_pattern``,
the fit report's ``pattern`` key, a Ray task) and carries its reading options along with it.
"""

__all__ = ["DxfSource"]


class DxfSource(str):
    """A DXF path (the string) with ``seams`` (a seams file or None) and ``units`` (``mm|cm|in`` or None)."""

    seams: str | None
    units: str | None

    def __new__(cls, path: str, seams: str | None = None, units: str | None = None):
        source = super().__new__(cls, path)
        source.seams, source.units = seams, units
        return source

    def __reduce__(self):
        return (DxfSource, (str(self), self.seams, self.units))
