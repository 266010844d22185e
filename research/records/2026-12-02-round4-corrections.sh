#!/usr/bin/env bash
# Round 4 (gaps): facts about offices already in kb/ that the converter does not update (it never
# overwrites an existing office), entered with the CLI's own edit command.
set -euo pipefail
S="${SUCCESSION:-.venv/bin/succession}"
# Turkistan Region was created on 2018-06-19 (South Kazakhstan Region renamed, Shymkent made a city of
# republican significance): its akimat has no holder before then to find.
$S correct-office https://w3id.org/succession-kb/id/office/akim-of-turkistan-region --set established=2018-06-19 \
  --reason "region created on 2018-06-19" \
  --source 'https://en.inform.kz/amp/pm-says-a-lot-of-work-ahead-for-turkestan-region-governor-shymkent-mayor_a3300693/' \
  --source-title 'PM says a lot of work ahead for Turkestan region governor, Shymkent mayor' --publisher Kazinform --published 2018-06-26
