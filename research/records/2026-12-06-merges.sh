#!/bin/sh
# Two records of one man: Daniyal (Danial) Kenzhetayevich Akhmetov, akim of Pavlodar, prime minister, defence
# minister and akim of East Kazakhstan 2014-2023 (MGorod: "В разное время Ахметов занимал должности
# премьер-министра и министра обороны Казахстана", on his release as akim of East Kazakhstan).
set -e
succession merge-person https://w3id.org/succession-kb/id/person/daniyal-akhmetov https://w3id.org/succession-kb/id/person/danial-akhmetov --reason "one person, two spellings: the akim of East Kazakhstan released in June 2023 had been prime minister and defence minister" \
  --source https://mgorod.kz/news/danial-ahmetov-pokinul-post-akima-vko --source-title "Даниал Ахметов покинул пост акима ВКО" --publisher "Мой город (mgorod.kz)"
