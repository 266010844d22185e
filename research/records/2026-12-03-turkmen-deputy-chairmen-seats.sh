#!/bin/sh
# 2026-12-03: the Cabinet of Ministers of Turkmenistan formed on 25 March 2022 has nine deputy chairmen
# (Turkmennebit, official; Turkmenistan News Gazette names all nine); the record had four seats.
set -e
succession correct-office "Deputy Chairman of the Cabinet of Ministers of Turkmenistan" --set seats=9 \
  --reason "the Cabinet of Ministers formed on 25 March 2022 includes 9 deputy chairmen (10 in the cabinet of February 2017)" \
  --source https://turkmennebit.gov.tm/en/articles/411 --source-title "Turkmenistan Forms New Government" \
  --publisher "Turkmennebit (State Concern of Turkmenistan)" --published 2022-03-28
succession cite https://w3id.org/succession-kb/id/office/deputy-chairman-of-the-cabinet-of-ministers-of-turkmenistan \
  --source https://turkmenistannewsgazette.com/president-of-turkmenistan-appoints-vice-premiers-of-the-new-government/ \
  --source-title "President of Turkmenistan appoints vice-premiers of the new government" --publisher "Turkmenistan News Gazette"
