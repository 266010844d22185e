#!/usr/bin/env bash
# The 2022 Eurasianet prediction behind the mission statement, as reported by Asia-Plus (2022-01-04).
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/succession add-claim "Rustam Emomali" "President of Tajikistan" \
  --statement "Eurasianet's predictions for 2022: a dynastic succession could soon take place in Tajikistan; some believe Emomali Rahmon would already have handed power to his son Rustam Emomali had COVID-19 and the fall of Kabul not intervened" \
  --claimant "Eurasianet" --date 2022-01-04 --stage rumoured --confidence 0.5 \
  --source "https://www.asiaplustj.info/en/news/tajikistan/politics/20220104/eurasianet-offers-its-informed-predictions-for-tajikistan-for-2022" \
  --source-title "Eurasianet offers its informed predictions for Tajikistan for 2022" --publisher "Asia-Plus" --published 2022-01-04
