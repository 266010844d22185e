#!/bin/sh
# Mirziyoyev's younger daughter had been recorded twice (Shahnoza / Shakhnoza Mirziyoyeva: two spellings,
# both child of Shavkat Mirziyoyev and spouse of Otabek Umarov); the RFE/RL reprint both records cite names
# one daughter Shahnoza, married to Otabek Umarov. Found by the black-box review of 2026-12-03.
set -e
succession merge-person "Shahnoza Mirziyoyeva" "Shakhnoza Mirziyoyeva" \
  --reason "one person recorded twice under two spellings: both records are the president's younger daughter, married to Otabek Umarov" \
  --source "https://americanmilitarynews.com/2023/07/its-great-to-be-us-nepotism-runs-deep-within-uzbekistans-powerful-and-wealthy-ruling-family/"
