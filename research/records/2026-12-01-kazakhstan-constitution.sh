set -e
S=.venv/bin/succession
# 1. The new constitution: adopted by referendum on 2026-03-15, in force 2026-07-01; it replaces the 1995 text,
#    whose rules stop on that day.
$S add-edition "Constitution of Kazakhstan (2026)" --country Kazakhstan --kind constitution \
  --adopted 2026-03-15 --in-force 2026-07-01 --replaces "Constitution of Kazakhstan (1995)" \
  --source https://astanatimes.com/2026/02/draft-constitution-sets-july-1-entry-into-force-if-approved/ \
  --source-title "Draft Constitution Sets July 1 Entry Into Force If Approved" --publisher "The Astana Times" --published 2026-02-12
$S cite https://w3id.org/succession-kb/id/edition/constitution-of-kazakhstan-2026 \
  --source https://caspianpost.com/kazakhstan/kazakh-citizens-overwhelmingly-approve-new-constitution \
  --source-title "Kazakh citizens overwhelmingly approve new constitution" --publisher "Caspian Post"
# 2. The unicameral Kurultai replaces the Senate and the Mazhilis on 2026-07-01.
$S add-office "Chairman of the Kurultai of Kazakhstan" --kind chamber-chair --country Kazakhstan \
  --body "Kurultai of Kazakhstan" --established 2026-07-01 --replaces "Chairman of the Senate of Kazakhstan" \
  --alias "Chair of the Qurultay" --alias "Speaker of the Kurultai" --alias "Kurultai chairman" \
  --alias "Председатель Курултая" --alias "Құрылтай Төрағасы" \
  --source https://gazeta.kg/en/world/169232-polnomochija-dejstvujuschego-parlamenta-kazahstana-prekratjatsja-s-1-ijulja.html \
  --source-title "Powers of the current Parliament of Kazakhstan will terminate from July 1" --publisher Gazeta.kg
$S abolish-office "Chairman of the Senate of Kazakhstan" --date 2026-07-01 --replaced-by "Chairman of the Kurultai of Kazakhstan" \
  --source https://gazeta.kg/en/world/169232-polnomochija-dejstvujuschego-parlamenta-kazahstana-prekratjatsja-s-1-ijulja.html
$S abolish-office "Chairman of the Mazhilis" --date 2026-07-01 --replaced-by "Chairman of the Kurultai of Kazakhstan" \
  --source https://gazeta.kg/en/world/169232-polnomochija-dejstvujuschego-parlamenta-kazahstana-prekratjatsja-s-1-ijulja.html
# 3. The vice presidency, abolished in 1996, exists again from 2026-07-01.
$S restore-office "Vice President of Kazakhstan" --date 2026-07-01 \
  --reason "The 1995 constitution had no vice president; the 2026 constitution restored the post" \
  --source https://qazinform.com/news/requirements-for-presidential-candidates-specified-in-draft-constitution-37c517 \
  --source-title "Requirements for presidential candidates specified in draft Constitution" --publisher Qazinform
# 4. The new order of succession: vice president, chairman of the Kurultai, prime minister.
for spec in "1|Vice President of Kazakhstan" "2|Chairman of the Kurultai of Kazakhstan" "3|Prime Minister of Kazakhstan"; do
  $S add-rule "President of Kazakhstan" "${spec#*|}" --order "${spec%%|*}" --edition "Constitution of Kazakhstan (2026)" --from 2026-07-01 \
    --note "Order set by the 2026 constitution as presented by the constitutional commission; a presidential election follows within two months" \
    --source https://www.kommersant.ru/doc/8377209 --publisher Kommersant --published 2026-01-24 \
    --source-title "Kommersant: vice president to act in case of early termination of the president's powers"
done
# 5. No source read names the chairman of the Kurultai elected after the 2026-08-23 election, nor a vice
#    president: both are open gaps, said as such (coverage counts them as explained, line-of-succession shows "vacant").
$S add-gap "Chairman of the Kurultai of Kazakhstan" --from 2026-07-01 \
  --reason "no holder recorded: the Kurultai was elected on 2026-08-23; no source read names its chairman" \
  --source https://qrnews.kz/en/news/dates-for-new-parliamentary-elections-confirmed-duYn0 --publisher "QR News" --published 2026-03-16 \
  --source-title "Dates for New Parliamentary Elections Confirmed"
$S add-gap "Vice President of Kazakhstan" --from 2026-07-01 \
  --reason "no holder recorded: the vice president is appointed with the Kurultai's consent within two months of its first session; no appointment found in the sources read" \
  --source https://gazeta.kg/en/world/169232-polnomochija-dejstvujuschego-parlamenta-kazahstana-prekratjatsja-s-1-ijulja.html
