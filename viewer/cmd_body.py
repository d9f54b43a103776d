"""``fitroom body``: make a body from measurements or photos; write BODY.json and the mesh."""

from body.model import GENDERS
from fitroom.defaults import GENDER
from viewer.arg_types import positive_cm

__all__ = ["add_parser", "run", "MESH_SUFFIXES"]

# The mesh formats ``--mesh`` writes (trimesh picks the format by suffix).
MESH_SUFFIXES = (".ply", ".obj", ".glb", ".stl")

# Command-line flag -> measurement key (cm).
_MEASUREMENT_FLAGS = {
    "height": "height",
    "chest": "chest",
    "waist": "waist",
    "hip": "hip",
    "inseam": "inseam",
    "shoulder_width": "shoulder_width",
}


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "body",
        help="make a body from measurements or photos; write BODY.json and its mesh",
        description="Make a body from typed-in measurements (cm) or from a front photo (and a side "
        "photo) of a person standing head to feet, and write it as BODY.json for the other commands; "
        "print the measurements asked for against those of the body made.",
    )
    parser.add_argument("--front", metavar="IMG", help="photo of the person facing the camera, head to feet")
    parser.add_argument("--side", metavar="IMG", help="photo of the person turned 90 degrees")
    for key in _MEASUREMENT_FLAGS:
        parser.add_argument(
            f"--{key.replace('_', '-')}",
            dest=key,
            type=positive_cm,
            metavar="CM",
            help=f"{key.replace('_', ' ')} in cm (default: the body model's, from the others given)",
        )
    parser.add_argument("--gender", default=GENDER, choices=GENDERS, help="body model to use")
    parser.add_argument(
        "--body-model",
        metavar="PATH",
        help="your own SMPL, SMPL-H or SMPL-X model file (default: fitroom's model built from anny)",
    )
    parser.add_argument("-o", "--out", required=True, metavar="BODY.json", help="body file to write")
    parser.add_argument(
        "--mesh", metavar="BODY.ply", help=f"also write the mesh ({', '.join(MESH_SUFFIXES)})"
    )
    parser.add_argument(
        "--overlay",
        metavar="DIR",
        help="with photos: write the fitted outline over each photo, and the colours read from it, here",
    )
    parser.add_argument(
        "--keep-pose", action="store_true", help="with photos: keep the pose of the front photo"
    )


def run(args) -> int:
    from viewer.command_requests import body_request

    request = body_request(args, _MEASUREMENT_FLAGS, MESH_SUFFIXES)
    requested = request.measurements
    if args.front is not None:
        from body.photo.estimate import body_from_photos

        made = body_from_photos(
            front=args.front,
            side=args.side,
            height_cm=requested.get("height"),
            gender=args.gender,
            model_path=args.body_model,
            overlay_dir=args.overlay,
            keep_pose=args.keep_pose,
        )
        requested = {key: value for key, value in requested.items() if key == "height"}
    else:
        from body.fit_measurements import body_from_measurements
        from body.model import load_body_model

        model = load_body_model(args.gender, args.body_model)
        made = body_from_measurements(requested, args.gender, model)
    _write_body(made, request.out, request.mesh)
    _print_table(made, requested, request)
    if args.front is not None and "height" not in requested:
        _print_assumed_height(args.gender)
    return 0


def _print_assumed_height(gender: str) -> None:
    """Say which height a body from photos was made without ``--height``, and why."""
    from rich.console import Console

    from body.photo.estimate import assumed_height

    height_cm, how = assumed_height(gender)
    Console().print(
        f"No --height given: the body was made {height_cm:.0f} cm tall, {how}. A photo cannot show how "
        "tall someone is (a taller person farther away looks the same, whatever the lens), and the "
        "girths scale with the height: give --height CM for measurements you can rely on.",
        markup=False,
    )


def _write_body(made, body_path, mesh_path) -> None:
    """Write BODY.json and, when ``mesh_path`` is given, the mesh (in the format its suffix names):
    both or neither (the mesh is renamed into place only once BODY.json is)."""
    import trimesh

    from body.body_json import save_body_json
    from fitroom.files import atomic_path

    if mesh_path is None:
        save_body_json(made, body_path)
        return
    with atomic_path(mesh_path) as tmp:
        trimesh.Trimesh(made.vertices, made.faces, process=False).export(tmp)
        save_body_json(made, body_path)


def _print_table(made, requested: dict[str, float], request) -> None:
    """Requested against measured values, one row per measurement."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{made.gender} body ({made.model}, from {made.source})")
    table.add_column("measurement")
    table.add_column("requested cm", justify="right")
    table.add_column("measured cm", justify="right")
    table.add_column("difference cm", justify="right")
    for key, measured in made.measurements_cm.items():
        wanted = requested.get(key)
        table.add_row(
            key,
            "" if wanted is None else f"{wanted:.1f}",
            f"{measured:.1f}",
            "" if wanted is None else f"{measured - wanted:+.1f}",
        )
    console = Console()
    console.print(table)
    if made.appearance is not None:
        hair = made.appearance["hair_rgb"]
        console.print(
            f"Colours from the photo: skin sRGB {tuple(made.appearance['skin_rgb'])}, "
            f"hair {'not seen' if hair is None else f'sRGB {tuple(hair)}'}.",
            markup=False,
        )
    written = request.out if request.mesh is None else f"{request.out} and {request.mesh}"
    console.print(f"Wrote {written}.", markup=False)
