# Rules in force today for Uzbekistan (2023 constitution) and Turkmenistan (after the 2023 amendment),
# recorded with the CLI's rule commands on 2026-12-01.
set -e
S=.venv/bin/succession
$S add-rule "President of Uzbekistan" "Chairman of the Senate of Uzbekistan" --order 1 --edition "Constitution of Uzbekistan (2023)" \
  --from 2023-05-01 --article "Article 112" \
  --note "If the president cannot perform his duties they pass temporarily to the Chairman of the Senate; a presidential election is held within three months" \
  --source "https://uzbekistan.jp/news/24649?language=ru" --publisher "Embassy of the Republic of Uzbekistan in Japan" \
  --source-title "Constitutional law on the Constitution of the Republic of Uzbekistan (new edition, 2023), text"
$S cite https://w3id.org/succession-kb/id/rule/president-of-uzbekistan/1/chairman-of-the-senate-of-uzbekistan/2023-05-01 \
  --source https://github.com/shaxzodburxonov2005/MyKONSTITUTSIYASI/blob/HEAD/app/src/main/java/com/example/mykonstitutsiyasi/AllFragment.kt \
  --source-title "Uzbek text of the 2023 Constitution, Article 112 (copy in an app's source code)" --publisher "GitHub (copy)"
$S add-rule "President of Turkmenistan" "Chairman of the Mejlis" --order 1 --edition "Amendment of the Constitution of Turkmenistan (2023)" \
  --from 2023-01-21 \
  --note "Uncertain: only Wikipedia's infobox ('Succession: Chairman of the Assembly') was found; no text of the amended article was read" \
  --source https://backend.710302.xyz/https/en.wikipedia.org/wiki/President_of_Turkmenistan \
  --source-title "President of Turkmenistan (copy of https://en.wikipedia.org/wiki/President_of_Turkmenistan)" --publisher "Wikipedia (copy)"
# The deputy chairmen of Turkmenistan's Cabinet (the acting office of 2006-2016) are several at a time.
$S correct-office "Deputy Chairman of the Cabinet of Ministers of Turkmenistan" --set seats=4 \
  --reason "Several deputy chairmen serve at once: at least four are named at the Cabinet meeting of 2026-01-23 (TDH); the full roster is usually larger, so this is a lower bound" \
  --source https://www.tdh.gov.tm/en/post/47500/meeting-cabinet-ministers-turkmenistan-144 \
  --source-title "The meeting of the Cabinet of Ministers of Turkmenistan" --publisher "TDH (State News Agency of Turkmenistan)" --published 2026-01-23
