#!/bin/sh
# This year's events, round 12 (research/events-2026b/): five researchers, one per republic, 384 look-ups.
# The stored news corpus ends in March 2026 for Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan and in
# early July 2026 for Kazakhstan: every later question is marked NOT FOUND in the hand-offs (not "nothing
# happened"). Reviewed: the Kyrgyz deputy chairmanship of the cabinet is recorded as a three-seat post whose
# other holders are not tracked (three deputy chairmen in October 2021, the number not fixed); the Turkmen
# prosecutor-general hand-over is read to the day (16 January; the year from the session on the results of
# 2023): correcting Malikgulyyev's end moves Muhammedov's start with it, as the hand-over links them.
set -e
for c in kazakhstan kyrgyzstan tajikistan turkmenistan uzbekistan; do
  succession apply -q research/batches/2026-12-04-events2026b-$c.yaml
done
