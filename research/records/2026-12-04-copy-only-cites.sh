#!/bin/sh
# Facts cited only by copies of Wikipedia: a researcher looked for a page that is not a copy for the 33
# tenures, relations, rules and editions among them (research/power-vertical-11/copy-only-cites.yaml, 61
# look-ups) and found one for 20. Cited here: the 18 whose page states the fact (6 in full, 12 in part: the
# office held, with the year, the month or one end); left out: two pages that name the person without the
# office in question. Mahkamov's first secretaryship starts in 1986 by the Khovar obituary, beside the
# recorded 1985-12-14: both kept.
set -e
succession apply -q research/batches/2026-12-04-copy-only-cites.yaml
