"""``fitroom calibrate``: fit the recommendation rule's thresholds to customers' fit feedback."""

__all__ = ["add_parser", "run"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "calibrate",
        help="fit the size recommendation rule to fit feedback; write rule.json for --rule",
        description="Match feedback rows (id, pattern, size worn, felt small/fit/large) with the drapes "
        "of a 'fitroom batch' results folder, fit the rule's most strain and least ease at chest, waist "
        "and hip to them, and write the rule (for 'fitroom fit --rule' and 'fitroom batch --rule'), "
        "with how often it and the built-in rule match held-out feedback.",
    )
    parser.add_argument("--feedback", required=True, metavar="FEEDBACK.csv", help="id,pattern,size,felt rows")
    parser.add_argument("--results", required=True, metavar="RESULTS/", help="folder of 'fitroom batch'")
    parser.add_argument("-o", "--out", required=True, metavar="RULE.json", help="rule file to write")
    parser.add_argument("--seed", type=int, default=0, help="chooses the held-out people")


def run(args) -> int:
    import json

    from rich.console import Console
    from rich.table import Table

    from fitroom.files import atomic_path
    from viewer.calibrate import calibrate_rule
    from viewer.command_requests import calibrate_request
    from viewer.fit_report import DEFAULT_RULE, GIRTHS

    path, feedback, drapes = calibrate_request(args)
    rule = calibrate_rule(feedback, drapes, args.seed)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(rule.model_dump(), indent=2))
    table = Table(title="Calibrated rule (built-in rule in brackets)")
    for column in ("girth", "most strain %", "least ease cm"):
        table.add_column(column, justify="right")
    for name in GIRTHS:
        mine, default = rule.tolerance(name), DEFAULT_RULE.tolerance(name)
        table.add_row(
            name,
            f"{mine.max_strain_pct:.1f} ({default.max_strain_pct:.0f})",
            f"{mine.min_ease_cm:+.1f} ({default.min_ease_cm:+.0f})",
        )
    console = Console()
    console.print(table)
    figures = rule.calibration
    if figures["held_out_rows"]:
        console.print(
            f"On {figures['held_out_rows']} held-out feedback rows the calibrated rule matches what people "
            f"said {100 * figures['held_out_accuracy']:.0f} % of the time, the built-in rule "
            f"{100 * figures['held_out_accuracy_of_default_rule']:.0f} % ({figures['training_rows']} rows "
            f"trained on, {figures['unmatched_rows']} matched no drape).",
            markup=False,
        )
    console.print(f"Wrote {path}.", markup=False)
    return 0
