#!/bin/sh
# Fact-check 9 (research/power-vertical-9/factcheck9-vertical-b.yaml) found one wrong field: the end of
# Shamuhammet Durdylyýew as hakim of Ashgabat had been taken from his successor's start (2021-06-09); pages
# show him appointed deputy prime minister as "ex-hakim of Ashgabat" at the cabinet session on the results
# of 2019 (February 2020), and reprimanded as deputy prime minister on 22 May 2020.
set -e
succession correct "Shamuhammet Durdylyýew" "Hakim of Ashgabat" --set end=2020-02 \
  --reason "the end had been taken from the successor's start; the reshuffle of February 2020 made him deputy prime minister" \
  --source "https://turkmenistannewsgazette.com/berdymukhammedov-makes-large-scale-government-reshuffle/" \
  --source-title "Berdymukhammedov makes large-scale government reshuffle" --publisher "Turkmenistan News Gazette"
succession correct "Shamuhammet Durdylyýew" "Hakim of Ashgabat" --set exit-reason=appointed-elsewhere \
  --reason "he left to become deputy prime minister" \
  --source "https://turkmenistannewsgazette.com/berdymukhammedov-makes-large-scale-government-reshuffle/" \
  --source-title "Berdymukhammedov makes large-scale government reshuffle" --publisher "Turkmenistan News Gazette"
succession correct "Shamuhammet Durdylyýew" "Hakim of Ashgabat" --set "note=Moved from deputy chairman of the Cabinet of Ministers (head of the presidential apparatus) to hakim of Ashgabat at the expanded cabinet session on the results of 2016 (reported 2017-01-14); appointed deputy chairman of the Cabinet of Ministers as former hakim of Ashgabat at the session on the results of 2019 (February 2020). Who held the post from then until Rahym Gandymow (2021-06-09) was not found." \
  --reason "the note said the end was the successor's start" \
  --source "https://turkmenistannewsgazette.com/berdymukhammedov-makes-large-scale-government-reshuffle/" \
  --source-title "Berdymukhammedov makes large-scale government reshuffle" --publisher "Turkmenistan News Gazette"
succession cite "https://w3id.org/succession-kb/id/tenure/hakim-of-ashgabat/shamuhammet-durdylyyew/2017-01" \
  --source "https://lite.mir24.tv/news/16397046/berdymuhamedov-sozdal-ministerstvo-promyshlennosti-i-stroitelnogo-proizvodstva" \
  --source-title "Бердымухамедов создал министерство промышленности и строительного производства" --publisher "Mir 24"
succession attest "Deputy Chairman of the Cabinet of Ministers of Turkmenistan" --holder "Shamuhammet Durdylyýew" --on 2020-05-22 \
  --note "reprimanded as deputy prime minister for shortcomings at construction sites in Ashgabat" \
  --source "https://turkmenistannewsgazette.com/deputy-prime-minister-durdylyev-receives-a-severe-reprimand-for-shortcomings-at-construction-sites-in-ashgabat/" \
  --source-title "Deputy Prime Minister Durdylyev receives a severe reprimand for shortcomings at construction sites in Ashgabat" --publisher "Turkmenistan News Gazette"
# the note keeps what the earlier note also said
succession correct "Shamuhammet Durdylyýew" "Hakim of Ashgabat" --set "note=Moved from deputy chairman of the Cabinet of Ministers (head of the presidential apparatus) to hakim of Ashgabat at the expanded cabinet session on the results of 2016 (reported 2017-01-14); appointed deputy chairman of the Cabinet of Ministers as former hakim of Ashgabat at the session on the results of 2019 (February 2020). Who held the post from then until Rahym Gandymow (2021-06-09) was not found. He had been mayor earlier as well (called 'a former mayor' in Feb 2016, Trend; dates not found). Later hakim of the new city of Arkadag (EADaily)." \
  --reason "the earlier note's other facts kept" \
  --source "https://turkmenistannewsgazette.com/berdymukhammedov-makes-large-scale-government-reshuffle/" \
  --source-title "Berdymukhammedov makes large-scale government reshuffle" --publisher "Turkmenistan News Gazette"
