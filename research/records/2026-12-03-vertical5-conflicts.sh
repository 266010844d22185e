#!/bin/sh
# 2026-12-03: dates the round-5 researchers found that disagree with, or are more precise than, the record.
set -e
S=succession
T=https://w3id.org/succession-kb/id/tenure
# Saida Mirziyoyeva: presented as deputy director of the Agency for Information and Mass Communications on
# 2019-04-12 (Sputnik); the agency itself was created by decrees reported on 2019-02-05. The recorded start
# (2019-01) stays in use beside it.
$S add-alt-date $T/deputy-director-of-the-agency-for-information-and-mass-communications/saida-mirziyoyeva/2019-01 \
  --field start --date 2019-04-12 --note "presented to the agency's staff as deputy director on 12 April 2019" \
  --source https://ru.sputnik.kz/amp/20190412/saida-mirziyoeva-naznachenie-uzbekistan-9813495.html \
  --source-title "Saida Mirziyoyeva named deputy head of the Agency of Information and Mass Communications" \
  --publisher "Sputnik Kazakhstan" --published 2019-04-12
# Farrukh Tursunov, ambassador of Uzbekistan to Spain: "since December 2023" (Dunyo, reprinted by
# Yangiliklar24); the record starts him at his credentials in Madrid, 2024-04.
$S add-alt-date $T/ambassador-of-uzbekistan-to-spain/farrukh-tursunov/2024-04 \
  --field start --date 2023-12 --note "ambassador since December 2023, by the Dunyo news agency" \
  --source http://yangiliklar24.net/15106-zbekistonning-Andorradagi-birinchi-elchisi-taiyinlandi.html \
  --source-title "Ўзбекистоннинг Андоррадаги биринчи элчиси тайинланди" --publisher "Yangiliklar24 (Dunyo)"
# Rustam Akhmedov headed Uzbekistan's defence ministry until September 1997 (Sputnik's obituary): the
# recorded end, the year 1997, is made as precise as the page.
$S correct "Rustam Akhmedov" "Minister of Defence of Uzbekistan" --set end=1997-09 \
  --reason "Sputnik's obituary: he headed the ministry until September 1997" \
  --source https://uz.sputniknews.ru/20251013/ushel-iz-jizni-pervyy-ministr-oborony-uzbekistana--chto-o-nem-izvestno-52651991.html \
  --source-title "Ушел из жизни первый министр обороны Узбекистана — что о нем известно" --publisher "Sputnik Uzbekistan" --published 2025-10-13
# The round-5 fact-check: Menas Associates dates Marat Tazhin's return as Security Council secretary to 2006
# (the record, from Fergana, has 2005); both kept.
$S add-alt-date $T/secretary-of-the-security-council-of-kazakhstan/marat-tazhin/2005 \
  --field start --date 2006 --note "'In 2006 he was once again appointed as the secretary of the Security Council' (Menas Associates)" \
  --source https://www.menas.co.uk/blog/nazarbaev-recalls-grey-cardinal/ \
  --source-title "Kazakhstan: President Nazarbaev recalls his 'grey cardinal'" --publisher "Menas Associates (Caspian Focus)" --published 2017-01-25
