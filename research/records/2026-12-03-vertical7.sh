#!/bin/sh
# 2026-12-03: round 7 of the power-vertical research (research/power-vertical-7/*.yaml, converted by
# tools/research_batch.py; what was left out and why is in each .log beside the batch).
set -e
for part in tajikistan kyrgyzstan kazakhstan-national kazakhstan-regional turkmenistan uzbekistan; do
  succession apply research/batches/2026-12-03-vertical7-$part.yaml
done
