#!/bin/sh
# Corrections found by the second power-vertical research round (research/power-vertical-2/), recorded
# through the CLI with the page that gives the more precise or the right value (old values kept as corrections).
set -e
S=${SUCCESSION:-succession}
# Massimov headed the Presidential Administration from 24 Sep 2012 (official embassy page) to 2 Apr 2014, when he
# returned as prime minister (the kb had years only).
$S correct "Karim Massimov" "Head of the Presidential Administration of Kazakhstan" --set start=2012-09-24 \
  --reason "the year only was recorded; the decree is dated 24 September 2012" \
  --source http://kazembassythailand.org/news/nazarbayev-appoints-massimov-head-his-administration/ \
  --source-title "Nazarbayev appoints Massimov head of his administration" \
  --publisher "Embassy of Kazakhstan in Thailand" --published 2012-09-24
$S correct "Karim Massimov" "Head of the Presidential Administration of Kazakhstan" --start 2012-09-24 --set end=2014-04-02 \
  --reason "the year only was recorded; he left on his reappointment as prime minister on 2 April 2014" \
  --source http://tradebridgeconsultants.com/news/reshuffles/karim-massimov-returns-as-prime-minister/ \
  --source-title "Karim Massimov returns as Prime Minister" --publisher "Tradebridge Consultants" --published 2014-04
