#!/bin/sh
# The converter used to drop the legal basis researchers read for a tenure (it now passes it to add-tenure as
# --legal-basis). 123 hand-off tenures recorded without one have a legal basis in their hand-off; many of those
# texts describe how the tenure ENDED (a release decree), not how it began, so only the 39 whose text names the
# appointment (a decree or vote dated on the tenure's start, an approval, an election, a nomination) are
# recorded here, each with the tenure's first source. The other 84 stay in the hand-offs' notes.
set -e
succession apply -q research/batches/2026-12-04-legal-bases.yaml
