#!/bin/sh
# Round 16 (research/power-vertical-13/): the unexplained gaps again, five researchers (one per country),
# 261 look-ups. Converted by tools/research_batch.py (which now also reads an `attestations:` list),
# reviewed row by row. Left out on review: Altynbek Kalpaev as governor of Batken 2020-10-06..08 (he took
# the post in the October 2020 unrest; no act appointed him, as with Artykov in Osh in 2005); Nurbek
# Jenish's acting chairmanship of the Kyrgyz National Bank (the recorded vacancy 2017-12-13..21 already
# says he performed the duties); an alternative start 2017-12-21 for Abdygulov's 2014 tenure (it is a
# second tenure, whose end no page gave); Bakytbek Narbekov's Talas governorship as an open tenure (no
# page says he still holds it; attested on his first day instead); Oybek Tursunov's attestation as first
# deputy head of the Uzbek Presidential Administration (Vlast.guru says he had worked there earlier);
# the abolition of the Uzbek information agency in "July 2025" (only an approximate month).
set -e
for c in kazakhstan kyrgyzstan tajikistan turkmenistan uzbekistan; do
  succession apply -q "research/batches/2026-12-06-vertical13-$c.yaml"
done
# The converter cited only the best-ranked page on an attestation or a check (verify) and dropped the other
# pages the researcher read for it; it now cites them all. The pages dropped in rounds 6-16 were recovered by
# converting every hand-off in research/power-vertical*/ again and keeping only the `cite` rows whose target
# attestation or check is recorded, does not already cite that page, and (for a check) names the same holders.
succession apply -q research/batches/2026-12-06-attestation-cites.yaml
