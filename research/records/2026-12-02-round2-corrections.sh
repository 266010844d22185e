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
# The fact-check of round 2 (research/power-vertical-2/factcheck3.yaml) found Rustam Azimov's end as First Deputy
# Prime Minister wrong: the decree of 15 December 2016 left him only the title of deputy prime minister.
$S correct "Rustam Azimov" "First Deputy Prime Minister of Uzbekistan" --set end=2016-12 \
  --reason "he lost the first-deputy status in the reshuffle of December 2016 (decree of 15 Dec 2016) and stayed an ordinary deputy prime minister until June 2017" \
  --source https://eurasianet.org/s/uzbekistan-azimov-loses-job-at-finance-ministry \
  --source-title "Uzbekistan: Azimov Loses Job at Finance Ministry" --publisher Eurasianet --published 2016-12
$S cite https://w3id.org/succession-kb/id/tenure/first-deputy-prime-minister-of-uzbekistan/rustam-azimov/2008-01-02 \
  --source https://www.riskadvisory.com/news/uzbekistan-president-shavkat-mirziyoyev-is-building-his-own-team/ \
  --source-title "Uzbekistan: President Shavkat Mirziyoyev is building his own team" --publisher "Risk Advisory"
