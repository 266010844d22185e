#!/bin/sh
# Hakim of Ashgabat: on 2026-12-03 Durdylyýew's end was corrected to February 2020 (he became deputy prime
# minister), and the hand-over rule moved Rahym Gandymow's start with it, from 2021-06-09 to 2020-02. No page
# gave Gandymow that start; a state-media repost of 2020-06-10 names Ý. Gylyjow as hakim ("Aşgabat şäheriniň
# häkimi Ý.Gylyjowyň"), an alias already recorded for Yaztagan Gylyjow. Gandymow's start goes back to
# 2021-06-09 by itself (not a hand-over), and Gylyjow is attested in office on 2020-06-10.
set -e
succession correct "Rahym Gandymow" "Hakim of Ashgabat" --set start=2021-06-09 --not-a-hand-over \
  --reason "the start had been moved with the predecessor's corrected end; someone else was hakim in between" \
  --source https://hmong.in.th/wiki/Askhabad --source-title "Ashgabat (Thai Wikipedia copy)"
succession attest "Hakim of Ashgabat" --holder "Yaztagan Gylyjow" --on 2020-06-10 \
  --note "NewAshgabat (state-media repost, address dated 2020/06/10): a working meeting at Ashgabat airport 'Ministrler Kabinetiniň Başlygynyň orunbasary Ş.Durdylyýewiň hem-de Aşgabat şäheriniň häkimi Ý.Gylyjowyň gatnaşmagynda'" \
  --source "http://newashgabat.com/2020/06/10/turkmenistanyn-prezidentinin-lebap-welayatyna-is-sapary-baslandy/?lang=tm" \
  --source-title "Türkmenistanyň Prezidentiniň Lebap welaýatyna iş sapary başlandy" --publisher "NewAshgabat"
