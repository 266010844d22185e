#!/bin/sh
# Research round 10 (research/power-vertical-10/), converted by tools/research_batch.py and reviewed:
# Tajikistan: Rasulzoda's Sughd tenure split into acting (from 2006-12-02) and full (from 2007) as the page says;
# Uzbekistan: the verification of Husenov on 2011-12-22 dropped (his successor's start is known only to the year).
set -e
for p in tajikistan kyrgyzstan uzbekistan kazakhstan turkmenistan; do
  succession apply -q research/batches/2026-12-03-vertical10-$p.yaml
done
# Turkmenistan: the attestation of 2006-12-23 dropped (the day was worked out from a weekday, not printed).
