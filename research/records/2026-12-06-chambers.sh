#!/bin/sh
# The bicameral parliaments that replaced the unicameral ones (Uzbekistan January 2005, Tajikistan 2000), so
# that who-holds on an abolished chamber chair names the chairs that replaced it; and the press names
# "speaker of the lower house of the Uzbek/Tajik parliament", "head of the upper house".
set -e
S=succession
for new in "Speaker of the Legislative Chamber of Uzbekistan" "Chairman of the Senate of Uzbekistan"; do
  $S add-office "$new" --kind chamber-chair --country Uzbekistan --replaces "Chairman of the Oliy Majlis" \
    --source http://www.senat.gov.uz/en/index.html --source-title "The Senate of the Oliy Majlis of the Republic of Uzbekistan: Welcome address" \
    --publisher "Senate of the Oliy Majlis of Uzbekistan"
done
$S add-office "Speaker of the Legislative Chamber of Uzbekistan" --kind chamber-chair --country Uzbekistan \
  --alias "Speaker of the lower house of the Uzbek parliament" --alias "Спикер нижней палаты парламента Узбекистана" \
  --source https://tass.ru/mezhdunarodnaya-panorama/22428641 \
  --source-title "Спикером нижней палаты парламента Узбекистана избрали Нуриддина Исмаилова" --publisher TASS
$S add-office "Chairman of the Senate of Uzbekistan" --kind chamber-chair --country Uzbekistan \
  --alias "Head of the upper house of the Uzbek parliament" --alias "глава верхней палаты парламента Узбекистана" \
  --source https://ria24.today/news/vpervye-v-istorii-uzbekistana-senat/380092 \
  --source-title "Впервые в истории Узбекистана Сенат парламента возглавила женщина" --publisher "RIA24"
for new in "Chairman of the Majlisi Namoyandagon" "Chairman of the Majlisi Milli"; do
  $S add-office "$new" --kind chamber-chair --country Tajikistan --replaces "Chairman of the Supreme Soviet of Tajikistan" \
    --source https://www.globalsecurity.org/military/world/centralasia/tajik-politics-2000.htm \
    --source-title "Tajikistan - Politics 2000" --publisher GlobalSecurity.org
done
$S add-office "Chairman of the Majlisi Namoyandagon" --kind chamber-chair --country Tajikistan \
  --alias "Speaker of the lower house of the Tajik parliament" --alias "Спикер нижней палаты парламента Таджикистана" \
  --source http://tj.gumilev-center.ru/tag/shukurdzhon-zuhurov/ \
  --source-title "Шукурджон Зухуров (tag page)" --publisher "Gumilev Centre (Tajikistan)"
