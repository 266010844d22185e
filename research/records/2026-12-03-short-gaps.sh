#!/bin/sh
# 2026-12-03: short gaps between two dated acts recorded as explained (see the batch header).
set -e
succession apply research/batches/2026-12-03-short-gaps.yaml
