#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The shipped entity model is what the trainer makes of the open corpora today: retrains it
# (a few seconds, deterministic) and compares the two files byte for byte.  A change to the
# features, the gazetteers or the trainer that is not followed by retraining fails here.
#   check-ner-model.sh TRAINER CORPUS_DIR MODEL
set -eu
trainer=$1
corpus=$2
model=$3
if [ ! -d "$corpus" ]; then
  echo "skipped: $corpus is absent"
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$trainer" "$corpus" "$out" >/dev/null
if ! cmp -s "$model" "$out"; then
  echo "$model is not what dossier-ner-train makes of $corpus: retrain it (see README.md)" >&2
  exit 1
fi
