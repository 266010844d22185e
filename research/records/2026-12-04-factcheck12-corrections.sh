#!/bin/sh
# Fact-check 12 (research/power-vertical-11/factcheck12-*.yaml): no item found wrong; two dates refined with
# the checker's pages.
set -e
# Jeenbekov defied the dismissal announced on 19 January 2006 and stayed on as acting governor until a new
# decree (read out in Jalal-Abad after 28 January) moved him to Talas: the end is known to the month.
succession correct "Jusupjan Jeenbekov" "Governor of Jalal-Abad Region" --start 2005 --set end=2006-01 \
  --reason "19 January 2006 is the day his dismissal was announced; he stayed on as acting governor until a new decree later that month" \
  --source "https://www.azattyk.org/a/1248152.html" --source-title "Жусупжан Жээнбеков Таласка губернатор болуп дайындалды" \
  --publisher "Azattyk (RFE/RL Kyrgyz service)"
succession add-alt-date "https://w3id.org/succession-kb/id/tenure/governor-of-jalal-abad-region/jusupjan-jeenbekov/2005" \
  --field end --date 2006-01-19 --note "the day his dismissal was announced (he defied it)" \
  --source "https://www.rferl.org/a/1065021.html"
# Orazov: German Wikipedia ends his central-bank chairmanship in 1999, the Russian article (read in a French
# copy) in 2000: both kept.
succession add-alt-date "https://w3id.org/succession-kb/id/tenure/chairman-of-the-central-bank-of-turkmenistan/hudayberdi-orazov/1993" \
  --field end --date 2000 --note "the Russian Wikipedia article gives 1993-2000 (read in a French copy)" \
  --source "https://perceptiofr.com/%D0%A5%D1%83%D0%B4%D0%B0%D0%B9%D0%B1%D0%B5%D1%80%D0%B4%D1%8B_%D0%9E%D1%80%D0%B0%D0%B7%D0%BE%D0%B2" \
  --source-title "Khudaiberdy Orazov (a French copy of the Russian Wikipedia article on him)" \
  --publisher "perceptiofr (copy of Wikipedia)"
