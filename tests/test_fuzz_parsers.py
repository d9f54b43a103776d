"""Property-based fuzzing of every parser of user files: whatever the input, the parser gives a parsed
object or a ``FitroomError``, never anything else.

Parsers: pattern JSON, GarmentCode JSON, DXF, BODY.json, fabric JSON and the batch's people table
(CSV and Parquet). A few hundred examples per parser run in the normal suite;
``HYPOTHESIS_PROFILE=fuzz`` runs 10,000.
"""

import copy
import csv
import dataclasses
import json
import math
import os
import string
import tempfile
from pathlib import Path

import numpy as np
import pytest
from dxf_documents import write_dxf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets import asset_path
from body.body_json import read_body_document
from body.body_schema import BodySpec, body_spec
from fitroom.errors import FitroomError
from garments import load_pattern
from garments.garmentcode import pattern_from_garmentcode
from garments.pattern import Pattern
from sim import Material, Model, material_preset
from sim.fabric_file import load_fabric
from sim.lab_scenes import grid_panel
from viewer.batch_people import PEOPLE_COLUMNS, PEOPLE_GENDERS, read_people

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Stitch-length warnings of mutated patterns are expected; only exceptions matter here.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

_TSHIRT = json.loads(asset_path("patterns", "tshirt.json").read_text())
_BODY = {
    "model": "fitroom-anny",
    "gender": "female",
    "betas": [0.1] * 10,
    "pose": [0.0] * 72,
    "measurements_cm": {"height": 165.0, "chest": 90.0},
    "source": "measurements",
}

_numbers = st.one_of(
    st.integers(),
    st.just(10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e-12, 1e12, 0.5, 100]),
)
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=8))
_json_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(string.ascii_lowercase, max_size=6), inner, max_size=4),
    ),
    max_leaves=12,
)


def _paths(node, prefix=()):
    """Every path (a tuple of keys and indices) into a JSON document, the document's own () first."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _mutated(document, changes):
    """``document`` with each (path, value) of ``changes`` applied where the path still exists."""
    result = copy.deepcopy(document)
    for path, value in changes:
        if not path:
            return value
        node = result
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return result


def _mutations(document):
    paths = list(_paths(document))
    return st.lists(st.tuples(st.sampled_from(paths), _json_values), min_size=1, max_size=4)


def _parsed_or_refused(parse, *args):
    """``parse(*args)``; a ``FitroomError`` is the one failure allowed."""
    try:
        return parse(*args)
    except FitroomError as error:
        assert str(error).strip(), "an error without a sentence"
        return error


def _load_and_validate(spec):
    pattern = pattern_from_garmentcode(spec, "fuzzed")
    pattern.validate()
    return pattern


@given(_mutations(_TSHIRT))
def test_garmentcode_documents_parse_or_are_refused(changes):
    result = _parsed_or_refused(_load_and_validate, _mutated(_TSHIRT, changes))
    assert isinstance(result, Pattern | FitroomError)


@given(_mutations(_BODY))
def test_body_documents_parse_or_are_refused(changes):
    result = _parsed_or_refused(body_spec, _mutated(_BODY, changes), "Body file fuzzed.json")
    assert isinstance(result, BodySpec | FitroomError)


_FABRIC = {**dataclasses.asdict(material_preset("cotton_jersey")), "name": "fuzzed_jersey"}
_FABRIC = json.loads(json.dumps(_FABRIC))  # tuples of the dataclass become JSON lists


def _fabric_that_drapes(path):
    """A fabric file loaded and built into a solver model (the two-sample curves the solver takes)."""
    fabric = load_fabric(path)
    rest_uv, faces = grid_panel(0.1, 0.1, 3, 3)
    Model.from_arrays(
        rest_uv, faces, None, np.tile([1.0, 0.0], (len(faces), 1)), np.zeros(len(faces), int), [fabric]
    )
    return fabric


@given(_mutations(_FABRIC))
def test_fabric_documents_load_or_are_refused(changes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fabric.json"
        path.write_text(json.dumps(_mutated(_FABRIC, changes)))
        result = _parsed_or_refused(_fabric_that_drapes, path)
    assert isinstance(result, Material | FitroomError)


def _body_file_spec(path):
    return body_spec(read_body_document(path), str(path))


# The JSON files a user gives: the file name, its reader, and what the reader gives back.
_JSON_FILES = {
    "pattern": ("pattern.json", load_pattern, Pattern),
    "body": ("body.json", _body_file_spec, BodySpec),
    "fabric": ("fabric.json", load_fabric, Material),
}


@pytest.mark.parametrize("kind", sorted(_JSON_FILES))
@given(data=st.one_of(st.binary(max_size=200), _json_values.map(lambda v: json.dumps(v).encode())))
def test_json_files_of_any_bytes_read_or_are_refused(kind, data):
    name, read, parsed = _JSON_FILES[kind]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = _parsed_or_refused(read, path)
    assert isinstance(result, parsed | FitroomError)


_coordinates = st.one_of(
    st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, 1.0, 250.0, 500.0, 700.0]),
)
_points = st.tuples(_coordinates, _coordinates)
_pieces = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["FRONT", "BACK", "SLEEVE", "FR V2", "back yoke"]),
        "cut": st.lists(st.lists(_points, max_size=8), min_size=0, max_size=3),
        "closed": st.booleans(),
    },
    optional={"grain": st.tuples(_points, _points), "fold": st.tuples(_points, _points)},
)


@given(
    st.lists(_pieces, min_size=1, max_size=3),
    st.sampled_from(["METRIC", "ENGLISH", "CUBITS", ""]),
    st.sampled_from(["M", "10", ""]),
)
def test_dxf_documents_parse_or_are_refused(pieces, units, size):
    with tempfile.TemporaryDirectory() as folder:
        path = write_dxf(Path(folder) / "pattern.dxf", pieces, units=units, size=size)
        result = _parsed_or_refused(load_pattern, path)
    assert isinstance(result, Pattern | FitroomError)


@given(st.binary(max_size=300))
def test_dxf_files_of_any_bytes_parse_or_are_refused(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pattern.dxf"
        path.write_bytes(b"0\nSECTION\n" + data)
        result = _parsed_or_refused(load_pattern, path)
    assert isinstance(result, Pattern | FitroomError)


_CELL_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "165", "-1", "0", "nan", "inf", "1e400", "female", "MALE", "robot", "a.json"]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
_PEOPLE_HEADER = st.lists(
    st.one_of(st.sampled_from(PEOPLE_COLUMNS), st.text(max_size=8)), min_size=0, max_size=8, unique=True
)


def _people_that_drape(path):
    """The people of ``path``; each row without a problem is one a body can be made from."""
    people = read_people(path)
    for person in people:
        if person.problem is None:
            assert all(math.isfinite(v) and v > 0 for v in person.measurements_cm.values()), person
            assert person.gender in (*PEOPLE_GENDERS, None), person
            assert person.body or person.front or person.measurements_cm, person
    return people


@given(_PEOPLE_HEADER, st.lists(st.lists(_CELL_TEXT, max_size=9), max_size=6))
def test_people_tables_read_or_are_refused(header, rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        with open(path, "w", newline="", encoding="utf-8") as stream:
            csv.writer(stream).writerows([header, *rows])
        result = _parsed_or_refused(_people_that_drape, path)
    assert isinstance(result, list | FitroomError)


# A Parquet column holds one type: text, floats or whole numbers, any of them null.
_PARQUET_COLUMNS = {
    "text": st.one_of(st.none(), _CELL_TEXT),
    "float": st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    "integer": st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1)),
}


@given(
    st.lists(st.sampled_from(PEOPLE_COLUMNS), min_size=1, max_size=5, unique=True),
    st.integers(0, 4),
    st.data(),
)
def test_people_parquet_tables_read_or_are_refused(columns, row_count, data):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = {}
    for name in columns:
        cells = _PARQUET_COLUMNS[data.draw(st.sampled_from(sorted(_PARQUET_COLUMNS)))]
        table[name] = data.draw(st.lists(cells, min_size=row_count, max_size=row_count))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.parquet"
        pq.write_table(pa.table(table), path)
        result = _parsed_or_refused(_people_that_drape, path)
    assert isinstance(result, list | FitroomError)


@given(st.binary(max_size=300))
def test_people_files_of_any_bytes_read_or_are_refused(data):
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".parquet"):
            path = Path(folder) / f"people{suffix}"
            path.write_bytes(data)
            result = _parsed_or_refused(_people_that_drape, path)
            assert isinstance(result, list | FitroomError)


def test_a_curvature_number_too_large_for_a_float_is_refused_in_a_sentence():
    # Found by the fuzzing on a fresh machine: math.isfinite raised OverflowError on a 10^400 integer.
    changes = [(("pattern", "panels", "left_sleeve", "edges", 2, "curvature", "params", 1), [10**400, None])]
    assert isinstance(_parsed_or_refused(_load_and_validate, _mutated(_TSHIRT, changes)), FitroomError)
