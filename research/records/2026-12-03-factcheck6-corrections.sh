#!/bin/sh
# 2026-12-03: what the round-6 fact-check (research/power-vertical-6/factcheck6-*.yaml) found, recorded
# through the CLI. Two acting appointments had been recorded as full ones; dates the checker found on other
# pages are added beside the recorded ones where they disagree.
set -e
S=succession
# Khayrulla Bozorov was acting hokim of Fergana from September 2020 and confirmed on 5 February 2021
# (president.uz biography; Kun.uz 2021-02-19); Darakchi dates the acting appointment to 25 September 2020.
$S correct "Khayrulla Bozorov" "Hokim of Fergana Region" --set acting=true \
  --reason "acting hokim from September 2020; confirmed in the post on 5 February 2021" \
  --source https://president.uz/en/lists/view/4139 --source-title "Khayrulla Bozorov" --publisher "President of the Republic of Uzbekistan"
$S correct "Khayrulla Bozorov" "Hokim of Fergana Region" --set end=2021-02-05 \
  --reason "confirmed as hokim (no longer acting) on 5 February 2021" \
  --source https://beta.kun.uz/kr/news/2021/02/19/bozorov-aytilgan-ishni-muhokama-qilmay-bajarardi-prezident --publisher Kun.uz
$S appoint "Khayrulla Bozorov" "Hokim of Fergana Region" --date 2021-02-05 --mode appointment \
  --source https://president.uz/en/lists/view/4139 --source-title "Khayrulla Bozorov" --publisher "President of the Republic of Uzbekistan"
$S add-alt-date https://w3id.org/succession-kb/id/tenure/hokim-of-fergana-region/khayrulla-bozorov/2020-09-28 \
  --field start --date 2020-09-25 --note "Darakchi: acting hokim since 25 September 2020 (the regional council session was set for that day); Kun.uz reported the decree on 28 September" \
  --source https://darakchi.uz/ru/112953 --publisher Darakchi
# Akmaljon Mahmudaliyev was appointed ACTING hokim of Syrdarya on 26 November 2022 (the cited Repost.uz page);
# no page dates a later confirmation, so the tenure stays one acting tenure.
$S correct "Akmaljon Mahmudaliyev" "Hokim of Syrdarya Region" --set acting=true \
  --reason "appointed acting hokim ('исполняющим обязанности') on 26 November 2022; no later confirmation found" \
  --source https://sandbox.repost.uz/maxmudaliev-v-dele --publisher Repost.uz
# Nurlan Urankhayev headed Abai Region from 11 June 2022 (Steppe); Politprosvet (posted 20 February 2025) says he
# was dismissed "last week", before the maslikhat session of 24 February that appointed Berik Uali.
$S correct "Nurlan Urankhayev" "Akim of Abai Region" --set start=2022-06-11 --reason "read to the day" \
  --source https://steppe-region.com/newtalk/item/149684-uranhaev-bolshe-ne-akim-oblasti-abay --publisher Steppe
$S add-alt-date https://w3id.org/succession-kb/id/tenure/akim-of-abai-region/nurlan-urankhayev/2022-06 \
  --field end --date 2025-02 --note "Politprosvet, posted 20 February 2025: dismissed the week before (10-16 February 2025); the recorded end is the day his successor was appointed" \
  --source "https://czhr.kz/post/нурлан-уранхаев-на-посту-акима-области-абай-итоги-работы" --publisher "Politprosvet (czhr.kz)"
# Felix Kulov: RFE/RL says he became minister of national security in 1996; the record's 1997 follows his
# governorship of Chui to April 1997.
$S add-alt-date https://w3id.org/succession-kb/id/tenure/chairman-of-the-state-committee-for-national-security-of-kyrgyzstan/felix-kulov/1997 \
  --field start --date 1996 --note "RFE/RL: minister of national security from 1996" \
  --source https://www.rferl.org/a/1091177.html --publisher RFE/RL
# Nazarbayev chaired the Security Council as president before the 2018 law made him chairman for life (RBC,
# 2018-07-12); an RFE/RL photo caption shows him chairing a session on 23 January 2018. No start is dated.
$S attest "Chairman of the Security Council of Kazakhstan" --holder "Nursultan Nazarbayev" --on 2018-01-23 \
  --note "RFE/RL photo caption: President Nazarbayev holds a session of the Security Council, Astana, 23 January 2018; before the law of July 2018 the president chaired the council ex officio (RBC via 5hotnews, 2018-07-12)" \
  --source https://drvpu8u8hwoyd.cloudfront.net/amp/kazakhstan-zakonoproekt-sovet-bezopasnosti/29254267.html \
  --source-title "Вся власть — Совбезу с пожизненным председателем? (proxy copy of https://rus.azattyq.org/a/kazakhstan-zakonoproekt-sovet-bezopasnosti/29254267.html)" \
  --publisher "RFE/RL Kazakh Service (Azattyq)"
# The fact-check of round 6's own additions (power-vertical-6/factcheck7-round6.yaml) found Shamil Atakhanov's
# start 2012-10 probably a month early (committee approval on 6 November 2012); the record keeps 2012-10, the month
# his predecessor resigned, with 2012-11 beside it as an alternative date: moving the start alone would leave a
# vacancy between the two that a single succession event cannot express.
