#!/bin/sh
# Two records of one man: Kanatbek (Kanat) Isaev, plenipotentiary representative of the government in Chüy
# region until 29 June 2015, who in May 2015 became head of the party "Kyrgyzstan" (KirTAG 2015-05-21), and the
# leader of that party's faction in the Jogorku Kenesh (24.kg: "лидер фракции «Кыргызстан» Канатбек Исаев";
# bulak.kg 2021: "“Кыргызстан” фракциясынын лидери Канат Исаев") who was Toraga in October-November 2020.
set -e
succession merge-person "Kanatbek Isayev" https://w3id.org/succession-kb/id/person/kanat-isaev --reason "one person, two spellings: the Chüy plenipotentiary Kanat Isaev headed the party Kyrgyzstan from May 2015 (KirTAG); its faction leader is Kanatbek Isaev (24.kg, https://24.kg/vlast/36859_koalitsiyu_parlamentskogo_bolshinstva_vozglavit_kanatbek_isaev/), called Kanat Isaev too (bulak.kg 2021)" \
  --source https://kyrtag.kg/ru/news/polpred-pravitelstva-v-chuyskoy-oblasti-vozglavil-politicheskuyu-partiyu-kyrgyzstan --source-title "Полпред правительства в Чуйской области возглавил политическую партию «Кыргызстан»" --publisher "KirTAG" --published 2015-05-21
