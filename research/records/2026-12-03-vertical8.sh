#!/bin/sh
# 2026-12-03: round 8 of the power-vertical research (research/power-vertical-8/*.yaml): today's holders of the
# offices with none recorded. Four attestations; the Yusuf Rahmon row's note was rewritten by the reviewer to
# state that he is taken to be the former prosecutor-general (same name and timing; no page says so).
set -e
for part in kazakhstan-kyrgyzstan tajikistan-turkmenistan-uzbekistan; do
  succession apply research/batches/2026-12-03-vertical8-$part.yaml
done
