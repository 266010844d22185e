#!/bin/sh
# Research bookkeeping out of the notes users read (source ids, round numbers, hand-off file names, "the
# brief", doubled publisher names), found by the black-box review of 2026-12-03. The batch was written by
# `python tools/unbook_notes.py research/batches/2026-12-03-unbook-notes.yaml` and hand-edited in six places
# where removing an id left a sentence without its subject; every old wording stays as a correction.
set -e
succession apply -q research/batches/2026-12-03-unbook-notes.yaml
