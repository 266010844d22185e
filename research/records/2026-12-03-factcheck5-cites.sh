#!/bin/sh
# 2026-12-03: pages the round-5 fact-check read that confirm a checked date, cited on the tenure
# (research/power-vertical-5/factcheck5-result.yaml).
set -e
S=succession
T=https://w3id.org/succession-kb/id/tenure
$S cite $T/deputy-prime-minister-of-kazakhstan/yeraly-tugzhanov/2020-02 \
  --source https://elbasy.kz/en/news/2020-02/nursultan-nazarbayev-meets-yeraly-tugzhanov-deputy-prime-minister-kazakhstan \
  --source-title "Nursultan Nazarbayev meets Yeraly Tugzhanov, Deputy Prime Minister of Kazakhstan" --publisher "Office of the First President (elbasy.kz)"
$S cite $T/head-of-the-presidential-administration-of-kyrgyzstan/sapar-isakov/2017-03 \
  --source http://knews.kg/2017/08/almazbek-usenov-naznachen-rukovoditelem-apparata-prezidenta \
  --source-title "Алмазбек Усенов назначен руководителем аппарата президента" --publisher Knews.kg --published 2017-08-26
$S cite $T/secretary-of-the-security-council-of-kazakhstan/marat-tazhin/2005 \
  --source http://www.eurasianet.org/departments/insight/articles/eav011207a.shtml \
  --source-title "A Political Shake-up in Kazakhstan Strengthens Presidential Authority" --publisher EurasiaNet --published 2007-01-12
