#!/bin/sh
# Research round 9 (research/power-vertical-9/), converted by tools/research_batch.py; batches reviewed
# (the Sutalinov tenure of the Kyrgyz batch became an attestation: its start conflicts with a recorded end).
set -e
for p in kazakhstan-national kazakhstan-regional kyrgyzstan-national kyrgyzstan-regional tajikistan turkmenistan uzbekistan revealed; do
  succession apply -q research/batches/2026-12-03-vertical9-$p.yaml
done
# (revealed: the Mejlis gap it also found was already recorded by 2026-12-03-mejlis-before-1992.sh and is dropped)
