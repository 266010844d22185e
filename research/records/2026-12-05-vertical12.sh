#!/bin/sh
# Round 15 (research/power-vertical-12/): the unexplained gaps again, seven researchers (Kazakh regions,
# Kazakh national offices, Kyrgyz regions and cities, Kyrgyz national offices, Tajikistan, Turkmenistan,
# Uzbekistan), 366 look-ups. Converted by tools/research_batch.py, reviewed row by row. Left out on review:
# Anvar Artykov as governor of Osh region on 2005-03-23 (IRIN puts "governor" in quotes: protesters had
# chosen him; no act appointed him, so he is not a holder of the office). Uzbekistan: nothing to enter.
set -e
for c in kg-gov kg-nat kz-gov kz-nat tj tm; do
  succession apply -q "research/batches/2026-12-05-vertical12-$c.yaml"
done
# Tajikistan's foreign ministry: the end of Rashid Alimov's term came from a copy of German Wikipedia (1995);
# Asia-Plus gives the day (27 December 1994, UN representative from the 28th) and Khovar's biography of his
# successor starts Talbak Nazarov's term in 1994. The copy's year stays in the correction record.
succession correct "Rashid Alimov" "Minister of Foreign Affairs of Tajikistan" --set end=1994-12-27 \
  --reason "the year 1995 came from a copy of German Wikipedia; Asia-Plus gives the day his term ended (27 December 1994, UN representative from the 28th), and Khovar's biography of his successor Talbak Nazarov starts Nazarov's term in 1994" \
  --source https://old.asiaplustj.info/en/node/211433
succession add-tenure "https://w3id.org/succession-kb/id/person/talbak-nazarov" "Minister of Foreign Affairs of Tajikistan" --start 1994 \
  --end 2006 --mode appointment --exit-reason other \
  --source "https://khovar.tj/2018/03/insoni-nak-kor-chand-hotirai-k-to-az-akademik-talbak-nazarov" \
  --source-title "ИНСОНИ НАКӮКОР. Чанд хотираи кӯтоҳ аз академик Талбак Назаров" --publisher "Khovar" --published 2018-03-15
succession cite "https://w3id.org/succession-kb/id/tenure/minister-of-foreign-affairs-of-tajikistan/talbak-nazarov/1994" \
  --source "https://wikileaks.jcvignoli.com/cable_06DUSHANBE798/?hl=" \
  --source-title "TAJIK FM SAYS NDI DETENTION AN ISSUE FOR KAZAKHSTAN, NOT US (US Embassy Dushanbe cable 06DUSHANBE798)" \
  --publisher "US Embassy Dushanbe (WikiLeaks mirror)" --published 2006-04-28
