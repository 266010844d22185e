#!/bin/sh
# Round 17 (research/power-vertical-14/): the unexplained gaps again (seven researchers, by country and, for
# Kazakhstan and Kyrgyzstan, regions apart from national offices) and a currency check of every office last
# confirmed before June 2026 (currency.yaml). Converted by tools/research_batch.py, reviewed row by row.
# Left out on review: Timur Ishmetov's attestation as Uzbek central-bank chairman on "24 October" (the page
# prints no year); Tashtemir Aitbaev's attestation on 2006-05-10 (the day he was removed, not a day he is
# shown in office); the alternative end 2004-07-10 of Imantayev in Aktobe (year not printed); a gap for the
# akim of Astana 1991-1997 (the only page, a Wikipedia copy, contradicts itself: "established in 1997" and
# "formation: 1992"); in Kyrgyz regions, attestations on the day a governor was released (Murataliev in Talas on
# 2008-01-11, Abdyldaev in Issyk-Kul on 2011-08-04) and one whose year the page does not print (Abdraimov, Chüy);
# Qodir Qosim on the day he was dismissed in GBAO (2013-11-19) and Ashir Atayev on his last day as Turkmen
# interior minister (2004-08-13); "Ý. Gylyjow" as hakim of Ashgabat on 2020-06-10 (that he is Yaztagan Gylyjow is
# a guess from an initial); a check of Afzal in Khatlon on 2006-12-04 (his year-precise start overlaps Miraliyev's
# end); in Uzbekistan Mirzayev's Kashkadarya start "2019" and Usmanov's Tashkent-region start "2013" (both
# reckoned from "a year after" / "three years", not read) and a vacancy of the first deputy PM 2016-12..2019-01-28
# (no page says the post was vacant, only that a combined post was created in 2019).
set -e
for c in currency kyrgyzstan-national kazakhstan-regions kazakhstan-national kyrgyzstan-regions tajikistan turkmenistan \
    uzbekistan; do
  succession apply -q "research/batches/2026-12-06-vertical14-$c.yaml"
done
