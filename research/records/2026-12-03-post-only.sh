#!/bin/sh
# 2026-12-03: 48 offices recorded only for their holders' careers (a relative of a head of state, a seat in a
# chamber, an embassy, a deputy post, a state company) become post-only: their other holders are not tracked,
# so `coverage` lists their gaps as "not tracked" and `--strict` passes them. Each cites the page the post was
# first recorded from. Three offices get the kind they are: the hakim of Ahal (a governor) and the heads of the
# Tajik executive office and the Uzbek presidential administration (administration heads).
set -e
succession apply research/batches/2026-12-03-post-only.yaml
