#!/bin/sh
# Round 18 (research/power-vertical-15/): the unexplained gaps again, current holders first (seven researchers, by
# country and, for Kazakhstan and Kyrgyzstan, regions apart from national offices; their gap lists in gaps/), and
# non-copy pages for the facts sourced only by Wikipedia copies (copy-only.yaml). Converted by tools/research_batch.py
# and reviewed row by row by research/power-vertical-15/review.py, which says what was changed and why:
# start-only tenures whose end is unknown while later holders are attested became attestations of the appointment
# day (Abdykalikova in Kyzylorda 2020-03-28, Shukeyev at Samruk-Kazyna 2011-12-26); Abdygulov's second term at the
# Kyrgyz National Bank (from 2017-12-21, the converter first took it for the first term) ends in 2021 (resignation
# reported 2021-09-28, Bokontaev in office by 2021-11-29); left out: attestations whose year the page does not print
# (Alimbaev, Tentishev, Zhylkybaev, Zhetigenov in Kyrgyz regions; Shabdarbayev's "December 7"), attestations of a
# last day (Beg Sabur), Nuraliev's reckoned National Bank start, Umarov's "unofficial" appointment (Uzbekistan: no rows).
set -e
for c in copy-only kazakhstan-national kazakhstan-regions kyrgyzstan-national kyrgyzstan-regions tajikistan turkmenistan; do
  succession apply -q "research/batches/2026-12-06-vertical15-$c.yaml"
done
