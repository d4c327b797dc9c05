#!/usr/bin/env bash
# Rebuilds the bundled default model, models/sim-2026.12-1.json, from the simulated cohort: the whole
# analyst path (simulate → label → train) with fixed seeds, so anyone can reproduce it. Takes about 20 s.
# The model is trained on SIMULATED data (training/SIMULATION.md): it shows how the system works and
# must not be used to sort real members.
#
# sim-2026.12-1 has the same data, seeds, specification and so the same coefficients, encoding and cut-off
# as sim-2026.11-1, which this recipe made before; it adds the training distribution of every input and of
# the score, so monitoring can show drift. sim-2026.11-1 stays in models/: screenings it made are explained
# with it.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli="node bin/ledighedsprofil.js"
$cli simulate --n 200000 --seed 20261123 --out "$work/spells.csv" --hours-out "$work/hours.csv"
$cli label --spells "$work/spells.csv" --hours "$work/hours.csv" --out "$work/labelled.csv" --summary-json "$work/label-summary.json"
$cli train --data "$work/labelled.csv" --spec training/default-spec.json \
  --split-column spell_start --split-at 2016-07-01 \
  --simulated --label-summary "$work/label-summary.json" \
  --model-version sim-2026.12-1 \
  --description "Default model of ledighedsprofil, trained on the SIMULATED cohort (training/SIMULATION.md, seed 20261123, 200,000 spells): for demonstration and testing only, not for real members. Gender and origin are left out of the model and kept for the fairness audit." \
  --out models/sim-2026.12-1.json --coef-csv models/sim-2026.12-1.coefficients.csv --quiet
