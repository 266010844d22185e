#!/bin/sh
# 2026-12-03: the fact-check of round 7 (research/power-vertical-7/factcheck8-round7.yaml) found Akylbek Japarov's
# corrected start as head of the Kyrgyz Presidential Administration (2021-10-13) right, but not on the page the
# correction cites (bulak.kg reports his acting appointment of the 12th); two pages that give the 13th are cited
# (addresses as the checker read them; titles not recorded).
set -e
T=https://w3id.org/succession-kb/id/tenure/head-of-the-presidential-administration-of-kyrgyzstan/akylbek-japarov/2021-10
succession cite "$T" --publisher Kloop --published 2021-10-13 \
  --source "https://kloop.kg/blog/2021/10/13/zhogorku-kenesh-utverdil-novyj-sostav-kabmina/?utm_source=rss&utm_medium=rss&utm_campaign=zhogorku-kenesh-utverdil-novyj-sostav-kabmina"
succession cite "$T" --publisher Politik.uz --source https://politik.uz/novosti/v-kyrgyzstane-uvolilsya-glava-pravitelstva
