"""``fitroom calibrate``: the rule's thresholds fitted to fit feedback recover a known tolerance.

There is no public fit-feedback file, so the test makes its own: people spread over a size chart,
drape figures of each size made the way a drape behaves (a garment smaller than the body is stretched
round it with no ease, a larger one hangs unstretched with its extra girth as ease), a hidden "true"
tolerance per girth, and labels from it with 10 % of them replaced by a wrong one.
"""

import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from viewer.calibrate import FeedbackFileError, calibrate_rule, person_summaries, predict_felt, read_feedback
from viewer.cli import main
from viewer.fit_report import (
    DEFAULT_RULE,
    GIRTHS,
    FitRule,
    GirthTolerance,
    RuleFileError,
    load_fit_rule,
    recommend_size,
)

SIZES = ("XS", "S", "M", "L", "XL", "XXL")
# The chart: girth of size k is base + 8 k cm; each garment is 2 cm larger than its size's girth.
_BASE_CM = {"chest": 78.0, "waist": 62.0, "hip": 85.0}
_STEP_CM = 8.0
_DESIGN_EASE_CM = 2.0
# The hidden tolerance: how far each girth may stretch before it is felt as too small. The ease floors
# never bind (a stretched girth has an ease of about 0), so the feedback can only tell the strains.
TRUE_RULE = FitRule(
    chest=GirthTolerance(max_strain_pct=106.0, min_ease_cm=-1.5),
    waist=GirthTolerance(max_strain_pct=109.0, min_ease_cm=-1.5),
    hip=GirthTolerance(max_strain_pct=104.0, min_ease_cm=-1.5),
)
LABEL_NOISE = 0.1
# What "recovered" means: each strain threshold within this many percentage points of the truth.
STRAIN_BOUND_PCT = 1.5


def _drapes(rng, people: int) -> list[dict]:
    rows = []
    for person in range(people):
        where = rng.uniform(0.0, len(SIZES) - 1.0)
        body = {name: base + _STEP_CM * where + rng.normal(0.0, 2.5) for name, base in _BASE_CM.items()}
        for index, size in enumerate(SIZES):
            row = {"id": f"p{person}", "pattern": "tee", "size": size, "size_index": index, "verdict": "ok"}
            for name, base in _BASE_CM.items():
                garment = base + _STEP_CM * index + _DESIGN_EASE_CM
                if garment < body[name]:
                    strain, ease = 100.0 * body[name] / garment + rng.normal(0.0, 0.3), rng.normal(0.0, 0.3)
                else:
                    strain, ease = (
                        100.0 + abs(rng.normal(0.0, 0.3)),
                        garment - body[name] + rng.normal(0.0, 0.3),
                    )
                row |= {
                    f"girth_strain_pct_{name}": strain,
                    f"ease_cm_{name}": ease,
                    f"girths_{name}_measured": True,
                    f"girths_{name}_covered": True,
                }
            row["verdict_reasons"] = []
            rows.append(row)
    return rows


def _feedback(rng, drapes: list[dict]) -> list[dict]:
    rows = []
    for (person, pattern), summaries in person_summaries(drapes).items():
        best = next((size for size in SIZES if predict_felt(summaries, size, TRUE_RULE) == "fit"), SIZES[-1])
        at = SIZES.index(best)
        worn = SIZES[int(np.clip(at + rng.integers(-1, 2), 0, len(SIZES) - 1))]
        truth = predict_felt(summaries, worn, TRUE_RULE)
        felt = (
            rng.choice([f for f in ("small", "fit", "large") if f != truth])
            if rng.random() < LABEL_NOISE
            else truth
        )
        rows.append({"id": person, "pattern": pattern, "size": worn, "felt": str(felt)})
    return rows


def test_calibration_recovers_a_known_strain_tolerance_and_beats_the_default_rule():
    rng = np.random.default_rng(7)
    drapes = _drapes(rng, 500)
    rule = calibrate_rule(_feedback(rng, drapes), drapes, seed=0)
    for name in GIRTHS:
        found, truth = rule.tolerance(name).max_strain_pct, TRUE_RULE.tolerance(name).max_strain_pct
        assert abs(found - truth) <= STRAIN_BOUND_PCT, f"{name}: {found} against {truth}"
    figures = rule.calibration
    assert figures["held_out_rows"] > 100
    assert figures["held_out_accuracy"] >= 0.8
    assert figures["held_out_accuracy"] >= figures["held_out_accuracy_of_default_rule"] + 0.1


def test_calibrate_writes_a_rule_that_fit_and_batch_read(tmp_path):
    rng = np.random.default_rng(3)
    drapes = _drapes(rng, 120)
    results = tmp_path / "results"
    results.mkdir()
    pq.write_table(pa.Table.from_pylist(drapes), results / "drapes.parquet")
    pq.write_table(pa.Table.from_pylist([{"id": "p0"}]), results / "recommendations.parquet")
    feedback = tmp_path / "feedback.csv"
    feedback.write_text(
        "id,pattern,size,felt\n"
        + "".join(f"{r['id']},{r['pattern']},{r['size']},{r['felt']}\n" for r in _feedback(rng, drapes))
    )
    out = tmp_path / "rule.json"
    assert main(["calibrate", "--feedback", str(feedback), "--results", str(results), "-o", str(out)]) == 0
    rule = load_fit_rule(out)
    assert rule.calibration["training_rows"] > 50 and rule != DEFAULT_RULE
    assert json.loads(out.read_text())["chest"]["max_strain_pct"] == rule.chest.max_strain_pct


def test_bad_feedback_and_bad_rule_files_are_one_sentence_each(tmp_path):
    feedback = tmp_path / "feedback.csv"
    feedback.write_text("id,pattern,size,felt\nann,tee,M,snug\n")
    with pytest.raises(FeedbackFileError, match="felt 'snug'; use small, fit, large"):
        read_feedback(feedback)
    feedback.write_text("id,size,felt\nann,M,fit\n")
    with pytest.raises(FeedbackFileError, match="no pattern column"):
        read_feedback(feedback)
    rule = tmp_path / "rule.json"
    rule.write_text(json.dumps({"chest": {"max_strain_pct": 90, "min_ease_cm": 0}}))
    with pytest.raises(RuleFileError, match="chest.max_strain_pct"):
        load_fit_rule(rule)
    status = main(
        [
            "fit",
            "--body",
            str(tmp_path / "b.json"),
            "--rule",
            str(tmp_path / "none.json"),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    assert status == 2 and not (tmp_path / "out").exists()


def test_a_rule_is_the_same_rule_with_other_thresholds():
    summaries = {}
    for size, strain in (("S", 107.0), ("M", 103.0)):
        summaries[size] = {
            "girth_strain_pct": {"chest": strain, "waist": 101.0, "hip": None},
            "ease_cm": {"chest": 1.0, "waist": 8.0, "hip": None},
            "girths": {
                "chest": {"measured": True, "covered": True},
                "waist": {"measured": True, "covered": True},
                "hip": {"measured": False, "covered": False},
            },
            "verdict": "ok",
            "verdict_reasons": [],
        }
    strict = DEFAULT_RULE.model_copy(update={"chest": GirthTolerance(max_strain_pct=105.0, min_ease_cm=0.0)})
    assert recommend_size(summaries)[0] == "S"
    size, reason = recommend_size(summaries, strict)
    assert size == "M" and "chest 105 %, waist 110 %" in reason
