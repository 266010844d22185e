#!/bin/sh
# Round 13 (research/power-vertical-11/): the unexplained gaps of the power vertical, one researcher per
# republic. Most pages found show a holder on a day without both ends of the tenure: those enter as
# attestations (`attest`), never as made-up tenures. Reviewed: Kholiqzoda's National Bank chairmanship ends in
# 2024 (year only: "former Governor of the National Bank (2020-2024)", now First Deputy Prime Minister), which
# the page showing Tolibzoda in office on 2024-01-30 agrees with. Left out of the Turkmen batch: Orazov's deputy
# chairmanship of the cabinet "1999-2000" (its start is the researcher's reading of "then, until 2000").
# Changed in the Kyrgyz batch: Sutalinov's two days as prosecutor-general (23-25 March 2005) enter as an
# attestation on 23 March, since the tenure after him (Beknazarov) is dated only to March 2005.
set -e
for f in research/batches/2026-12-04-vertical11-*.yaml; do
  succession apply -q "$f"
done
succession end-tenure "Hokim Kholiqzoda" "Chairman of the National Bank of Tajikistan" --date 2024 --reason appointed-elsewhere \
  --source "https://www.beyondinvestmentsgroup.com/tajikistan-2025/hokim-kholiqzoda" \
  --source-title "Hokim Kholiqzoda - First Deputy Prime Minister of Tajikistan (The Investor Tajikistan 2025)" \
  --publisher "Beyond Investments Group"
# Kyrgyzstan: "Keneshbek Duishebaev" (recorded with no office, "Keneshbek Dushebaev" among his aliases) and
# "Keneshbek Dushebaev" (interior minister, March 2005) are one man; Tengrinews spells the GKNB head of April
# 2010 "Кенешбек Душебаев" like the minister of 2005.
succession merge-person "https://w3id.org/succession-kb/id/person/keneshbek-dushebaev" "https://w3id.org/succession-kb/id/person/keneshbek-duishebaev" \
  --reason "one person, two spellings (Душебаев, Дуйшебаев): the second record already listed the first name as an alias" \
  --source "https://tengrinews.kz/unsort/vremennoe-pravitelstvo-kirgizii-uvolilo-poslov-rossii-ssha-46541/amp" \
  --source-title "Временное правительство Киргизии уволило послов в России и США" --publisher Tengrinews --published 2010-04-12
succession apply -q research/batches/2026-12-04-vertical11-kyrgyzstan.yaml
# Kudaiberdiev's defence ministry: Nezavisimaya Gazeta dates it from May 2010 (recorded), Itar-Tass from his
# appointment on 22 July 2010, two days after Isakov resigned to stand in the elections: both kept.
succession add-alt-date "https://w3id.org/succession-kb/id/tenure/minister-of-defence-of-kyrgyzstan/abibilla-kudaiberdiev/2010-05" \
  --field start --date 2010-07-22 \
  --note "Itar-Tass: Otunbayeva appointed him defence minister on 22 July 2010; Ismail Isakov, confirmed minister on 12 April 2010, had resigned two days earlier to run in the elections" \
  --source "http://m.oananews.org/node/134240" --source-title "Abibulla Kudaiberdyev appointed Kyrgyz defence minister (Itar-Tass)" \
  --publisher "OANA (Itar-Tass)" --published 2010-07-22
