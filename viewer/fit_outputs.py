"""The files a fit session leaves in its output folder, and what it prints about them."""

import sys
from pathlib import Path

from viewer.fit_report import DEFAULT_RULE, fit_table, recommend_size, write_fit_json
from viewer.garment_export import write_garment_glb, write_garment_ply
from viewer.pictures import render_drape, render_sizes

__all__ = ["write_fit_outputs", "write_size_files", "print_fit", "written_sentence", "file_label"]


def file_label(size: str) -> str:
    """A size label fit for a file name (``as drawn`` -> ``as-drawn``)."""
    return size.replace(" ", "-")


def write_size_files(body, drape, out_dir, meshes=True) -> list[Path]:
    """Write ``drape_<size>.png`` and, with ``meshes``, ``garment_<size>.ply`` and ``.glb``; returns
    their paths."""
    out_dir = Path(out_dir)
    label = file_label(drape.size)
    written = [out_dir / f"drape_{label}.png"]
    render_drape(body, drape, written[0])
    if meshes:
        written += [out_dir / f"garment_{label}.ply", out_dir / f"garment_{label}.glb"]
        write_garment_ply(written[1], drape)
        write_garment_glb(written[2], drape, body)
    return written


def write_fit_outputs(
    body, drapes, out_dir, extra: dict, meshes=True, rule=DEFAULT_RULE
) -> tuple[dict, list[Path]]:
    """Write every per-size file, ``sizes.png`` and ``fit.json``.

    Parameters
    ----------
    body : body.Body
    drapes : list[SizeDrape]
        Smallest size first.
    out_dir : str or Path
    extra : dict
        Top-level keys added to ``fit.json`` (pattern, body, material, device).
    rule : viewer.fit_report.FitRule
        The recommendation rule's thresholds (default: ``DEFAULT_RULE``).

    Returns
    -------
    document : dict
        The ``fit.json`` document.
    written : list[Path]
        Every file written, ``fit.json`` first.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summaries = {drape.size: drape.summary for drape in drapes}
    recommended, reason = recommend_size(summaries, rule)
    written = [out_dir / "fit.json", out_dir / "sizes.png"]
    for drape in drapes:
        written += write_size_files(body, drape, out_dir, meshes)
    render_sizes(body, drapes, written[1])
    document = write_fit_json(written[0], summaries, recommended, reason, extra, rule)
    return document, written


def written_sentence(paths: list[Path]) -> str:
    """``Wrote out/fit.json, out/sizes.png and out/drape_M.png.`` for the files a command wrote."""
    names = [str(path) for path in paths]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"Wrote {listed}."


def print_fit(document: dict, written: list[Path] | None = None) -> None:
    """Print the fit table, the recommendation (or, for one size, its fit) with its reason, and the
    files ``written``."""
    from rich.console import Console

    console = Console(width=None if sys.stdout.isatty() else 120)
    summaries = {size: document[size] for size in document["sizes"]}
    console.print(fit_table(summaries, document["recommended_size"]))
    for name, summary in summaries.items():
        if summary["verdict"] == "failed":
            why = "; ".join(summary["verdict_reasons"])
            console.print(f"[bold red]Warning:[/bold red] the drape of {name} failed: {why}.", markup=True)
    size, reason = document["recommended_size"], document["reason"]
    if size is None:
        console.print(f"[bold red]{reason}[/bold red]")
    elif len(summaries) == 1:
        console.print(f"Fit of [bold]{size}[/bold]: {reason}")
    else:
        console.print(f"Recommended size: [bold]{size}[/bold]. {reason}")
    if written:
        console.print(written_sentence(written), markup=False, soft_wrap=True)
