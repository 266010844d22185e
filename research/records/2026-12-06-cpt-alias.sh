#!/bin/sh
# Fact-check 18: since 1991 the pages call the head of the Communist Party of Tajikistan its "leader" (the office's
# label is the Soviet-era title, First Secretary).
set -e
succession add-office "First Secretary of the Communist Party of Tajikistan" --kind other --country Tajikistan \
  --alias "Leader of the Communist Party of Tajikistan" --alias "Tajik Communist leader" \
  --source https://tajikistannewsgazette.com/tajik-communists-nominate-their-leader-to-run-for-president/ \
  --source-title "Tajik Communists nominate their leader to run for president" --publisher "Tajikistan News Gazette"
