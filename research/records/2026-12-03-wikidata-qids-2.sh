#!/bin/sh
# 2026-12-03: Wikidata ids from the round-7 QID search (see the batch header).
set -e
succession apply research/batches/2026-12-03-wikidata-qids-2.yaml
