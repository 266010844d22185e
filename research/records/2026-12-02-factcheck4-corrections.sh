#!/usr/bin/env bash
# Round-4 fact-check (research/power-vertical-4/factcheck4-result.yaml): Mirzoazim Nasimov was acting head of
# the Communist Party of Tajikistan only until its extraordinary 18th congress elected Miroj Abdulloyev on
# 2017-04-22 (Asia-Plus 2017-04-25; News.tj). Abdulloyev's tenure is not recorded: the latest page naming
# him leader is from 2020, and an open tenure would claim he leads the party today.
set -euo pipefail
S="${SUCCESSION:-.venv/bin/python cli.py}"
T="first-secretary-of-the-communist-party-of-tajikistan"
SRC=(--source http://www.asiaplus.tj/ru/node/239047 --publisher Asia-Plus --published 2017-04-25
     --source-title "A new leader of the Communist Party of Tajikistan has been elected")
WHY="acting head only until the 18th congress elected Miroj Abdulloyev on 2017-04-22"
$S correct "Mirzoazim Nasimov" "$T" --set end=2017-04-22 --reason "$WHY" "${SRC[@]}"
$S correct "Mirzoazim Nasimov" "$T" --set exit-reason=succeeded --reason "$WHY" "${SRC[@]}"
