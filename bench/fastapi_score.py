"""POST /v1/score written as a Python team would: FastAPI + pydantic, for bench/service.ts only.

The same body and validation rules as src/screening/member/memberSchema.ts (strict types, bounds,
patterns, unknown fields refused, region or municipality, region matching the municipality, barriers
empty when the answer is no and never twice), the coefficients and encoding read from the model
artifact at start, the default policy's referral rules, and an API key checked by SHA-256 in constant
time. Not used at runtime. Without rate limiting, metrics, security headers or logging, so the
comparison favours this side. The response is built as a dict and sent as JSONResponse (no
response_model), the faster of FastAPI's two usual ways.

Run by bench/service.ts with Debian's interpreter, which has python3-fastapi and uvicorn:
  LP_MODEL=models/sim-2026.12-1.json LP_MUNICIPALITIES=municipalities.json LP_KEY_SHA256=<hex> \
  /usr/bin/python3 -m uvicorn --app-dir bench fastapi_score:app --loop uvloop --http httptools --workers 1
LP_MUNICIPALITIES is a JSON object {code: region}, written by the benchmark from the TypeScript table.
"""

import hashlib
import hmac
import json
import math
import os
from typing import List, Literal, Optional, Union

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Extra, StrictBool, StrictFloat, StrictInt, conlist, constr, root_validator, validator

with open(os.environ["LP_MODEL"], encoding="utf-8") as f:
    ARTIFACT = json.load(f)
with open(os.environ["LP_MUNICIPALITIES"], encoding="utf-8") as f:
    MUNICIPALITIES = json.load(f)
KEY_HASH = bytes.fromhex(os.environ["LP_KEY_SHA256"])
BATCH_LIMIT = int(os.environ.get("SCORE_BATCH_LIMIT", "100"))
POLICY_VERSION = "standard-2026.11"

Gender = Literal["kvinde", "mand"]
Education = Literal["grundskole", "gymnasial", "erhvervsfaglig", "kort_videregaaende", "mellemlang_videregaaende", "lang_videregaaende"]
Region = Literal["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
Origin = Literal["dansk", "indvandrer_vestlig", "indvandrer_ikke_vestlig", "efterkommer_vestlig", "efterkommer_ikke_vestlig"]
Industry = Literal[
    "landbrug_skovbrug_fiskeri", "industri_raastof_forsyning", "bygge_anlaeg", "handel_transport", "information_kommunikation",
    "finansiering_forsikring", "ejendomshandel_udlejning", "erhvervsservice", "offentlig_undervisning_sundhed", "kultur_fritid_service",
]
Q2 = Literal["har_job", "inden_1_maaned", "inden_3_maaneder", "inden_6_maaneder", "over_6_maaneder", "orlov_efterloen_pension", "ved_ikke"]
Barrier = Literal["fysisk_helbred", "psykisk_helbred", "personlige_sociale", "oekonomi", "misbrug", "laese_skrive_regne", "it", "sprog", "andet"]
# JSON numbers as zod's z.number(): ints and floats, never strings or booleans.
Num = Union[StrictInt, StrictFloat]

BOUNDS = {
    "age": (15, 100, True),
    "experienceYears": (0, 60, False),
    "priorDagpengeHours": (0, 10_000, False),
    "earlierSpells": (0, 100, True),
    "previousIncome": (0, 100_000_000, False),
}


class Member(BaseModel, extra=Extra.forbid):
    age: Num
    gender: Optional[Gender] = None
    experienceYears: Num
    education: Optional[Education] = ...
    fromSicknessBenefit: StrictBool
    priorDagpengeHours: Num
    earlierSpells: Num
    municipality: Optional[constr(strict=True, regex=r"^\d{3}$")] = None
    region: Optional[Region] = None
    origin: Optional[Origin] = None
    discoCode: Optional[constr(strict=True, regex=r"^\d{1,6}$")] = ...
    industry: Optional[Industry] = ...
    dimittend: StrictBool
    previousIncome: Num
    childrenAtHome: StrictBool
    jobGoalWithinTradeAreas: Optional[StrictBool] = None

    @validator("age", "experienceYears", "priorDagpengeHours", "earlierSpells", "previousIncome")
    def in_bounds(cls, v, field):
        lo, hi, integer = BOUNDS[field.name]
        if integer and not float(v).is_integer():
            raise ValueError("must be an integer")
        if not (lo <= v <= hi):
            raise ValueError(f"must be between {lo} and {hi}")
        return v

    @validator("municipality")
    def known_municipality(cls, v):
        if v is not None and v not in MUNICIPALITIES:
            raise ValueError("is not a Danish municipality code")
        return v

    @root_validator(skip_on_failure=True)
    def region_or_municipality(cls, values):
        municipality, region = values.get("municipality"), values.get("region")
        if municipality is None and region is None:
            raise ValueError("give the region or the municipality")
        derived = MUNICIPALITIES.get(municipality) if municipality is not None else None
        if region is not None and derived is not None and derived != region:
            raise ValueError(f"does not match the municipality (which is in {derived})")
        return values


class Questionnaire(BaseModel, extra=Extra.forbid):
    q2JobExpectation: Q2
    q10HasBarriers: StrictBool
    q10Barriers: conlist(Barrier, max_items=9) = []

    @root_validator(skip_on_failure=True)
    def barriers(cls, values):
        b = values.get("q10Barriers", [])
        if not values.get("q10HasBarriers") and len(b) > 0:
            raise ValueError("must be empty when q10HasBarriers is false")
        if len(set(b)) != len(b):
            raise ValueError("lists a barrier twice")
        return values


class MemberInput(BaseModel, extra=Extra.forbid):
    member: Member
    questionnaire: Questionnaire


class ScoreRequest(BaseModel, extra=Extra.forbid):
    members: conlist(MemberInput, min_items=1, max_items=BATCH_LIMIT)


# ---- the model, from the artifact -------------------------------------------------------------------

COEF = {c["term"]: c["estimate"] for c in ARTIFACT["coefficients"]}
CUTOFF = ARTIFACT["cutoff"]["probability"]


class Unscorable(Exception):
    pass


def compile_feature(f):
    """A function (record -> contribution to the linear predictor) for one encoded feature."""
    spec = f["spec"]
    name, kind = spec["name"], spec["type"]
    column = spec.get("column", name)
    missing_term = f"{name}=(missing)"

    def missing():
        if f.get("missingTerm"):
            return COEF.get(missing_term, 0.0)
        raise Unscorable(f"{column}: is required by the model")

    if kind == "numeric":
        lo, hi, scale, t = spec.get("min"), spec.get("max"), spec["scale"], spec["transform"]

        def numeric(x):
            if lo is not None and x < lo:
                raise Unscorable(f"{x} is below the minimum {lo}")
            if hi is not None and x > hi:
                raise Unscorable(f"{x} is above the maximum {hi}")
            return x

        if t["kind"] == "bands":
            breaks, levels, reference = t["breaks"], f["levels"], f["reference"]

            def bands(r):
                v = r[column]
                if v is None:
                    return missing()
                v = numeric(v)
                band = 0
                while band < len(breaks) and v >= breaks[band]:
                    band += 1
                return 0.0 if levels[band] == reference else COEF[f"{name}={levels[band]}"]

            return bands
        beta = COEF[name]
        return lambda r: missing() if r[column] is None else beta * numeric(r[column]) / scale
    if kind == "categorical":
        levels, reference, prefix = set(f["levels"]), f["reference"], spec.get("prefix")

        def categorical(r):
            v = r[column]
            if v is None:
                return missing()
            if prefix is not None:
                v = v[:prefix]
            if v not in levels:
                raise Unscorable(f'level "{v}" did not occur in the training data, so the model has no estimate for it')
            return 0.0 if v == reference else COEF[f"{name}={v}"]

        return categorical
    if kind == "boolean":
        beta = COEF[name]
        return lambda r: missing() if r[column] is None else (beta if r[column] else 0.0)
    if kind == "multiselect":
        return lambda r: sum(COEF[f"{name}={o}"] for o in r[column])
    raise ValueError(f"feature type {kind} is not supported here")


FEATURES = [compile_feature(f) for f in ARTIFACT["encoding"]["features"]]
INTERCEPT = COEF["(Intercept)"]


def model_record(m: Member, q: Questionnaire):
    region = m.region if m.region is not None else (MUNICIPALITIES.get(m.municipality) if m.municipality is not None else None)
    return {
        "age": m.age, "experience_years": m.experienceYears, "education": m.education,
        "from_sickness_benefit": m.fromSicknessBenefit, "prior_dagpenge_hours": m.priorDagpengeHours,
        "earlier_spells": m.earlierSpells, "municipality": m.municipality, "region": region,
        "disco_code": m.discoCode, "industry": m.industry, "dimittend": m.dimittend,
        "previous_income": m.previousIncome, "children_at_home": m.childrenAtHome,
        "q2_job_expectation": q.q2JobExpectation, "q10_barriers": q.q10Barriers if q.q10HasBarriers else [],
    }


REFERRAL_RULES = [
    ("misbrug", "misbrug", None, "Alkohol- eller stofmisbrug (spørgsmål 10)"),
    ("psykisk_helbred", "psykisk_helbred", None, "Psykiske helbredsproblemer (spørgsmål 10)"),
    ("personlige_sociale_maalgruppe_2", "personlige_sociale", 2, "Personlige eller sociale forhold (spørgsmål 10) og målgruppe 2"),
]


def score(mi: MemberInput):
    r = model_record(mi.member, mi.questionnaire)
    lp = INTERCEPT
    for feature in FEATURES:
        lp += feature(r)
    p = 1.0 / (1.0 + math.exp(-lp))
    group = 2 if p >= CUTOFF else 1
    goal = mi.member.jobGoalWithinTradeAreas
    subgroup = ("2a" if goal else "2b") if group == 2 and goal is not None else None
    barriers = r["q10_barriers"]
    reasons = [{"rule": rule, "reason": text} for rule, barrier, tg, text in REFERRAL_RULES if barrier in barriers and (tg is None or tg == group)]
    return {
        "modelVersion": ARTIFACT["version"], "simulatedData": ARTIFACT["simulatedData"], "policyVersion": POLICY_VERSION,
        "probability": p, "linearPredictor": lp, "cutoff": CUTOFF, "targetGroup": group, "subgroup": subgroup,
        "jobCentreReferral": len(reasons) > 0, "referralReasons": reasons,
    }


# ---- the service ------------------------------------------------------------------------------------

app = FastAPI()


def problem(status: int, kind: str, detail: str, errors=None):
    body = {"type": f"urn:ledighedsprofil:problem:{kind}", "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError):
    errors = [{"field": ".".join(str(p) for p in e["loc"][1:]), "reason": e["msg"]} for e in exc.errors()]
    return problem(400, "validation-error", "invalid body", errors)


def authenticated(authorization: Optional[str]) -> bool:
    if authorization is None or not authorization.lower().startswith("bearer "):
        return False
    presented = hashlib.sha256(authorization[7:].strip().encode("utf-8")).digest()
    return hmac.compare_digest(presented, KEY_HASH)


@app.post("/v1/score")
async def score_route(body: ScoreRequest, explain: Literal["true", "false"] = Query("false"), authorization: Optional[str] = Header(None)):
    if not authenticated(authorization):
        return problem(401, "unauthenticated", "send an API key")
    if explain == "true":
        return problem(501, "not-implemented", "explain=true is not part of this comparison")
    results, errors = [], []
    for i, m in enumerate(body.members):
        try:
            results.append(score(m))
        except Unscorable as e:
            errors.append({"field": f"members.{i}", "reason": str(e)})
    if errors:
        return problem(422, "unscorable-member", f"model {ARTIFACT['version']} cannot score every member", errors)
    return JSONResponse({"results": results})
