"""The files a fit session leaves in its output folder, and the table it prints."""

import sys
from pathlib import Path

from viewer.cmd_args import file_label
from viewer.fit_report import fit_table, recommend_size, write_fit_json
from viewer.garment_export import write_garment_glb, write_garment_ply
from viewer.pictures import render_drape, render_sizes

__all__ = ["write_fit_outputs", "write_size_files", "print_fit"]


def write_size_files(body, drape, out_dir, meshes=True) -> list[Path]:
    """Write ``drape_<size>.png`` and, with ``meshes``, ``garment_<size>.ply`` and ``.glb``."""
    out_dir = Path(out_dir)
    label = file_label(drape.size)
    written = [out_dir / f"drape_{label}.png"]
    render_drape(body, drape, written[0])
    if meshes:
        written += [out_dir / f"garment_{label}.ply", out_dir / f"garment_{label}.glb"]
        write_garment_ply(written[1], drape)
        write_garment_glb(written[2], drape, body)
    return written


def write_fit_outputs(body, drapes, out_dir, extra: dict, meshes=True) -> dict:
    """Write every per-size file, ``sizes.png`` and ``fit.json``; returns the fit.json document.

    Parameters
    ----------
    body : body.Body
    drapes : list[SizeDrape]
        Smallest size first.
    out_dir : str or Path
    extra : dict
        Top-level keys added to ``fit.json`` (pattern, body, material, device).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summaries = {drape.size: drape.summary for drape in drapes}
    recommended, reason = recommend_size(summaries)
    for drape in drapes:
        write_size_files(body, drape, out_dir, meshes)
    render_sizes(body, drapes, out_dir / "sizes.png")
    return write_fit_json(out_dir / "fit.json", summaries, recommended, reason, extra)


def print_fit(document: dict) -> None:
    """Print the fit table and the recommendation with its reason."""
    from rich.console import Console

    console = Console(width=None if sys.stdout.isatty() else 120)
    summaries = {size: document[size] for size in document["sizes"]}
    console.print(fit_table(summaries, document["recommended_size"]))
    console.print(f"Recommended size: [bold]{document['recommended_size']}[/bold]. {document['reason']}")
