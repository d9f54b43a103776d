"""Still pictures of a drape: one size with its fit map, and several sizes side by side."""

import textwrap

import numpy as np

from fitroom.files import atomic_path
from fitroom.stopping import import_whole
from viewer.scene import BACKGROUND, FitScene, skin_rgb_of

__all__ = ["render_drape", "render_sizes"]


def render_drape(body, drape, path, map_name="strain", view_size=(800, 1000)) -> None:
    """Write a PNG of ``body`` wearing one draped size, coloured by ``map_name``: front and back.

    Parameters
    ----------
    body : body.Body
    drape : viewer.size_drape.SizeDrape
        The draped size (garment, result, size label, summary with the verdict).
    path : str or Path
        PNG to write (whole or not at all).
    view_size : (int, int)
        Pixels of each of the two views.
    """
    pv = import_whole("pyvista", "plotting")

    plotter = pv.Plotter(
        off_screen=True, shape=(1, 2), window_size=(2 * view_size[0], view_size[1]), border=False
    )
    for column, (view, azimuth) in enumerate((("front", 0.0), ("back", 180.0))):
        plotter.subplot(0, column)
        scene = FitScene(body.vertices, body.faces, plotter=plotter, skin_rgb=skin_rgb_of(body))
        scene.show_garment(
            drape.result.positions, drape.garment.faces, drape.result, map_name, show_bar=column == 1
        )
        scene.caption(f"Size {drape.size}, {view}", name=f"size{column}", size=22)
        if column == 0:
            scene.caption(_map_caption(drape, map_name), name="stats", position="lower_left", size=11)
            _verdict_caption(scene, drape, "verdict", size=12)
        scene.front_camera(azimuth_deg=azimuth)
    with atomic_path(path) as tmp:
        plotter.screenshot(str(tmp))
    plotter.close()


def render_sizes(body, drapes, path, map_name="strain", tile_size=(420, 760)) -> None:
    """Write a PNG of the sizes side by side: one camera and scale, one colour scale, one colour bar.

    Parameters
    ----------
    body : body.Body
    drapes : list[SizeDrape]
        In display order (smallest first).
    path : str or Path
        PNG to write.
    """
    pv = import_whole("pyvista", "plotting")

    from viewer.fit_maps import fit_map

    count = len(drapes)
    bar_weight = 0.4
    plotter = pv.Plotter(
        off_screen=True,
        shape=(1, count + 1),
        col_weights=[1.0] * count + [bar_weight],
        window_size=(int(tile_size[0] * (count + bar_weight)), tile_size[1]),
        border=False,
    )
    framed = None
    for column, drape in enumerate(drapes):
        plotter.subplot(0, column)
        scene = FitScene(body.vertices, body.faces, plotter=plotter, skin_rgb=skin_rgb_of(body))
        if framed is None:
            # One camera and scale for every tile, so that the sizes compare.
            framed = scene.framed_points([d.result.positions for d in drapes])
        scene.show_garment(
            drape.result.positions, drape.garment.faces, drape.result, map_name, show_bar=False
        )
        scene.caption(f"{drape.size}", name=f"size{column}", position="upper_edge", size=20)
        scene.caption(_map_caption(drape, map_name), name=f"stats{column}", position="lower_left", size=9)
        _verdict_caption(scene, drape, f"verdict{column}", size=9)
        scene.front_camera(points=framed)
    spec = fit_map(map_name)
    if spec is not None:
        plotter.subplot(0, count)
        plotter.set_background(BACKGROUND)
        scene.add_colour_bar_panel(spec, plotter)
    with atomic_path(path) as tmp:
        plotter.screenshot(str(tmp))
    plotter.close()


def _map_caption(drape, map_name: str) -> str:
    summary = drape.summary
    strain = summary["strain_pct"]
    ease = summary["ease_cm"]
    girth = summary["girth_strain_pct"]
    lines = [f"strain mean {strain['mean']:.1f}%  p95 {strain['p95']:.1f}%"]
    lines.append("at " + "  ".join(f"{k} {v:.0f}%" for k, v in girth.items() if v is not None))
    lines.append("ease " + "  ".join(f"{k} {_cm(v)}" for k, v in ease.items()))
    return "\n".join(lines)


def _verdict_caption(scene, drape, name: str, size: int) -> None:
    """A red caption under the size label saying why a failed drape failed (nothing for ``ok``)."""
    if drape.summary["verdict"] != "failed":
        return
    reasons = "\n".join(textwrap.wrap("FAILED: " + "; ".join(drape.summary["verdict_reasons"]), 40))
    scene.caption(reasons, name=name, position="upper_right", size=size, color="red")


def _cm(value) -> str:
    return "n/a" if value is None or not np.isfinite(value) else f"{value:+.1f} cm"
