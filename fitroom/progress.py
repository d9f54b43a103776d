"""Progress of long work (model build, drapes, video frames) as a person watching it wants to see it.

On a terminal each step is a live ``rich`` bar with its count, a detail (such as the share of the
cloth at rest) and the time taken; otherwise each step prints one plain line on standard error when
it ends, so that logs of unattended runs still say what happened and how long it took.
"""

import sys
import time

from fitroom.stopping import raise_if_stopped

__all__ = ["Progress", "ProgressStep"]


class ProgressStep:
    """One step of a :class:`Progress`: advanced as its work goes, then finished with a summary."""

    def __init__(self, owner: "Progress", description: str, total: int | None):
        self._owner = owner
        self.description = description
        self.total = total
        self._started = time.perf_counter()
        self._task = None
        if owner.live is not None:
            self._task = owner.live.add_task(description, total=total, detail="")

    def update(self, completed: int | None = None, detail: str = "", description: str | None = None) -> None:
        """Show ``completed`` of ``total`` units done and a short ``detail``; a command stopped by a signal
        that something swallowed stops here (:func:`fitroom.stopping.raise_if_stopped`)."""
        raise_if_stopped()
        if description is not None:
            self.description = description
        if self._task is not None:
            self._owner.live.update(
                self._task, completed=completed, detail=detail, description=self.description
            )

    def finish(self, summary: str = "done") -> None:
        """End the step: the bar fills, or the plain line ``description: summary (N s)`` is printed."""
        raise_if_stopped()
        seconds = time.perf_counter() - self._started
        if self._task is not None:
            whole = self.total or 1
            self._owner.live.update(self._task, total=whole, completed=whole, detail=summary)
        elif self._owner.enabled:
            print(f"fitroom: {self.description}: {summary} ({seconds:.0f} s)", file=sys.stderr, flush=True)


class Progress:
    """A context holding the steps of one command.

    Parameters
    ----------
    enabled : bool
        False prints nothing at all (a caller that reports progress itself).

    Examples
    --------
    >>> with Progress() as progress:
    ...     step = progress.step("Draping tshirt size M", total=600)
    ...     step.update(120, "at rest 62 %")
    ...     step.finish("at rest after 240 frames")
    """

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.live = None

    def __enter__(self) -> "Progress":
        from rich.console import Console

        console = Console(file=sys.stderr)
        if self.enabled and console.is_terminal:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self.live = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[detail]}"),
                TimeElapsedColumn(),
                console=console,
            )
            self.live.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self.live is not None:
            self.live.__exit__(*exc)
            self.live = None

    def step(self, description: str, total: int | None = None) -> ProgressStep:
        """Start a step of ``total`` units (None: of unknown length)."""
        return ProgressStep(self, description, total)
