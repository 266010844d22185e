#!/usr/bin/env bash
# Turkmenistan, 13 February 2026: the extended cabinet meeting on the 2025 results replaced the health
# minister (Myrat Mammedov retired; his start is not known, so his tenure is not recorded).
# Read on Orient (Ashgabat) and Fergana (Italian edition); the year is Orient's "to discuss the 2025 results".
set -euo pipefail
S="${SUCCESSION:-.venv/bin/python cli.py}"
ORIENT=https://www.orient.tm/en/post/95824/president-turkmenistan-has-made-major-cabinet-changes
OT="President of Turkmenistan has made major Cabinet changes"
FERGANA=https://it.fergana.ru/news/145868
$S add-person "Myratberdi Gayypov" --alias "Myratberdi Gaipov" --alias "Myratberdi Gayipov" \
  --source "$ORIENT" --source-title "$OT" --publisher Orient --published 2026-02-13
$S appoint "Myratberdi Gayypov" "Minister of Health and Medical Industry of Turkmenistan" --date 2026-02-13 \
  --mode appointment --legal-basis "presidential decree of 2026-02-13" \
  --source "$ORIENT" --source-title "$OT" --publisher Orient --published 2026-02-13
$S cite https://w3id.org/succession-kb/id/tenure/minister-of-health-of-turkmenistan/myratberdi-gayypov/2026-02-13 --source "$FERGANA"
