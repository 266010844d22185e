#!/bin/sh
# Round 13 (research/power-vertical-11/): the unexplained gaps of the power vertical, one researcher per
# republic. Most pages found show a holder on a day without both ends of the tenure: those enter as
# attestations (`attest`), never as made-up tenures. Reviewed: Kholiqzoda's National Bank chairmanship ends in
# 2024 (year only: "former Governor of the National Bank (2020-2024)", now First Deputy Prime Minister), which
# the page showing Tolibzoda in office on 2024-01-30 agrees with. Left out of the Turkmen batch: Orazov's deputy
# chairmanship of the cabinet "1999-2000" (its start is the researcher's reading of "then, until 2000").
set -e
for f in research/batches/2026-12-04-vertical11-*.yaml; do
  succession apply -q "$f"
done
succession end-tenure "Hokim Kholiqzoda" "Chairman of the National Bank of Tajikistan" --date 2024 --reason appointed-elsewhere \
  --source "https://www.beyondinvestmentsgroup.com/tajikistan-2025/hokim-kholiqzoda" \
  --source-title "Hokim Kholiqzoda - First Deputy Prime Minister of Tajikistan (The Investor Tajikistan 2025)" \
  --publisher "Beyond Investments Group"
