# Corrections found by the fact-check of the power-vertical sample (research/README.md), recorded through the CLI.
set -e
S=.venv/bin/succession
T=https://w3id.org/succession-kb/id/tenure
$S correct "Bakhytzhan Sagintayev" "First Deputy Prime Minister of Kazakhstan" --set start=2013-01-16 \
  --reason "Wikipedia gives 16 January 2013 to 8 September 2016; AGC News shows him first deputy PM in November 2013" \
  --source https://en.wikipedia.org/wiki/Bakhytjan_Sagintayev --source-title "Bakhytjan Sagintayev" --publisher Wikipedia
$S cite $T/first-deputy-prime-minister-of-kazakhstan/bakhytzhan-sagintayev/2014 \
  --source https://www.agcnews.eu/kakazkhstan-rimpasto/ --source-title "Rimpasto di governo in Kazakhstan" --publisher "AGC News" --published 2013-11-07
$S add-alt-date $T/akim-of-abai-region/nurlan-urankhayev/2022-06 --field end --date 2025-02 \
  --note "Politprosvet (20 February 2025) already calls him released 'last week'; 2025-02-24 is his successor's appointment" \
  --source "https://czhr.kz/post/нурлан-уранхаев-на-посту-акима-области-абай-итоги-работы" --publisher "Politprosvet.kz" --published 2025-02-20
# Second sample (research/power-vertical/factcheck2-*.yaml)
$S end-tenure "Erkin Turdimov" "Hokim of Syrdarya Region" --date 2025-12-04 --reason succeeded \
  --source https://uz.sputniknews.ru/20251204/erkinjon-turdimov-xokim-syrdarya-utverjdeniye-53945072.html --publisher "Sputnik Uzbekistan" --published 2025-12-04
$S appoint "Erkin Turdimov" "Hokim of Syrdarya Region" --date 2025-12-04 --mode appointment \
  --source https://uz.sputniknews.ru/20251204/erkinjon-turdimov-xokim-syrdarya-utverjdeniye-53945072.html --publisher "Sputnik Uzbekistan" --published 2025-12-04
$S add-alt-date $T/akim-of-east-kazakhstan-region/yermek-kosherbayev/2023-06 --field end --date 2025-02-14 \
  --note "bes.media: released on 14 February 2025 and made deputy prime minister" \
  --source https://bes.media./news/naznachen-noviy-akim-vostochno-kazahstanskoy-oblasti-7b51ac --publisher bes.media
$S end-tenure "Murat Nurtleu" "First Deputy Chairman of the National Security Committee of Kazakhstan" --date 2022 --reason appointed-elsewhere \
  --source https://24.kg/proisshestvija/342238_zaderjan_ministr_inostrannyih_del_kazahstana_murat_nurtleu/ --publisher 24.kg
