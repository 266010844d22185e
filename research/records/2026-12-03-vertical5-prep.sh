#!/bin/sh
# 2026-12-03, before the round-5 research batches: two corrections the round-5 researchers found.
set -e
S=succession
# Vladimir Norov was acting foreign minister of Uzbekistan until the Legislative Chamber approved him
# as minister on 2022-09-09 (Kabar); the acting tenure was recorded to the month only.
$S correct "Vladimir Norov" "Minister of Foreign Affairs of Uzbekistan" --start 2022-04 --set end=2022-09-09 \
  --reason "the Legislative Chamber approved his candidacy as minister on 9 September 2022; from then he was minister, not acting" \
  --source https://kabar.kg/news/vladimir-norov-utverzhden-ministrom-inostrannykh-del-uzbekistana \
  --source-title "Владимир Норов утвержден министром иностранных дел Узбекистана" --publisher Kabar --published 2022-09-09
# Kazakhstan has several deputy prime ministers at once: NUR.KZ (reprinted by Akparat Zamany) counts six
# under Prime Minister Smailov in September 2023, among them Zhumangarin and Duisenova, who kept the post
# when released from their ministries (Bestnews, 2023-09-06). (A first run set 2 from Bestnews alone; undone.)
$S correct-office "Deputy Prime Minister of Kazakhstan" --set seats=6 \
  --reason "Several deputy prime ministers serve at once: NUR.KZ counts six under Prime Minister Smailov in September 2023" \
  --source https://akparat-zamany.com/razdely/spetsproekty/item/170144-pochemu-u-neskolkih-vice-premerov-zabrali-dolzhnosti-ministrov-sprosili-zhamaubaeva \
  --source-title "Почему у нескольких вице-премьеров забрали должности министров, спросили Жамаубаева (reprint of a NUR.KZ report)" --publisher "Akparat Zamany (NUR.KZ)"
$S cite https://w3id.org/succession-kb/id/office/deputy-prime-minister-of-kazakhstan \
  --source https://bestnews.kz/vlast/15546-20230906-054142 \
  --source-title "Жамаубаев прокомментировал освобождение двух вице-премьеров от должностей министров" --publisher Bestnews --published 2023-09-06
