"""``fitroom population``: draw realistic people (height, chest, waist, hip) as a people file."""

from viewer.arg_types import positive_int

__all__ = ["add_parser", "run"]

_SUFFIXES = (".csv", ".parquet")


def add_parser(subparsers) -> None:
    from viewer.population import POPULATION_GENDERS, POPULATION_SOURCES

    parser = subparsers.add_parser(
        "population",
        help="draw realistic people to try a size chart on (a people file for 'fitroom batch')",
        description="Draw people with correlated height, chest, waist and hip in cm: from the ANSUR II "
        "(2012) survey's means, standard deviations and correlations, or from the body model's own "
        "shape space; write them as a people file for 'fitroom batch'.",
    )
    parser.add_argument("--gender", required=True, choices=tuple(POPULATION_GENDERS), help="who to draw")
    parser.add_argument("--n", type=positive_int, required=True, metavar="N", help="how many people")
    parser.add_argument("--seed", type=int, default=0, help="random seed (the same seed, the same people)")
    parser.add_argument(
        "--source",
        default="ansur",
        choices=POPULATION_SOURCES,
        help="ansur: the ANSUR II statistics; model: the body model's shape space (slower: each body "
        "is made and measured)",
    )
    parser.add_argument(
        "-o", "--out", required=True, metavar="PEOPLE.csv", help="people file (.csv or .parquet)"
    )


def run(args) -> int:
    import csv

    from fitroom.files import atomic_path
    from viewer.command_requests import population_request
    from viewer.population import draw_people

    path = population_request(args, _SUFFIXES)
    people, refused = draw_people(args.gender, args.n, args.seed, args.source)
    with atomic_path(path) as tmp:
        if path.suffix.lower() == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.Table.from_pylist(people), tmp)
        else:
            with open(tmp, "w", newline="", encoding="utf-8") as stream:
                writer = csv.DictWriter(stream, fieldnames=list(people[0]))
                writer.writeheader()
                writer.writerows(people)
    print(
        f"Wrote {path}: {len(people)} {args.gender} from {args.source} ({100 * refused:.0f} % of draws "
        "were outside the body model's range and drawn again)."
    )
    return 0
