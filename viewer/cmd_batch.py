"""``fitroom batch``: drape every person of a people file in every size of some patterns, on Ray."""

from viewer.arg_types import positive_int

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    from viewer.cmd_args import add_rule_argument, add_solver_arguments, size_help
    from viewer.session import add_material_argument

    parser = subparsers.add_parser(
        "batch",
        help="drape a whole people file in every size on Ray; Parquet results, resumable",
        description="Make each person's body (measurements, BODY.json or photos), drape every size of "
        "each pattern on it and recommend one, as Ray tasks (a local cluster by default). Each "
        "finished person x pattern is committed at once under RESULTS/parts; run again with the same "
        "--out to resume. RESULTS/drapes.parquet holds one row per drape, "
        "RESULTS/recommendations.parquet one per person and pattern. A bad row is recorded as failed "
        "with its reason and the batch goes on.",
    )
    parser.add_argument(
        "--people", required=True, metavar="PEOPLE.csv", help="people file (.csv or .parquet), one row each"
    )
    parser.add_argument(
        "--pattern",
        action="append",
        required=True,
        metavar="NAME|FILE",
        help="bundled pattern name or pattern file; repeat for several patterns",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        help=size_help("comma-separated sizes to drape", made_to_measure=False)
        + " (default: every size of the chart, or the size an ungraded pattern file is drawn in)",
    )
    add_material_argument(parser)
    add_solver_arguments(parser)
    add_rule_argument(parser)
    parser.add_argument("--out", required=True, metavar="RESULTS/", help="results folder (resumable)")
    parser.add_argument(
        "--address",
        default=None,
        metavar="auto|ray://HOST:PORT",
        help="an existing Ray cluster to run on (default: start a local one on this machine)",
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        metavar="N",
        help="tasks (a person in one pattern) at once, one CPU each (default: every CPU core this process "
        "may use, or every CPU of the cluster)",
    )
    parser.add_argument(
        "--pictures", action="store_true", help="also write RESULTS/pictures/<id>_<pattern>.png per person"
    )


def run(args) -> int:
    from rich.console import Console

    from fitroom.output_paths import check_output_folder
    from fitroom.size_chart import chart_sizes
    from viewer.batch_people import read_people
    from viewer.batch_ray import run_batch
    from viewer.batch_settings import BatchSettings, commit_settings
    from viewer.batch_store import BatchStore
    from viewer.batch_summary import batch_table, run_sentence
    from viewer.cmd_args import load_rule_argument
    from viewer.session import check_material, checked_pattern

    out_dir = check_output_folder(args.out)
    check_material(args.material)
    rule = load_rule_argument(args.rule)
    patterns = {
        pattern: checked_pattern(pattern, args.sizes, chart_sizes(), args.edge_length / 100)[1]
        for pattern in args.pattern
    }
    people = read_people(args.people)
    settings = BatchSettings(
        patterns=patterns,
        material=args.material,
        device=args.device,
        edge_length_m=args.edge_length / 100,
        max_frames=args.max_frames,
        rule=rule,
        pictures=args.pictures,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    commit_settings(out_dir, settings)
    store = BatchStore(out_dir)
    batch = run_batch(people, settings, store, args.address, args.workers)
    written = store.compact(list(patterns))
    console = Console(width=None if Console().is_terminal else 120)
    console.print(batch_table(written[1], patterns))
    console.print(run_sentence(batch), markup=False, soft_wrap=True)
    console.print(f"Wrote {written[0]} and {written[1]}.", markup=False, soft_wrap=True)
    return 0
