#!/bin/sh
# The Mejlis was provided for by the Constitution of 18 May 1992; before it, no Mejlis (and no chairman of it)
# existed. The coverage fix of 2026-12-03 (a recorded gap explains only its own days) showed this as a gap.
set -e
succession add-gap "Chairman of the Mejlis of Turkmenistan" --from 1991-01-01 --to 1992-05-18 \
  --reason "No Mejlis yet: the Constitution of Turkmenistan adopted on 18 May 1992 provided for the Mejlis; until then the parliament was the Supreme Soviet elected in 1990." \
  --source "http://www.wipo.int/wipolex/en/details.jsp?id=11374"
succession cite "https://w3id.org/succession-kb/id/gap/chairman-of-the-mejlis/1991-01-01" --source "https://ihl-databases.icrc.org/applic/ihl/ihl-nat.nsf/0/D9E58AFB0C841166C1256FFD0034016C"
