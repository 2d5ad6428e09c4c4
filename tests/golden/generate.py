"""Golden estimates: every measure over thousands of seeded inputs, written once and compared since.

``python -m tests.golden.generate`` writes tests/golden/estimates.jsonl.gz: one JSON line per call
of evaluate / needed_fields / precheck / check_profile (the result, or the InputError's field and
message), over boundary values (each parameter ±1, zero, huge), partial inputs with fields missing
one by one, every path and text answers; then the labelled cases (/work/shared/eval/dev_calc.jsonl
and the calls recorded from tests/, tests/golden/recorded.json.gz) and the quiz's scenarios for
seeds 0..199 with their questions and marked answers; first, each measure's input schema, fields
and batch columns. The file was written by the code of e5e984a (before the declarations), this
script copied beside it. tests/test_golden_estimates.py regenerates
the lines and compares them byte for byte: a refactoring of calculators/ must not change one.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from calculators import InputError, check_profile, evaluate, get_measure, needed_fields, precheck
from calculators.fields import FIELDS
from corpus import load_parameters
from tests.golden.codec import decode, encode

HERE = Path(__file__).parent
GOLDEN = HERE / "estimates.jsonl.gz"
RECORDED = HERE / "recorded.json.gz"
DEV_CALC = Path(os.environ.get("POLICY_ASSISTANT_SHARED", "/work/shared")) / "eval" / "dev_calc.jsonl"
MISSING = object()
AS_OF = (date(2024, 4, 1), date(2024, 3, 15), date(2025, 6, 1))
MEASURES = tuple(str(i) for i in range(1, 14))
PER_MEASURE = 1500  # random inputs per measure with fields (on top of the structured ones)
PROFILES = 600


def _p(name: str) -> Decimal:
    return load_parameters()[name].decimal


def _around(*values: Decimal) -> list[Decimal]:
    out: list[Decimal] = []
    for v in values:
        out += [v - 1, v, v + 1]
    return [v for v in dict.fromkeys(out) if v >= 0]


def _amount_pool(name: str) -> list[object]:
    """Boundary figures of the field's measure: each point ±1, zero, one, huge, a fraction."""
    common = [Decimal(0), Decimal(1), Decimal("0.5"), Decimal("1e13"), Decimal("9999999999999.99")]
    if name.startswith("sales_"):
        t, s = _p("m1_threshold_yuan"), _p("m1_step_yuan")
        pts = _around(t, t + s, t + 3 * s, t + 5 * s, t + 6 * s, Decimal(40_000_000))
        return [*common, *pts, t + s / 2, Decimal("5000000.5"), "800万", "1.2亿", "8,000,000"]
    if name.startswith("power_"):
        m, cap = _p("m2_minimum_yuan"), _p("m2_cap_yuan")
        pts = [
            m / _p(r)
            for r in ("m2_rate_yuan_per_kwh", "m2_strategic_rate_yuan_per_kwh", "m2_new_rate_yuan_per_kwh")
        ]
        pts += [
            cap / _p(r)
            for r in ("m2_rate_yuan_per_kwh", "m2_strategic_rate_yuan_per_kwh", "m2_new_rate_yuan_per_kwh")
        ]
        return [
            *common,
            *_around(*pts, Decimal(1_000_000), Decimal(1_050_000), Decimal(20)),
            "3.5万千瓦时",
            "200万度",
        ]
    if name == "gas_2024q1_m3":
        m, cap = _p("m3_minimum_m3"), _p("m3_cap_yuan")
        pts = [
            m,
            cap / _p("m3_rate_yuan_per_m3"),
            cap / _p("m3_specialized_rate_yuan_per_m3"),
            Decimal(12_000),
        ]
        return [*common, *_around(*pts), "1.2万方", "999.5"]
    if name == "fdi_2024q1_usd":
        s = _p("m9_step_usd")
        return [*common, *_around(s, 2 * s, 5 * s, Decimal(2_100_000)), "350万美元"]
    if name.startswith("export_"):
        t = _p("m8_increase_threshold_usd")
        return [*common, *_around(t, 2 * t, Decimal(3_500_000)), "350万美元"]
    return common


def _date_pool(name: str) -> list[object]:
    if name == "resumed_on":
        d = date.fromisoformat(load_parameters()["m4_resumption_deadline"].value)
        return [d - timedelta(1), d, d + timedelta(1), date(2023, 12, 1), "2024年2月17日", "2024-02-18"]
    d = date.fromisoformat(load_parameters()["m3_specialized_deadline"].value)
    return [
        None,
        d - timedelta(1),
        d,
        d + timedelta(1),
        date(2020, 5, 1),
        "2024年3月31日",
        "未获批",
        "不知道",
    ]


def pool(name: str) -> list[object]:
    spec = FIELDS[name]
    if spec.kind == "bool":
        return [True, False, "是", "否", "不知道"] if spec.assumption_text else [True, False, "是", "否"]
    if spec.kind == "enum":
        return [*spec.choices, spec.choices[next(iter(spec.choices))][0]]
    if spec.kind == "int":
        lo, hi = spec.minimum or 0, spec.maximum or 12
        return list(dict.fromkeys([lo, lo + 1, 2, 3, 6, 10, 11, 12, hi - 1, hi, "3个", "12个月"]))
    if spec.kind in ("date", "optional_date"):
        return _date_pool(name)
    return _amount_pool(name)


def _pairs(mid: str, rng: random.Random, data: dict[str, object]) -> None:
    """Measures 1 and 2 decide on a difference: place it at a boundary from a given base."""
    if mid == "1" and rng.random() < 0.5:
        t, s = _p("m1_threshold_yuan"), _p("m1_step_yuan")
        before = rng.choice([Decimal(0), Decimal(40_000_000), Decimal(1)])
        data["sales_2023q1_yuan"] = before
        data["sales_2024q1_yuan"] = before + rng.choice(_around(t, t + s, t + 5 * s, t + 6 * s, Decimal(0)))
        if rng.random() < 0.2:
            data["sales_increase_yuan"] = data["sales_2024q1_yuan"] - before + rng.choice([0, 0, 1])
    if mid == "2" and rng.random() < 0.6:
        before = rng.choice(
            [Decimal(0), Decimal(200_000), Decimal(1_000_000), Decimal(40_000_000), Decimal(7)]
        )
        pct = _p("m2_growth_threshold_percent")
        incs = _around(
            before * pct / 100, Decimal(20_000), Decimal(10_000), Decimal(3_500_000), Decimal(7_000_000)
        )
        data["power_2023q1_kwh"] = before
        data["power_2024q1_kwh"] = before + rng.choice([*incs, Decimal(0), Decimal("0.35")])


def _inputs(mid: str, rng: random.Random) -> Iterator[dict[str, object]]:
    fields = get_measure(mid).fields
    full = {n: pool(n)[1 if FIELDS[n].kind == "bool" else 0] for n in fields}
    full = {n: (True if FIELDS[n].kind == "bool" else v) for n, v in full.items()}
    yield {}
    yield dict(full)
    for n in fields:  # each field missing, then each field alone, then each value of each field
        yield {k: v for k, v in full.items() if k != n}
        yield {n: full[n]}
        for v in pool(n):
            yield {**full, n: v}
            yield {n: v}
    for _ in range(PER_MEASURE if fields else 3):
        data = {n: rng.choice(pool(n)) for n in fields if rng.random() < 0.85}
        _pairs(mid, rng, data)
        yield data


def _error(exc: InputError) -> dict[str, object]:
    return {"error": {"field": exc.field, "message": exc.message}}


def _call(fn: str, *args: object, **kwargs: object) -> dict[str, object]:
    try:
        if fn == "evaluate":
            out: object = json.loads(evaluate(*args, **kwargs).model_dump_json())
        elif fn == "check_profile":
            out = json.loads(check_profile(*args, **kwargs).model_dump_json())
        elif fn == "needed_fields":
            out = needed_fields(*args, **kwargs)
        else:
            unmet = precheck(*args, **kwargs)
            out = None if unmet is None else json.loads(unmet.model_dump_json())
        return {"ok": out}
    except InputError as exc:
        return _error(exc)


def _line(fn: str, args: list[object], kwargs: dict[str, object]) -> str:
    call = {"fn": fn, "args": encode(args), "kwargs": encode(kwargs)}
    return json.dumps({**call, **_call(fn, *args, **kwargs)}, ensure_ascii=False)


def _generated() -> Iterator[str]:
    rng = random.Random(13)
    for mid in MEASURES:
        for i, data in enumerate(_inputs(mid, rng)):
            as_of = AS_OF[i % len(AS_OF)]
            yield _line("evaluate", [mid, data, as_of], {})
            yield _line("needed_fields", [mid, data], {})
            yield _line("precheck", [mid, data], {})
            if i % 5 == 0:
                foreign = {**data, "heat_supplier": True} if mid != "4" else {**data, "in_county": True}
                yield _line("evaluate", [mid, foreign, as_of], {"strict": True})
                yield _line("evaluate", [mid, foreign, as_of], {})
    names = list(FIELDS)
    for i in range(PROFILES):
        profile = {n: rng.choice(pool(n)) for n in names if rng.random() < 0.6}
        yield _line("check_profile", [profile, AS_OF[i % len(AS_OF)]], {})


def _labelled() -> Iterator[str]:
    with DEV_CALC.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                case = json.loads(line)
                yield _line("evaluate", [case["measure"], case["input"], date(2024, 4, 1)], {})
                yield _line("evaluate", [case["measure"], case["input"], date(2024, 4, 1)], {"strict": True})
    with gzip.open(RECORDED, "rt", encoding="utf-8") as f:
        for fn, args, kwargs in json.load(f):
            args, kwargs = decode(args), decode(kwargs)
            if fn != "check_profile" and (len(args) < 3 and "as_of" not in kwargs) and fn == "evaluate":
                args = [*args, date(2024, 4, 1)]  # today's date would make the file age
            if fn == "check_profile" and len(args) < 2 and "as_of" not in kwargs:
                args = [*args, date(2024, 4, 1)]
            yield _line(fn, args, kwargs)


def _quiz() -> Iterator[str]:
    from assistant.training.quiz import Quiz, correct_estimate

    for seed in range(200):
        quiz = Quiz(n=10, seed=seed, as_of=date(2024, 3, 15))
        for scenario in quiz.scenarios:
            est = correct_estimate(scenario, date(2024, 3, 15))
            row = {"seed": seed, "scenario": encode(asdict(scenario)), "award": str(est.award_yuan)}
            yield json.dumps(row, ensure_ascii=False)
        yield json.dumps({"seed": seed, "prompt": quiz.prompt()}, ensure_ascii=False)


def _schemas() -> Iterator[str]:
    """What the schema, batch columns and callers read of each measure (they follow its fields)."""
    from assistant.commands.calc_cmd import all_fields_schema
    from assistant.outreach.batch_layout import batch_measures, template_fields

    for mid in MEASURES:
        m = get_measure(mid)
        row = {
            "measure": mid,
            "schema": m.input_model.model_json_schema(),
            "fields": list(m.fields),
            "computable": m.computable,
            "upper_bound": m.upper_bound,
            "paid_to_enterprise": m.paid_to_enterprise,
            "title": m.title,
        }
        yield json.dumps(row, ensure_ascii=False, sort_keys=True)
    yield json.dumps({"batch": [template_fields(), batch_measures()]}, ensure_ascii=False)
    yield json.dumps({"all_fields_schema": all_fields_schema()}, ensure_ascii=False, sort_keys=True)


def lines() -> Iterator[str]:
    yield from _schemas()
    yield from _generated()
    yield from _labelled()
    yield from _quiz()


def main() -> None:
    text = "\n".join(lines()) + "\n"
    with GOLDEN.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(text.encode("utf-8"))
    print(f"{text.count(chr(10))} lines, {GOLDEN.stat().st_size} bytes → {GOLDEN}")


if __name__ == "__main__":
    main()
